import { binomial } from './binomial.ts';
import type { Uniform } from './uniform.ts';

/**
 * Multinomial(n, weights) into out (weights need not sum to 1), by sequential binomials.
 * Only the first k entries of weights and out are used.
 */
export function multinomial<T extends Float64Array | Int32Array = Float64Array>(
  u: Uniform,
  n: number,
  weights: ArrayLike<number>,
  out: T = new Float64Array(weights.length) as T,
  k = weights.length,
): T {
  let total = 0;
  let last = -1;
  for (let i = 0; i < k; i++) {
    total += weights[i]!;
    if (weights[i]! > 0) last = i;
  }
  let left = n;
  for (let i = 0; i < k; i++) {
    const w = weights[i]!;
    if (left === 0 || !(w > 0)) {
      out[i] = 0;
      continue;
    }
    // The last class with weight takes the remainder, so rounding never strands a count.
    const x = i === last ? left : binomial(u, left, Math.min(1, w / total));
    out[i] = x;
    left -= x;
    total -= w;
  }
  return out;
}
