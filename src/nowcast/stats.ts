/** Helpers particular to the nowcasting methods; the general ones (quantiles, the normal distribution) live in src/stats. */
import { normalQuantile } from '../stats/index.ts';

/**
 * Quantile of a lognormal with the given mean and standard deviation (moment matched). Used for the
 * not-yet-reported part, which cannot be negative. A zero mean or sd gives the mean itself.
 */
export function lognormalQuantile(mean: number, sd: number, p: number): number {
  if (Number.isNaN(mean) || Number.isNaN(sd)) return Number.NaN;
  if (!(mean > 0) || !(sd > 0)) return Math.max(0, mean);
  const s2 = Math.log(1 + (sd * sd) / (mean * mean));
  const mu = Math.log(mean) - s2 / 2;
  return Math.exp(mu + Math.sqrt(s2) * normalQuantile(p));
}

/**
 * Golden-section search for the minimum of a unimodal function on [lo, hi] (as R's optimize does,
 * without the parabolic steps).
 */
export function minimiseScalar(f: (x: number) => number, lo: number, hi: number, tol = 1e-6): number {
  const g = (Math.sqrt(5) - 1) / 2;
  let a = lo;
  let b = hi;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = f(c);
  let fd = f(d);
  while (Math.abs(b - a) > tol * (Math.abs(c) + Math.abs(d) + 1e-12)) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = f(d);
    }
  }
  return (a + b) / 2;
}
