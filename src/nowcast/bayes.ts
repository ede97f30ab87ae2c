import { type Nowcast, periodRow, summariseDraws } from './nowcast-result.ts';
import { Rng } from './rng.ts';
import { type ReportingTriangle, lastObserved, reportedSoFar } from './triangle.ts';

/**
 * Bayesian smoothed nowcast in the manner of NobBS (McGough et al. 2020), Poisson version:
 *   n[t,d] ~ Poisson(λ_t β_d),  log λ_t = α_t,  α_t ~ N(α_{t−1}, 1/τ),  α_1 ~ N(0, 1/0.001),
 *   τ ~ Gamma(0.001, 0.001),  β ~ Dirichlet(0.1, …).
 *
 * Sampler (data-augmentation Gibbs, partially collapsed):
 *  1. each α_t given β, τ and its neighbours, with the unobserved cells summed out: the observed part
 *     of row t is Poisson(λ_t F_t) with F_t the delay mass already observed. Independence
 *     Metropolis–Hastings with a Laplace proposal at the conditional mode (log-concave target, so
 *     acceptance is high);
 *  2. τ | α: conjugate gamma;
 *  3. the unobserved cells | α, β: Poisson;
 *  4. β | completed triangle: conjugate Dirichlet.
 * Step 1 draws from a conditional that integrates out the cells that step 3 redraws at once after it,
 * so the chain keeps the joint posterior invariant. The newest row, whose observed mass F_t is small,
 * is carried by the random walk instead of being divided by F_t — so it does not blow up as chain
 * ladder does.
 */
export interface BayesOptions {
  /** Rows of history the model sees (default min(all, max(4·(maxDelay+1), 60))). */
  window?: number;
  burnIn?: number;
  samples?: number;
  seed?: number;
  /** Dirichlet concentration of the delay prior (NobBS: 0.1). */
  betaPrior?: number;
  /** Gamma(shape, rate) prior of the random-walk precision (NobBS: 0.001, 0.001). */
  tauPrior?: [number, number];
}

