import type { Uniform } from './rng.ts';

// Samplers over any uniform source. Events are rare, so clarity beats speed here.

export function exponential(u: Uniform, mean: number): number {
  return -mean * Math.log(1 - u());
}

/** Standard normal by Box–Muller (one value per two uniforms). */
export function normal(u: Uniform): number {
  const a = 1 - u();
  const b = u();
  return Math.sqrt(-2 * Math.log(a)) * Math.cos(2 * Math.PI * b);
}

/** Gamma(shape, scale) by Marsaglia–Tsang; shape < 1 through the boost u^(1/shape). */
export function gamma(u: Uniform, shape: number, scale: number): number {
  if (shape < 1) return gamma(u, shape + 1, scale) * Math.pow(1 - u(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(u);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const w = 1 - u();
    if (w < 1 - 0.0331 * x * x * x * x || Math.log(w) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v * scale;
  }
}

/** Gamma given its mean and shape (scale = mean / shape). */
export function gammaMean(u: Uniform, mean: number, shape: number): number {
  return gamma(u, shape, mean / shape);
}

export function beta(u: Uniform, a: number, b: number): number {
  const x = gamma(u, a, 1);
  return x / (x + gamma(u, b, 1));
}

/** Poisson by inversion for small means, by the normal approximation with continuity beyond 60. */
export function poisson(u: Uniform, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 60) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(u)));
  let k = 0;
  let p = Math.exp(-mean);
  let f = p;
  const x = u();
  while (x > f && k < 1000) {
    k++;
    p *= mean / k;
    f += p;
  }
  return k;
}

/** Binomial(n, p): inversion for small n·p, normal approximation for large. */
export function binomial(u: Uniform, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(u, n, 1 - p);
  const m = n * p;
  if (m > 60 && n * (1 - p) > 60) return Math.min(n, Math.max(0, Math.round(m + Math.sqrt(m * (1 - p)) * normal(u))));
  const q = p / (1 - p);
  let k = 0;
  let pk = Math.pow(1 - p, n);
  let f = pk;
  const x = u();
  while (x > f && k < n) {
    pk *= (q * (n - k)) / (k + 1);
    k++;
    f += pk;
  }
  return k;
}

/** Negative binomial with the given mean and dispersion (variance = mean + mean²/size): Poisson–gamma mixture. */
export function negativeBinomial(u: Uniform, mean: number, size: number): number {
  return poisson(u, gamma(u, size, mean / size));
}

/** Index drawn from non-negative weights (total > 0). */
export function categorical(x: number, weights: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i];
  let t = x * total;
  for (let i = 0; i < weights.length; i++) {
    t -= weights[i];
    if (t < 0) return i;
  }
  return weights.length - 1;
}
