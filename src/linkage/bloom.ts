/**
 * Token → Bloom-filter bit positions, as clkhash computes them (bloomfilter.py):
 * doubleHash (Schnell 2011, HMAC-SHA1 and HMAC-MD5) and blakeHash (keyed, salted BLAKE2b-512
 * read as 32 little-endian uint16). Bits are numbered big-endian: bit g is byte g>>3, mask 0x80>>(g&7).
 * The HMACs come from crypto.ts (Node's crypto, or the pure-JS one a browser registers).
 */
import { Blake2b } from './blake2b.ts';
import { linkageCrypto } from './crypto.ts';
import type { TextEncodingName } from './schema.ts';

const utf8 = new TextEncoder();

/** Bytes of a token under a Python codec name (utf-16/utf-32 carry Python's little-endian BOM). */
export function encodeText(s: string, enc: TextEncodingName): Uint8Array {
  if (enc === 'utf-8' || enc === 'ascii') return utf8.encode(s);
  const cps = Array.from(s, (c) => c.codePointAt(0)!);
  if (enc === 'utf-32') {
    const out = new Uint8Array(4 + cps.length * 4);
    out.set([0xff, 0xfe, 0, 0]);
    const dv = new DataView(out.buffer);
    cps.forEach((cp, i) => dv.setUint32(4 + i * 4, cp, true));
    return out;
  }
  const units: number[] = [];
  for (let i = 0; i < s.length; i++) units.push(s.charCodeAt(i));
  const out = new Uint8Array(2 + units.length * 2);
  out.set([0xff, 0xfe]);
  const dv = new DataView(out.buffer);
  units.forEach((u, i) => dv.setUint16(2 + i * 2, u, true));
  return out;
}

/** A big-endian digest modulo L without BigInt (Horner's rule; L < 2^31 keeps every step exact). */
export function digestMod(d: Uint8Array, L: number): number {
  let r = 0;
  for (let i = 0; i < d.length; i++) r = (r * 256 + d[i]!) % L;
  return r;
}

/** (h1, h2) of the double-hash scheme; with preventSingularity, re-hash with chr(i) appended until h2 ≠ 0. */
export function doubleHashPair(
  tok: Uint8Array,
  keySha1: Uint8Array,
  keyMd5: Uint8Array,
  L: number,
  preventSingularity: boolean,
): [number, number] {
  const c = linkageCrypto();
  const h1 = digestMod(c.hmac('sha1', keySha1, tok), L);
  let h2 = digestMod(c.hmac('md5', keyMd5, tok), L);
  if (preventSingularity) {
    let i = 0;
    while (h2 === 0) {
      const extra = utf8.encode(String.fromCodePoint(i));
      const buf = new Uint8Array(tok.length + extra.length);
      buf.set(tok);
      buf.set(extra, tok.length);
      h2 = digestMod(c.hmac('md5', keyMd5, buf), L);
      i++;
    }
  }
  return [h1, h2];
}

/**
 * blakeHash indices for one feature key: ⌈k/32⌉ BLAKE2b-512 digests of the token salted "0", "1", …,
 * each read as 32 little-endian uint16 mod L. The salted hashers (key block already compressed) are kept.
 */
export class BlakeIndexer {
  private readonly macs: Blake2b[] = [];
  private readonly d = new Uint8Array(64);

  constructor(
    private readonly key: Uint8Array,
    private readonly L: number,
  ) {}

  indices(tok: Uint8Array, k: number): Uint32Array {
    const { d, L } = this;
    const out = new Uint32Array(k);
    for (let m = 0; m * 32 < k; m++) {
      const mac = (this.macs[m] ??= new Blake2b({ key: this.key, salt: utf8.encode(String(m)) }));
      mac.digest(tok, d);
      for (let j = 0; j < 32 && m * 32 + j < k; j++) out[m * 32 + j] = (d[2 * j]! | (d[2 * j + 1]! << 8)) % L;
    }
    return out;
  }
}

/** The first k blakeHash indices of a token (one-off; an encoder keeps a BlakeIndexer per feature). */
export function blakeIndices(tok: Uint8Array, key: Uint8Array, k: number, L: number): Uint32Array {
  return new BlakeIndexer(key, L).indices(tok, k);
}

/** XOR-fold a filter `folds` times (halve and XOR the halves), as clkhash's fold_xor. */
export function foldXor(bf: Uint8Array, folds: number): Uint8Array {
  let cur = bf;
  for (let f = 0; f < folds; f++) {
    const half = cur.length / 2;
    if (!Number.isInteger(half)) throw new RangeError('filter length cannot be folded into whole bytes');
    const next = new Uint8Array(half);
    for (let i = 0; i < half; i++) next[i] = cur[i]! ^ cur[i + half]!;
    cur = next;
  }
  return cur;
}
