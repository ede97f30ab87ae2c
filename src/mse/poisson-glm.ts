// Poisson log-linear GLM by iteratively reweighted least squares.
import { choleskySolve } from './linalg.ts';
import { logGamma } from '../stats/index.ts';

export interface PoissonFit {
  beta: Float64Array;
  mu: Float64Array;
  /** Full Poisson log-likelihood (with the −log y! terms), as R's logLik. */
  logLik: number;
  deviance: number;
  converged: boolean;
  iterations: number;
  /** Var(β₀): the intercept's entry of (XᵀWX)⁻¹ at the fit (all the estimators need). */
  interceptVariance: number;
}

/** Fit log μ = Xβ to counts y; X is rows×p row-major. `start` warm-starts from fitted means. */
export function fitPoisson(
  x: Float64Array,
  y: ArrayLike<number>,
  rows: number,
  p: number,
  start?: ArrayLike<number>,
): PoissonFit {
  const mu = new Float64Array(rows);
  const eta = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    mu[i] = start ? Math.max(start[i]!, 1e-8) : y[i]! + 0.1;
    eta[i] = Math.log(mu[i]!);
  }
  const xtwx = new Float64Array(p * p);
  const xtwz = new Float64Array(p);
  let beta: Float64Array = new Float64Array(p);
  let dev = deviance(y, mu, rows);
  let converged = false;
  let iterations = 0;
  for (; iterations < 100; iterations++) {
    xtwx.fill(0);
    xtwz.fill(0);
    for (let i = 0; i < rows; i++) {
      const w = mu[i]!;
      const z = eta[i]! + (y[i]! - mu[i]!) / mu[i]!;
      const off = i * p;
      for (let a = 0; a < p; a++) {
        const xa = x[off + a]!;
        if (xa === 0) continue;
        xtwz[a]! += xa * w * z;
        for (let b = 0; b <= a; b++) xtwx[a * p + b]! += xa * w * x[off + b]!;
      }
    }
    for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) xtwx[b * p + a] = xtwx[a * p + b]!;
    const sol = choleskySolve(xtwx, xtwz, p);
    if (!sol) break;
    beta = sol.x;
    for (let i = 0; i < rows; i++) {
      let s = 0;
      const off = i * p;
      for (let a = 0; a < p; a++) s += x[off + a]! * beta[a]!;
      eta[i] = s;
      mu[i] = Math.exp(s);
    }
    const newDev = deviance(y, mu, rows);
    if (Math.abs(newDev - dev) / (Math.abs(newDev) + 0.1) < 1e-11) {
      dev = newDev;
      converged = true;
      iterations++;
      break;
    }
    dev = newDev;
  }
  // Covariance at the final means.
  xtwx.fill(0);
  for (let i = 0; i < rows; i++) {
    const off = i * p;
    for (let a = 0; a < p; a++) for (let b = 0; b <= a; b++) xtwx[a * p + b]! += x[off + a]! * mu[i]! * x[off + b]!;
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) xtwx[b * p + a] = xtwx[a * p + b]!;
  const e0 = new Float64Array(p);
  e0[0] = 1;
  const sol0 = choleskySolve(xtwx, e0, p);
  if (!sol0) converged = false;
  let logLik = 0;
  for (let i = 0; i < rows; i++) logLik += (y[i]! > 0 ? y[i]! * Math.log(mu[i]!) : 0) - mu[i]! - logGamma(y[i]! + 1);
  return { beta, mu, logLik, deviance: dev, converged, iterations, interceptVariance: sol0 ? sol0.x[0]! : NaN };
}

function deviance(y: ArrayLike<number>, mu: Float64Array, rows: number): number {
  let d = 0;
  for (let i = 0; i < rows; i++) d += 2 * ((y[i]! > 0 ? y[i]! * Math.log(y[i]! / mu[i]!) : 0) - (y[i]! - mu[i]!));
  return d;
}