export function bayesNowcast(tri: ReportingTriangle, opts: BayesOptions = {}): Nowcast {
  const T = tri.counts.length;
  const D = tri.maxDelay;
  const nD = D + 1;
  const W = Math.min(T, Math.max(opts.window ?? Math.max(4 * nD, 60), Math.min(T, nD + 1)));
  const burnIn = opts.burnIn ?? 1000;
  const samples = opts.samples ?? 2000;
  const seed = opts.seed ?? 1;
  const betaPrior = opts.betaPrior ?? 0.1;
  const [tauShape, tauRate] = opts.tauPrior ?? [0.001, 0.001];
  const rng = new Rng(seed);
  const t0 = T - W;

  // Observed data of the window, flat.
  const k = new Int32Array(W); // last observed delay per row
  const obs = new Float64Array(W);
  const colObs = new Float64Array(nD);
  for (let t = 0; t < W; t++) {
    const row = tri.counts[t0 + t]!;
    k[t] = lastObserved(row);
    obs[t] = reportedSoFar(row);
    for (let d = 0; d <= k[t]!; d++) colObs[d]! += row[d]!;
  }
  const incomplete: number[] = [];
  for (let t = 0; t < W; t++) if (k[t]! < D) incomplete.push(t);

  // Start: β from the observed columns, α from the observed totals scaled up by the observed mass.
  const beta = new Float64Array(nD);
  const cdf = new Float64Array(nD);
  let colTotal = 0;
  for (let d = 0; d < nD; d++) colTotal += colObs[d]! + betaPrior;
  for (let d = 0; d < nD; d++) beta[d] = (colObs[d]! + betaPrior) / colTotal;
  const updateCdf = () => {
    let s = 0;
    for (let d = 0; d < nD; d++) {
      s += beta[d]!;
      cdf[d] = s;
    }
    cdf[D] = 1;
  };
  updateCdf();
  const alpha = new Float64Array(W);
  for (let t = 0; t < W; t++) {
    const F = k[t]! >= 0 ? Math.max(cdf[k[t]!]!, 0.05) : 0.05;
    alpha[t] = Math.log((obs[t]! + 0.5) / F);
  }
  let tau = 10;

  const dirAlpha = new Float64Array(nD);
  const colMiss = new Float64Array(nD);
  const rowMiss = new Float64Array(W);
  const nInc = incomplete.length;
  const draws = Array.from({ length: nInc }, () => new Float64Array(samples));
  const betaMean = new Float64Array(nD);
  let tauSum = 0;
  let accepted = 0;
  let proposed = 0;

  const total = burnIn + samples;
  for (let it = 0; it < total; it++) {
    // 1. α_t | β, τ, neighbours (cells not yet observed summed out).
    for (let t = 0; t < W; t++) {
      let P = 0;
      let Pm = 0;
      if (t === 0) P += 0.001; // N(0, precision 0.001) on the first level
      if (t > 0) {
        P += tau;
        Pm += tau * alpha[t - 1]!;
      }
      if (t < W - 1) {
        P += tau;
        Pm += tau * alpha[t + 1]!;
      }
      const m = Pm / P;
      const y = obs[t]!;
      const F = k[t]! >= 0 ? cdf[k[t]!]! : 0;
      const logp = (a: number) => y * a - F * Math.exp(a) - 0.5 * P * (a - m) * (a - m);
      // Newton steps to the conditional mode (capped: the target is log-concave but exp grows fast).
      let a = alpha[t]!;
      for (let s = 0; s < 30; s++) {
        const e = F * Math.exp(a);
        const g = y - e - P * (a - m);
        const h = e + P;
        let step = g / h;
        if (step > 2) step = 2;
        else if (step < -2) step = -2;
        a += step;
        if (Math.abs(step) < 1e-8) break;
      }
      const sd = 1 / Math.sqrt(F * Math.exp(a) + P);
      const prop = a + sd * rng.normal();
      const cur = alpha[t]!;
      const zc = (cur - a) / sd;
      const zp = (prop - a) / sd;
      const logRatio = logp(prop) - logp(cur) + 0.5 * zp * zp - 0.5 * zc * zc;
      proposed++;
      if (logRatio >= 0 || Math.log(rng.uniformPos()) < logRatio) {
        alpha[t] = prop;
        accepted++;
      }
    }
    // 2. τ | α.
    let ss = 0;
    for (let t = 1; t < W; t++) ss += (alpha[t]! - alpha[t - 1]!) ** 2;
    tau = rng.gamma(tauShape + (W - 1) / 2, tauRate + ss / 2);
    // 3. Unobserved cells | α, β.
    colMiss.fill(0);
    for (let i = 0; i < nInc; i++) {
      const t = incomplete[i]!;
      const lam = Math.exp(alpha[t]!);
      let rm = 0;
      for (let d = k[t]! + 1; d < nD; d++) {
        const n = rng.poisson(lam * beta[d]!);
        colMiss[d]! += n;
        rm += n;
      }
      rowMiss[t] = rm;
    }
    // 4. β | completed triangle.
    for (let d = 0; d < nD; d++) dirAlpha[d] = betaPrior + colObs[d]! + colMiss[d]!;
    rng.dirichlet(dirAlpha, beta);
    updateCdf();

    if (it >= burnIn) {
      const s = it - burnIn;
      for (let i = 0; i < nInc; i++) draws[i]![s] = obs[incomplete[i]!]! + rowMiss[incomplete[i]!]!;
      for (let d = 0; d < nD; d++) betaMean[d]! += beta[d]! / samples;
      tauSum += tau;
    }
  }

  const byRow = new Map<number, Float64Array>();
  incomplete.forEach((t, i) => byRow.set(t0 + t, draws[i]!));
  const periods = tri.counts.map((row, t) => {
    const reported = reportedSoFar(row);
    const d = byRow.get(t);
    if (!d)
      return periodRow(tri.unit, tri.firstPeriod + t, reported, {
        estimate: reported,
        lo50: reported,
        hi50: reported,
        lo95: reported,
        hi95: reported,
      });
    return periodRow(tri.unit, tri.firstPeriod + t, reported, summariseDraws(d));
  });
  const warnings: string[] = [];
  const acceptance = proposed > 0 ? accepted / proposed : 1;
  if (acceptance < 0.5)
    warnings.push(`bayes: low acceptance of the level updates (${acceptance.toFixed(2)}); intervals may be rough`);
  const newest = draws.length > 0 ? draws[draws.length - 1]! : new Float64Array(0);
  return {
    method: 'bayes',
    unit: tri.unit,
    firstPeriod: tri.firstPeriod,
    periods,
    settings: {
      maxDelay: D,
      window: W,
      burnIn,
      samples,
      seed,
      betaPrior,
      tauPrior: [tauShape, tauRate],
      likelihood: 'poisson',
    },
    diagnostics: {
      delayPmf: Array.from(betaMean),
      randomWalkSd: 1 / Math.sqrt(tauSum / Math.max(1, samples)),
      acceptance,
      newestPeriodEss: effectiveSampleSize(newest),
    },
    warnings,
  };
}

/** Effective sample size of a chain from its autocorrelations (Geyer's initial positive sequence). */
export function effectiveSampleSize(x: ArrayLike<number>): number {
  const n = x.length;
  if (n < 4) return n;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i]!;
  mean /= n;
  let v0 = 0;
  for (let i = 0; i < n; i++) v0 += (x[i]! - mean) ** 2;
  if (v0 === 0) return n;
  const rho = (lag: number) => {
    let s = 0;
    for (let i = 0; i + lag < n; i++) s += (x[i]! - mean) * (x[i + lag]! - mean);
    return s / v0;
  };
  let sum = 0;
  for (let lag = 1; lag + 1 < n; lag += 2) {
    const pair = rho(lag) + rho(lag + 1);
    if (pair <= 0) break;
    sum += pair;
  }
  return n / (1 + 2 * sum);
}
