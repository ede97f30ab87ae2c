/**
 * BLAKE2b (RFC 7693) with key, salt and personalisation, which Node's crypto cannot do
 * (createHash('blake2b512') takes no key). clkhash's blakeHash needs keyed, salted BLAKE2b-512.
 * 64-bit words are held as (low, high) pairs of 32-bit integers.
 */

const IV = new Uint32Array([
  0xf3bcc908, 0x6a09e667, 0x84caa73b, 0xbb67ae85, 0xfe94f82b, 0x3c6ef372, 0x5f1d36f1, 0xa54ff53a, 0xade682d1,
  0x510e527f, 0x2b3e6c1f, 0x9b05688c, 0xfb41bd6b, 0x1f83d9ab, 0x137e2179, 0x5be0cd19,
]);

const SIGMA = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
  [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
  [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
  [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
  [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
  [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
  [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
  [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
  [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
  [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
];
// Word indices doubled, for the (low, high) layout.
const SIGMA2 = new Uint8Array(12 * 16);
for (let r = 0; r < 12; r++) for (let i = 0; i < 16; i++) SIGMA2[r * 16 + i] = SIGMA[r % 10]![i]! * 2;

export interface Blake2bOptions {
  key?: Uint8Array;
  /** Up to 16 bytes; zero-padded, as Python's hashlib does. */
  salt?: Uint8Array;
  /** Up to 16 bytes; zero-padded. */
  personal?: Uint8Array;
  /** Digest length in bytes, 1..64 (default 64). */
  dkLen?: number;
}

// v[a] += v[b] (64-bit), on (low, high) pairs.
function add64(v: Uint32Array, a: number, b: number): void {
  const lo = v[a]! + v[b]!;
  let hi = v[a + 1]! + v[b + 1]!;
  if (lo >= 0x100000000) hi++;
  v[a] = lo;
  v[a + 1] = hi;
}

function add64c(v: Uint32Array, a: number, lo0: number, hi0: number): void {
  const lo = v[a]! + lo0;
  let hi = v[a + 1]! + hi0;
  if (lo >= 0x100000000) hi++;
  v[a] = lo;
  v[a + 1] = hi;
}

function mix(v: Uint32Array, m: Uint32Array, a: number, b: number, c: number, d: number, ix: number, iy: number): void {
  const x0 = m[ix]!,
    x1 = m[ix + 1]!,
    y0 = m[iy]!,
    y1 = m[iy + 1]!;
  add64(v, a, b);
  add64c(v, a, x0, x1);
  // v[d] = (v[d] ^ v[a]) >>> 32
  let xor0 = v[d]! ^ v[a]!;
  let xor1 = v[d + 1]! ^ v[a + 1]!;
  v[d] = xor1;
  v[d + 1] = xor0;
  add64(v, c, d);
  // v[b] = (v[b] ^ v[c]) >>> 24
  xor0 = v[b]! ^ v[c]!;
  xor1 = v[b + 1]! ^ v[c + 1]!;
  v[b] = (xor0 >>> 24) ^ (xor1 << 8);
  v[b + 1] = (xor1 >>> 24) ^ (xor0 << 8);
  add64(v, a, b);
  add64c(v, a, y0, y1);
  // v[d] = (v[d] ^ v[a]) >>> 16
  xor0 = v[d]! ^ v[a]!;
  xor1 = v[d + 1]! ^ v[a + 1]!;
  v[d] = (xor0 >>> 16) ^ (xor1 << 16);
  v[d + 1] = (xor1 >>> 16) ^ (xor0 << 16);
  add64(v, c, d);
  // v[b] = (v[b] ^ v[c]) >>> 63
  xor0 = v[b]! ^ v[c]!;
  xor1 = v[b + 1]! ^ v[c + 1]!;
  v[b] = (xor1 >>> 31) ^ (xor0 << 1);
  v[b + 1] = (xor0 >>> 31) ^ (xor1 << 1);
}

// Scratch for compress: one call at a time (no re-entrancy in a single thread), so no allocation per block.
const V = new Uint32Array(32);
const M = new Uint32Array(32);
const LAST = new Uint8Array(128);

/** Compress the 128 bytes of `data` at `off` (which must all exist) into h. */
function compress(h: Uint32Array, data: Uint8Array, off: number, t: number, last: boolean): void {
  const v = V,
    m = M;
  for (let i = 0; i < 16; i++) {
    v[i] = h[i]!;
    v[i + 16] = IV[i]!;
  }
  // Counter (bytes so far) fits in 53 bits.
  v[24]! ^= t >>> 0;
  v[25]! ^= Math.floor(t / 0x100000000);
  if (last) {
    v[28] = ~v[28]!;
    v[29] = ~v[29]!;
  }
  for (let i = 0; i < 32; i++) {
    const o = off + i * 4;
    m[i] = data[o]! | (data[o + 1]! << 8) | (data[o + 2]! << 16) | (data[o + 3]! << 24);
  }
  for (let r = 0; r < 12; r++) {
    const s = r * 16;
    mix(v, m, 0, 8, 16, 24, SIGMA2[s]!, SIGMA2[s + 1]!);
    mix(v, m, 2, 10, 18, 26, SIGMA2[s + 2]!, SIGMA2[s + 3]!);
    mix(v, m, 4, 12, 20, 28, SIGMA2[s + 4]!, SIGMA2[s + 5]!);
    mix(v, m, 6, 14, 22, 30, SIGMA2[s + 6]!, SIGMA2[s + 7]!);
    mix(v, m, 0, 10, 20, 30, SIGMA2[s + 8]!, SIGMA2[s + 9]!);
    mix(v, m, 2, 12, 22, 24, SIGMA2[s + 10]!, SIGMA2[s + 11]!);
    mix(v, m, 4, 14, 16, 26, SIGMA2[s + 12]!, SIGMA2[s + 13]!);
    mix(v, m, 6, 8, 18, 28, SIGMA2[s + 14]!, SIGMA2[s + 15]!);
  }
  for (let i = 0; i < 16; i++) h[i] = h[i]! ^ v[i]! ^ v[i + 16]!;
}

function readLE32(b: Uint8Array, o: number): number {
  return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
}

/**
 * BLAKE2b under fixed options, for many messages: the parameter block and the key block are
 * processed once, so a short keyed message costs one compression instead of two.
 */
export class Blake2b {
  private readonly outLen: number;
  /** State after the parameter block. */
  private readonly init: Uint32Array;
  /** State after the key block (the initial state when there is no key). */
  private readonly afterKey: Uint32Array;
  private readonly keyBlock: Uint8Array | null;
  private readonly h = new Uint32Array(16);

  constructor(opts: Blake2bOptions = {}) {
    const outLen = opts.dkLen ?? 64;
    const key = opts.key ?? new Uint8Array(0);
    if (outLen < 1 || outLen > 64) throw new RangeError('BLAKE2b digest length must be 1..64 bytes');
    if (key.length > 64) throw new RangeError('BLAKE2b key must be at most 64 bytes');
    const param = new Uint8Array(64);
    param[0] = outLen;
    param[1] = key.length;
    param[2] = 1;
    param[3] = 1;
    if (opts.salt) {
      if (opts.salt.length > 16) throw new RangeError('BLAKE2b salt must be at most 16 bytes');
      param.set(opts.salt, 32);
    }
    if (opts.personal) {
      if (opts.personal.length > 16) throw new RangeError('BLAKE2b personalisation must be at most 16 bytes');
      param.set(opts.personal, 48);
    }
    this.outLen = outLen;
    this.init = new Uint32Array(16);
    for (let i = 0; i < 16; i++) this.init[i] = IV[i]! ^ readLE32(param, i * 4);
    this.afterKey = this.init.slice();
    // A key is processed as a first, zero-padded block; it is the last block only for an empty message.
    this.keyBlock = null;
    if (key.length > 0) {
      this.keyBlock = new Uint8Array(128);
      this.keyBlock.set(key);
      compress(this.afterKey, this.keyBlock, 0, 128, false);
    }
  }

  /** The digest of `message` (written into `out` when given). */
  digest(message: Uint8Array, out: Uint8Array = new Uint8Array(this.outLen)): Uint8Array {
    const h = this.h;
    if (this.keyBlock && message.length === 0) {
      h.set(this.init);
      compress(h, this.keyBlock, 0, 128, true);
    } else {
      h.set(this.afterKey);
      let t = this.keyBlock ? 128 : 0;
      let off = 0;
      // All full blocks except the last one.
      while (message.length - off > 128) {
        t += 128;
        compress(h, message, off, t, false);
        off += 128;
      }
      LAST.fill(0);
      LAST.set(message.subarray(off));
      t += message.length - off;
      compress(h, LAST, 0, t, true);
    }
    for (let i = 0; i < this.outLen; i++) out[i] = h[i >> 2]! >>> (8 * (i & 3));
    return out;
  }
}

export function blake2b(message: Uint8Array, opts: Blake2bOptions = {}): Uint8Array {
  return new Blake2b(opts).digest(message);
}
