// Convergence diagnostics for scalar MCMC traces: split-R-hat and effective sample size (Gelman et al., BDA3 §11.4–11.5).

function meanVar(x: ArrayLike<number>, from: number, to: number): [number, number] {
  let m = 0;
  for (let i = from; i < to; i++) m += x[i]!;
  m /= to - from;
  let v = 0;
  for (let i = from; i < to; i++) v += (x[i]! - m) * (x[i]! - m);
  return [m, v / (to - from - 1)];
}

/** Split-R-hat: every chain cut in halves, then the potential scale reduction over the 2m half-chains. */
export function splitRhat(chains: ArrayLike<number>[]): number {
  const halves: Array<[number, number]> = [];
  let len = Infinity;
  for (const c of chains) len = Math.min(len, c.length);
  const h = Math.floor(len / 2);
  if (h < 2) return NaN;
  for (const c of chains) {
    halves.push(meanVar(c, 0, h));
    halves.push(meanVar(c, h, 2 * h));
  }
  const m = halves.length;
  const grand = halves.reduce((s, [mu]) => s + mu, 0) / m;
  const b = (h / (m - 1)) * halves.reduce((s, [mu]) => s + (mu - grand) * (mu - grand), 0);
  const w = halves.reduce((s, [, v]) => s + v, 0) / m;
  if (w === 0) return b === 0 ? 1 : Infinity;
  const varPlus = ((h - 1) / h) * w + b / h;
  return Math.sqrt(varPlus / w);
}

/** Autocovariance of one chain at lags 0…maxLag (direct sum; traces here are a few thousand draws). */
function autocovariance(x: ArrayLike<number>, n: number, maxLag: number): Float64Array {
  const [m] = meanVar(x, 0, n);
  const out = new Float64Array(maxLag + 1);
  for (let lag = 0; lag <= maxLag; lag++) {
    let s = 0;
    for (let i = 0; i + lag < n; i++) s += (x[i]! - m) * (x[i + lag]! - m);
    out[lag] = s / n;
  }
  return out;
}

/** Multi-chain effective sample size with Geyer's initial monotone sequence (as Stan). */
export function effectiveSampleSize(chains: ArrayLike<number>[]): number {
  let n = Infinity;
  for (const c of chains) n = Math.min(n, c.length);
  const m = chains.length;
  if (n < 4) return NaN;
  const maxLag = n - 1;
  const acov = chains.map((c) => autocovariance(c, n, maxLag));
  const means = chains.map((c) => meanVar(c, 0, n)[0]);
  const grand = means.reduce((a, b) => a + b, 0) / m;
  const w = acov.reduce((s, a) => s + (a[0]! * n) / (n - 1), 0) / m;
  const b = m > 1 ? (n / (m - 1)) * means.reduce((s, mu) => s + (mu - grand) * (mu - grand), 0) : 0;
  const varPlus = ((n - 1) / n) * w + b / n;
  if (!(varPlus > 0)) return m * n;
  const rho = (t: number) => 1 - (w - acov.reduce((s, a) => s + a[t]!, 0) / m) / varPlus;
  // Sum pairs Γ_k = ρ(2k) + ρ(2k+1) while positive, forcing them to be non-increasing.
  let sum = 0;
  let prev = Infinity;
  for (let k = 0; 2 * k + 1 <= maxLag; k++) {
    let pair = rho(2 * k) + rho(2 * k + 1);
    if (pair <= 0) break;
    if (pair > prev) pair = prev;
    prev = pair;
    sum += pair;
  }
  const tau = Math.max(-1 + 2 * sum, 1 / Math.log10(m * n));
  return (m * n) / tau;
}
