// The estimators' seeded generator: the shared xoshiro128** (src/random) with mse's own seed derivation, so
// chains and replicates get their own streams and every estimate is reproducible on any machine.
import { polarNormal, type NormalSource, type Uniform, type Rng as SharedRng, Xoshiro128 } from '../../random/index.ts';

/** Uniform random source: the shared `Rng` (src/random/rng.ts) plus what the estimators draw. */
export interface Rng extends SharedRng {
  /** Uniform on the open interval (0, 1), 32 bits of resolution (never exactly 0 or 1). */
  next(): number;
  /** Uniform on [0, 1) with 53 random bits, for where resolution matters. */
  next53(): number;
  /** Standard normal (polar method; the second value of each pair is kept for the next call). */
  normal(): number;
  /** `next` as a plain function, for the samplers of src/random (one word per uniform: cheap in hot loops). */
  readonly uniform01: Uniform;
  /** `normal` as a plain function, for the samplers of src/random. */
  readonly normals: NormalSource;
}

class MseRng extends Xoshiro128 implements Rng {
  readonly uniform01: Uniform;
  readonly normals: NormalSource;

  constructor(seed: number, stream: number) {
    super((Math.floor(seed) ^ Math.imul(stream + 1, 0x27d4eb2d)) >>> 0);
    this.uniform01 = () => this.uniformOpen();
    this.normals = polarNormal(this.uniform01);
  }

  next(): number {
    return this.uniformOpen();
  }

  next53(): number {
    return this.uniform();
  }

  normal(): number {
    return this.normals();
  }
}

/** xoshiro128** seeded through splitmix32; `stream` gives independent-looking sub-streams (chains, replicates). */
export function createRng(seed: number, stream = 0): Rng {
  return new MseRng(seed, stream);
}
