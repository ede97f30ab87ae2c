import { splitmix32 } from './splitmix32.ts';
import type { Uniform } from './uniform.ts';
import type { Rng } from './rng.ts';

const TWO32 = 4294967296;
const TWO53 = 9007199254740992;
const TWO26 = 67108864;

/**
 * xoshiro128** (Blackman & Vigna) on 32-bit words, its state filled by splitmix32 from one 32-bit seed word.
 * Only 32-bit integer arithmetic and IEEE doubles are involved, so a seed gives the same numbers on any machine.
 * Areas derive the seed word their own way (e.g. mixing in a stream number) and keep their streams.
 */
export class Xoshiro128 implements Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  /** This generator as a plain `Uniform` (53-bit, [0, 1)), bound once so hot loops pass it without allocating. */
  readonly u: Uniform;

  constructor(seedWord: number) {
    const next = splitmix32(seedWord);
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
    this.u = () => this.uniform();
  }

  /** A generator with the given raw state (four 32-bit words, not all zero): for reference vectors. */
  static fromState(state: readonly [number, number, number, number]): Xoshiro128 {
    const g = new Xoshiro128(0);
    [g.s0, g.s1, g.s2, g.s3] = state;
    return g;
  }

  /** Next 32-bit unsigned integer. */
  nextUint32(): number {
    const s1 = this.s1;
    const r = Math.imul(s1, 5);
    const result = Math.imul((r << 7) | (r >>> 25), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }

  /** Uniform on [0, 1) with 53 random bits (two words). */
  uniform(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * TWO26 + lo) / TWO53;
  }

  /** Uniform on the open interval (0, 1) with 32 bits (one word): never exactly 0 or 1, safe inside log(). */
  uniformOpen(): number {
    return (this.nextUint32() + 0.5) / TWO32;
  }
}
