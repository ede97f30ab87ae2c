// Counter-based random numbers: a draw is a pure function of (run seed, decision, soldier, day),
// so results do not depend on agent order or worker count, and two scenarios share every draw
// the scenario does not touch (common random numbers). The mixer is a 32-bit integer hash
// (lowbias32 by C. Wellons) applied twice; its uniformity is tested in test/sim/rng.test.ts.

import type { Uniform } from '../random/index.ts';

const TWO_POW_M32 = 2.3283064365386963e-10;

/** Bijective 32-bit finaliser (xor-shift-multiply, "lowbias32"). */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Key of one decision stream in one run: computed once per run, not per draw. */
export function streamKey(seed: number, decision: number): number {
  return mix32(mix32((seed >>> 0) ^ 0x9e3779b9) ^ Math.imul(decision + 1, 0x85ebca6b));
}

/** 32-bit hash of (stream key, a, b); a is the soldier (or unit), b the day. */
export function hash3(key: number, a: number, b: number): number {
  return mix32(mix32(key ^ Math.imul(a + 1, 0x9e3779b1)) ^ Math.imul(b + 0x3c6ef372, 0xc2b2ae35));
}

/** Uniform in [0, 1) for (stream, soldier, day). */
export function u01(key: number, a: number, b: number): number {
  return hash3(key, a, b) * TWO_POW_M32;
}

/** A source of uniforms in [0, 1): the samplers' type (src/random/uniform.ts). */
export type { Uniform } from '../random/index.ts';

/**
 * Several uniforms for one (stream, soldier, day), e.g. for a gamma draw: the k-th is
 * hash3(key ^ mix(k), a, b). Used only on rare events (it allocates a closure).
 */
export function counterStream(key: number, a: number, b: number): Uniform {
  let k = 0;
  return () => hash3(key ^ mix32(++k * 0x27d4eb2f), a, b) * TWO_POW_M32;
}

/** Sequential seeded generator (splitmix32 over a Weyl sequence) for set-up and tests. */
export function sequence(seed: number): Uniform {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    return mix32(s) * TWO_POW_M32;
  };
}

/** Derive the seed of run r of an ensemble from the ensemble seed. */
export function runSeed(seed: number, run: number): number {
  return run === 0 ? seed >>> 0 : mix32((seed >>> 0) ^ mix32(run * 0x632be5ab + 1));
}
