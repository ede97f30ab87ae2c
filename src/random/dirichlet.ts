import { categorical } from './categorical.ts';
import { gamma } from './gamma.ts';
import type { NormalSource, Uniform } from './uniform.ts';

/** Dirichlet(alpha) written into out, as normalised gammas. */
export function dirichlet(
  u: Uniform,
  alpha: ArrayLike<number>,
  out: Float64Array = new Float64Array(alpha.length),
  normal?: NormalSource,
): Float64Array {
  let sum = 0;
  for (let i = 0; i < alpha.length; i++) {
    out[i] = gamma(u, alpha[i]!, 1, normal);
    sum += out[i]!;
  }
  if (sum === 0) {
    // Every gamma underflowed (tiny shapes): put the mass on one category drawn in proportion to alpha.
    const k = categorical(u(), alpha);
    out.fill(0);
    out[k] = 1;
    return out;
  }
  for (let i = 0; i < alpha.length; i++) out[i]! /= sum;
  return out;
}
