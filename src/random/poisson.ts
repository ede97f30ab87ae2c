import { logFactorial } from '../stats/index.ts';
import type { Uniform } from './uniform.ts';

/** Poisson(mean), exact: multiplication method below 10, Hörmann's PTRS (1993) above (O(1) per draw). */
export function poisson(u: Uniform, mean: number): number {
  if (!(mean >= 0) || !Number.isFinite(mean)) throw new RangeError(`poisson needs a finite mean ≥ 0 (got ${mean})`);
  if (mean === 0) return 0;
  if (mean < 10) {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = u();
    while (p > limit) {
      k++;
      p *= u();
    }
    return k;
  }
  const slam = Math.sqrt(mean);
  const loglam = Math.log(mean);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const us0 = u() - 0.5;
    const v = 1 - u(); // (0, 1]: safe inside log
    const us = 0.5 - Math.abs(us0);
    const k = Math.floor(((2 * a) / us + b) * us0 + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -mean + k * loglam - logFactorial(k))
      return k;
  }
}
