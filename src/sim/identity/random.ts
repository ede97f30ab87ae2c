// Counter-based randomness: every draw is keyed by (seed, stream, ids…), so a person's identity depends only on
// the seed and the person id, never on how many other people were drawn before or in what order. It stays here
// rather than in src/random: a keyed, short-lived generator per person is a different concept from the
// sequential xoshiro128** there, and the committed identity lists depend on these exact draws.

import type { Rng as SharedRng } from '../../random/index.ts';

/** murmur3's 32-bit finaliser: a cheap bijective mixer with good avalanche. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash a list of integers (each taken modulo 2^32, plus the high part of large ones) into one uint32. */
export function hashInts(...xs: number[]): number {
  let h = 0x9e3779b9;
  for (const x of xs) {
    const lo = x >>> 0;
    const hi = Math.floor(x / 4294967296) >>> 0;
    h = fmix32(Math.imul(h ^ lo, 0x27d4eb2d) + 0x165667b1);
    if (hi !== 0) h = fmix32(Math.imul(h ^ hi, 0x27d4eb2d) + 0x165667b1);
  }
  return h;
}

/** FNV-1a over UTF-16 code units, finalised: turns a source name into a stream number. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** Small fast PRNG (sfc32) seeded from a key hash; one instance per person or per record. */
export class Rng implements SharedRng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(key: number) {
    this.a = fmix32(key ^ 0xa511e9b3);
    this.b = fmix32(key ^ 0x63d83595);
    this.c = fmix32(key ^ 0x2f0f5a3b);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform on [0, 1) with 32 bits of resolution (plenty for table lookups and probabilities). */
  uniform(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** True with probability p (p ≤ 0 never, p ≥ 1 always); consumes one draw. */
  bernoulli(p: number): boolean {
    const u = this.uniform();
    return u < p;
  }

  /** Triangular distribution on [lo, hi] with mode m (inverse CDF). */
  triangular(lo: number, mode: number, hi: number): number {
    const u = this.uniform();
    const f = (mode - lo) / (hi - lo);
    return u < f ? lo + Math.sqrt(u * (hi - lo) * (mode - lo)) : hi - Math.sqrt((1 - u) * (hi - lo) * (hi - mode));
  }
}

/** An Rng keyed by the given integers. */
export function rngFor(...key: number[]): Rng {
  return new Rng(hashInts(...key));
}
