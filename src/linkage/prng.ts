/**
 * The linkage's seeded generator: the shared xoshiro128** (src/random) seeded by the seed itself, with the
 * few helpers blocking, EM start values and the test worlds need.
 */
import { poisson, type Rng as SharedRng, Xoshiro128 } from '../random/index.ts';

export class Rng extends Xoshiro128 implements SharedRng {
  constructor(seed: number) {
    super(seed >>> 0);
  }

  /** Uniform 32-bit unsigned integer. */
  nextU32(): number {
    return this.nextUint32();
  }

  /** Uniform in [0, 1) with 53 random bits. */
  next(): number {
    return this.uniform();
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** Bernoulli(p). */
  chance(p: number): boolean {
    return this.uniform() < p;
  }

  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }

  /** Fisher–Yates shuffle in place. */
  shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [xs[i], xs[j]] = [xs[j]!, xs[i]!];
    }
    return xs;
  }

  /** Poisson(λ), exact (src/random/poisson.ts). */
  poisson(lambda: number): number {
    return poisson(this.u, lambda);
  }
}
