/**
 * Blocking: propose only pairs that share a block. Bit-sampling LSH on the CLKs themselves
 * (anonlink's bit_blocking: g tables, each keyed by r sampled bit positions) and optional exact
 * keys that every proposed pair must share. recall() measures what blocking lost against all pairs.
 */
import { popcount32, type PackedClks } from './dice.ts';
import { Rng } from './prng.ts';
import type { CandidatePairs } from './candidates.ts';

export interface BlockingOptions {
  /** Number of LSH tables (g); a pair is proposed if it agrees in any table. 0 disables LSH. */
  tables: number;
  /** Sampled bits per table (r ≤ 30). */
  bitsPerTable: number;
  seed: number;
  /** Exact keys, one per record of A (and of B); proposed pairs must share the key. */
  keysA?: readonly string[];
  keysB?: readonly string[];
}

function bitAt(data: Uint32Array, rowWord: number, bit: number): number {
  // Bits are numbered as in the CLK bytes: byte bit>>3, most significant bit first.
  const byte = bit >> 3;
  const word = data[rowWord + (byte >> 2)]!;
  const b = (word >>> ((byte & 3) * 8)) & 0xff;
  return (b >> (7 - (bit & 7))) & 1;
}

/** Positions sampled for each table. */
export function samplePositions(bits: number, opts: BlockingOptions): Int32Array[] {
  const rng = new Rng(opts.seed);
  const out: Int32Array[] = [];
  for (let t = 0; t < opts.tables; t++) {
    const pos = new Int32Array(opts.bitsPerTable);
    for (let k = 0; k < pos.length; k++) pos[k] = rng.int(bits);
    out.push(pos);
  }
  return out;
}

function lshKey(set: PackedClks, i: number, pos: Int32Array): number {
  let key = 0;
  const row = i * set.words64 * 2;
  for (let k = 0; k < pos.length; k++) key = key * 2 + bitAt(set.data, row, pos[k]!);
  return key;
}

function blockKeys(set: PackedClks, i: number, tables: Int32Array[], exact: readonly string[] | undefined): string[] {
  const prefix = exact ? `${exact[i]}\u0000` : '';
  if (tables.length === 0) return [prefix];
  return tables.map((pos, t) => `${prefix}${t}:${lshKey(set, i, pos)}`);
}

function dicePacked(A: PackedClks, i: number, B: PackedClks, j: number): number {
  const W = A.words64 * 2;
  let c = 0;
  for (let w = 0; w < W; w++) c += popcount32(A.data[i * W + w]! & B.data[j * W + w]!);
  const s = A.popcounts[i]! + B.popcounts[j]!;
  return s === 0 ? 0 : (2 * c) / s;
}

/** Candidate pairs at or above the threshold among the pairs the blocks propose. */
export function blockedPairs(
  A: PackedClks,
  B: PackedClks | null,
  threshold: number,
  opts: BlockingOptions,
): CandidatePairs {
  const self = B === null;
  const other = B ?? A;
  const tables = samplePositions(A.words64 * 64, opts);
  const keysB = self ? opts.keysA : opts.keysB;
  const blocks = new Map<string, number[]>();
  for (let j = 0; j < other.n; j++) {
    for (const k of blockKeys(other, j, tables, keysB)) {
      let l = blocks.get(k);
      if (!l) blocks.set(k, (l = []));
      l.push(j);
    }
  }
  const seen = new Int32Array(other.n).fill(-1);
  const sim: number[] = [],
    a: number[] = [],
    b: number[] = [];
  let considered = 0;
  for (let i = 0; i < A.n; i++) {
    const cands: number[] = [];
    for (const k of blockKeys(A, i, tables, opts.keysA)) {
      const l = blocks.get(k);
      if (!l) continue;
      for (const j of l) {
        if (self && j <= i) continue;
        if (seen[j] === i) continue;
        seen[j] = i;
        cands.push(j);
      }
    }
    cands.sort((x, y) => x - y);
    considered += cands.length;
    for (const j of cands) {
      const s = dicePacked(A, i, other, j);
      if (s >= threshold && s > 0) {
        sim.push(s);
        a.push(i);
        b.push(j);
      }
    }
  }
  return { sim: Float64Array.from(sim), a: Int32Array.from(a), b: Int32Array.from(b), considered };
}

/** Share of the reference pairs (all pairs above threshold) that the blocked run also found. */
export function blockingRecall(reference: CandidatePairs, blocked: CandidatePairs): number {
  if (reference.sim.length === 0) return 1;
  const got = new Set<string>();
  for (let i = 0; i < blocked.sim.length; i++) got.add(`${blocked.a[i]}:${blocked.b[i]}`);
  let hit = 0;
  for (let i = 0; i < reference.sim.length; i++) if (got.has(`${reference.a[i]}:${reference.b[i]}`)) hit++;
  return hit / reference.sim.length;
}
