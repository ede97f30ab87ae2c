// The simulation's samplers over a `Uniform` (counter streams or `sequence`). They are the shared ones in
// src/random, which use exactly the algorithms (and order of operations) the model was built on, so its
// draws — and the committed scenario figures — stay bit-identical; test/sim/rng.test.ts pins that.
import { gamma } from '../random/index.ts';
import type { Uniform } from './rng.ts';

export { beta } from '../random/index.ts';
export { categorical } from '../random/index.ts';
export { exponential } from '../random/index.ts';
export { gamma } from '../random/index.ts';
export { normal } from '../random/index.ts';

/** Gamma given its mean and shape (scale = mean / shape): the delay parameterisation of the mechanisms. */
export function gammaMean(u: Uniform, mean: number, shape: number): number {
  return gamma(u, shape, mean / shape);
}
