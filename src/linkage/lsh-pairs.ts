/**
 * Bit-sampling LSH blocking (anonlink's bit_blocking) in typed arrays, for lists of 100,000 and more:
 * per table, B's records grouped by key once; each record of A looks its key up, the proposed
 * records are deduplicated across tables with a stamp array, and only those are compared (with the
 * same Dice kernel as all-pairs). Proposes exactly the pairs blocking.ts's blockedPairs proposes with
 * the same options and no exact keys, without its per-record strings and maps.
 */
import { samplePositions, type BlockingOptions } from './blocking.ts';
import { PairBuffer, type CandidatePairs } from './candidates.ts';
import { createDiceIndex, type KernelName, type PackedClks } from './dice.ts';

/** The bits at the sampled positions, most significant first (bit numbering as in the CLK bytes). */
function keys(set: PackedClks, pos: Int32Array): Int32Array {
  const out = new Int32Array(set.n);
  const bytes = new Uint8Array(set.data.buffer, set.data.byteOffset, set.data.byteLength);
  const stride = set.words64 * 8;
  for (let i = 0; i < set.n; i++) {
    let key = 0;
    const row = i * stride;
    for (let k = 0; k < pos.length; k++) key = (key << 1) | ((bytes[row + (pos[k]! >> 3)]! >> (7 - (pos[k]! & 7))) & 1);
    out[i] = key;
  }
  return out;
}

/**
 * One table over a list: its records grouped by the top h bits of their key (a counting sort, rows
 * ascending within a group), `dir` giving where each group starts. With about as many groups as
 * records, a lookup scans about one record besides its matches.
 */
interface Table {
  shift: number;
  dir: Int32Array;
  key: Int32Array;
  row: Int32Array;
}

function bucketTable(k: Int32Array, bits: number): Table {
  const n = k.length;
  const h = Math.min(bits, Math.max(1, Math.ceil(Math.log2(Math.max(2, n)))));
  const shift = bits - h;
  const dir = new Int32Array((1 << h) + 1);
  for (let j = 0; j < n; j++) dir[(k[j]! >>> shift) + 1]!++;
  for (let b = 0; b < 1 << h; b++) dir[b + 1]! += dir[b]!;
  const fill = dir.slice(0, 1 << h);
  const key = new Int32Array(n),
    row = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    const x = fill[k[j]! >>> shift]!++;
    key[x] = k[j]!;
    row[x] = j;
  }
  return { shift, dir, key, row };
}

/** A list's keys (per table, by row) and its tables, built once per list and options. */
interface LshIndex {
  keys: Int32Array[];
  tables: Table[];
}

const indexes = new WeakMap<PackedClks, Map<string, LshIndex>>();

function lshIndex(
  set: PackedClks,
  positions: Int32Array[],
  opts: Pick<BlockingOptions, 'tables' | 'bitsPerTable' | 'seed'>,
): LshIndex {
  const id = `${opts.tables},${opts.bitsPerTable},${opts.seed}`;
  let bySet = indexes.get(set);
  if (!bySet) indexes.set(set, (bySet = new Map()));
  let ix = bySet.get(id);
  if (!ix) {
    const k = positions.map((pos) => keys(set, pos));
    ix = { keys: k, tables: k.map((x) => bucketTable(x, opts.bitsPerTable)) };
    bySet.set(id, ix);
  }
  return ix;
}

/**
 * Pairs at or above the threshold among those sharing a key in at least one table (B = null: A with
 * itself, i < j). A list's keys and tables are kept with it (a WeakMap on the packed list), so linking
 * k lists builds them k times, not once per pair of lists.
 */
export function lshPairs(
  A: PackedClks,
  B: PackedClks | null,
  threshold: number,
  opts: Pick<BlockingOptions, 'tables' | 'bitsPerTable' | 'seed'>,
  kernel: KernelName = 'wasm',
): CandidatePairs {
  if (opts.tables < 1 || opts.bitsPerTable < 1 || opts.bitsPerTable > 30)
    throw new RangeError('LSH needs at least one table of 1 to 30 bits');
  const self = B === null;
  const other = B ?? A;
  const positions = samplePositions(A.words64 * 64, { ...opts });
  const aKeys = lshIndex(A, positions, opts).keys;
  const tables = lshIndex(other, positions, opts).tables;
  const index = createDiceIndex(A, other, kernel);
  const seen = new Int32Array(other.n).fill(-1);
  let cands = new Int32Array(1024);
  const out = new PairBuffer();
  let considered = 0;
  for (let i = 0; i < A.n; i++) {
    let m = 0;
    for (let t = 0; t < tables.length; t++) {
      const { shift, dir, key, row } = tables[t]!;
      const k = aKeys[t]![i]!;
      const b = k >>> shift;
      for (let x = dir[b]!, end = dir[b + 1]!; x < end; x++) {
        if (key[x] !== k) continue;
        const j = row[x]!;
        if ((self && j <= i) || seen[j] === i) continue;
        seen[j] = i;
        if (m === cands.length) {
          const grown = new Int32Array(m * 2);
          grown.set(cands);
          cands = grown;
        }
        cands[m++] = j;
      }
    }
    considered += m;
    // Compared in row order, as blockedPairs does; few candidates a row, so insertion sort.
    const c = cands;
    if (m > 32) c.subarray(0, m).sort();
    else
      for (let x = 1; x < m; x++) {
        const v = c[x]!;
        let y = x - 1;
        for (; y >= 0 && c[y]! > v; y--) c[y + 1] = c[y]!;
        c[y + 1] = v;
      }
    for (let x = 0; x < m; x++) {
      const r = index.scan(i, c[x]!, c[x]! + 1, threshold);
      if (r.count) out.push(r.score[0]!, i, c[x]!);
    }
  }
  return out.done(considered);
}
