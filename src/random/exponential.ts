import type { Uniform } from './uniform.ts';

/** Exponential with the given mean, by inversion (1 − u is in (0, 1], safe inside log). */
export function exponential(u: Uniform, mean = 1): number {
  return -mean * Math.log(1 - u());
}
