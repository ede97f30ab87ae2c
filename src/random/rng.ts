import type { Uniform } from './uniform.ts';

/**
 * A seeded sequential generator: the one interface every area's generator implements (xoshiro128** here,
 * the linkage's and the estimators' wrappers of it, the identity layer's keyed sfc32). Each keeps its own
 * algorithm and seed derivation, so no generated number changes; code that only needs draws takes an `Rng`
 * (or, for the samplers of src/random, a plain `Uniform`).
 *
 * The simulation's own draws are not sequential: they are counter-based (src/sim/rng.ts), a pure function
 * of (stream, soldier, day), and reach the samplers as a `Uniform`.
 */
export interface Rng {
  /** A raw 32-bit unsigned integer. */
  nextUint32(): number;
  /** Uniform on [0, 1), at the implementation's resolution (53 bits for xoshiro128**, 32 for sfc32). */
  uniform(): number;
}

/** A generator's `uniform` as a plain `Uniform`, for the samplers. */
export function uniformOf(rng: Rng): Uniform {
  return () => rng.uniform();
}
