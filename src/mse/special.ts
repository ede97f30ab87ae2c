// Poisson tail probabilities for the goodness-of-fit checks. The general special functions (log-gamma, the
// normal distribution, log-sum-exp) live in src/stats.
import { logGamma } from '../stats/index.ts';

/** log of the Poisson pmf. */
export function poissonLogPmf(k: number, mean: number): number {
  if (mean === 0) return k === 0 ? 0 : -Infinity;
  return k * Math.log(mean) - mean - logGamma(k + 1);
}

/** P(X ≤ k) and P(X ≥ k) for X ~ Poisson(mean), summed in the log domain from the mode outwards. */
export function poissonTails(k: number, mean: number): { lower: number; upper: number } {
  const total = (from: number, to: number): number => {
    let s = 0;
    for (let i = from; i <= to; i++) s += Math.exp(poissonLogPmf(i, mean));
    return s;
  };
  const hi = Math.max(k, Math.ceil(mean + 40 * Math.sqrt(mean + 1) + 40));
  const lower = Math.min(1, total(0, k));
  const upper = Math.min(1, k === 0 ? 1 : total(k, hi));
  return { lower, upper };
}
