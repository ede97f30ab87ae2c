/**
 * Sørensen–Dice similarity of CLKs: D = 2·|a ∧ b| / (|a| + |b|), 0 when both are empty.
 * CLKs are packed into 64-bit-aligned words with their popcounts, so a pair whose popcounts
 * differ too much to reach the threshold is skipped without touching its bits.
 */
import { instantiateDice, type ScanFn } from './dice-wasm.ts';

export interface PackedClks {
  n: number;
  /** 64-bit words per CLK. */
  words64: number;
  /** n × words64 × 2 little-endian 32-bit words. */
  data: Uint32Array;
  popcounts: Uint32Array;
}

export function popcount32(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Pack CLKs (all the same byte length) into words, zero-padded to whole 64-bit words. */
export function packClks(clks: readonly Uint8Array[]): PackedClks {
  const bytes = clks[0]?.length ?? 128;
  const words64 = Math.max(1, Math.ceil(bytes / 8));
  const data = new Uint32Array(clks.length * words64 * 2);
  const view = new Uint8Array(data.buffer);
  const popcounts = new Uint32Array(clks.length);
  clks.forEach((c, i) => {
    if (c.length !== bytes) throw new RangeError(`CLK ${i} has ${c.length * 8} bits, the first has ${bytes * 8}`);
    view.set(c, i * words64 * 8);
    let p = 0;
    for (let w = i * words64 * 2; w < (i + 1) * words64 * 2; w++) p += popcount32(data[w]!);
    popcounts[i] = p;
  });
  return { n: clks.length, words64, data, popcounts };
}

export function dice(a: Uint8Array, b: Uint8Array): number {
  let and = 0,
    pa = 0,
    pb = 0;
  for (let i = 0; i < a.length; i++) {
    and += popcount32(a[i]! & b[i]!);
    pa += popcount32(a[i]!);
    pb += popcount32(b[i]!);
  }
  return pa + pb === 0 ? 0 : (2 * and) / (pa + pb);
}

/**
 * Largest popcount difference that can still reach threshold t for a query of popcount pa
 * (anonlink's calculate_max_difference). D ≤ 2·min(pa,pb)/(pa+pb), so a reachable pb lies in
 * [pa·t/(2−t), pa·(2−t)/t]; the upper side is the wider, 2·pa·(1/t − 1).
 */
export function maxPopcountDiff(pa: number, t: number): number {
  if (t <= 0) return Number.MAX_SAFE_INTEGER;
  // pb ≤ pa: 2pb/(pa+pb) ≥ t ⇔ pb ≥ pa·t/(2−t) ⇒ pa−pb ≤ pa·(1 − t/(2−t)).
  const below = pa * (1 - t / (2 - t));
  // pb ≥ pa: 2pa/(pa+pb) ≥ t ⇔ pb ≤ pa(2−t)/t ⇒ pb−pa ≤ pa·(2−t)/t − pa.
  const above = pa * ((2 - t) / t - 1);
  return Math.floor(Math.max(below, above) + 1e-9);
}

export type KernelName = 'wasm' | 'js';

export interface ScanResult {
  count: number;
  /** Candidate indices (relative to the whole b set), first `count` entries valid. */
  index: Int32Array;
  score: Float64Array;
}

/**
 * Both sets resident (in WebAssembly memory for the wasm kernel); scan(qi, from, to, t) compares
 * query qi of A with B[from, to) and returns those at or above t.
 */
export interface DiceIndex {
  kernel: KernelName;
  scan(qi: number, from: number, to: number, threshold: number): ScanResult;
}

export function createDiceIndex(a: PackedClks, b: PackedClks, kernel: KernelName = 'wasm'): DiceIndex {
  if (a.words64 !== b.words64 && a.n > 0 && b.n > 0) throw new RangeError('the two CLK sets differ in length');
  if (kernel === 'wasm' && typeof WebAssembly !== 'undefined') return wasmIndex(a, b);
  return jsIndex(a, b);
}

function jsIndex(a: PackedClks, b: PackedClks): DiceIndex {
  const W = a.words64 * 2;
  const index = new Int32Array(Math.max(1, b.n));
  const score = new Float64Array(Math.max(1, b.n));
  const ad = a.data,
    bd = b.data,
    bp = b.popcounts;
  return {
    kernel: 'js',
    scan(qi, from, to, t) {
      const qpc = a.popcounts[qi]!;
      const maxD = maxPopcountDiff(qpc, t);
      const qo = qi * W;
      let cnt = 0;
      for (let i = from; i < to; i++) {
        const pc = bp[i]!;
        const d = qpc > pc ? qpc - pc : pc - qpc;
        if (d > maxD) continue;
        // SWAR popcount two words at a time: byte counts of two words fit a byte before the final sum.
        let c = 0;
        const o = i * W;
        for (let w = 0; w < W; w += 2) {
          let x = ad[qo + w]! & bd[o + w]!;
          let y = ad[qo + w + 1]! & bd[o + w + 1]!;
          x = x - ((x >>> 1) & 0x55555555);
          y = y - ((y >>> 1) & 0x55555555);
          x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
          y = (y & 0x33333333) + ((y >>> 2) & 0x33333333);
          x = ((x + (x >>> 4)) & 0x0f0f0f0f) + ((y + (y >>> 4)) & 0x0f0f0f0f);
          c += Math.imul(x, 0x01010101) >>> 24;
        }
        if (c > 0 && 2 * c >= t * (qpc + pc)) {
          index[cnt] = i;
          score[cnt] = (2 * c) / (qpc + pc);
          cnt++;
        }
      }
      return { count: cnt, index, score };
    },
  };
}

function wasmIndex(a: PackedClks, b: PackedClks): DiceIndex {
  const same = a === b;
  const bytesPer = a.words64 * 8;
  const align = (x: number) => Math.ceil(x / 8) * 8;
  const aOff = 0;
  const bOff = same ? aOff : align(a.n * bytesPer);
  const aPcOff = align(bOff + b.n * bytesPer);
  const bPcOff = same ? aPcOff : align(aPcOff + a.n * 4);
  const outIdx = align(bPcOff + b.n * 4);
  const outScore = align(outIdx + Math.max(1, b.n) * 4);
  const total = outScore + Math.max(1, b.n) * 8;
  const memory = new WebAssembly.Memory({ initial: Math.ceil(total / 65536) + 1 });
  const scanFn: ScanFn | null = instantiateDice(a.words64, memory);
  if (!scanFn) return jsIndex(a, b);
  const u8 = new Uint8Array(memory.buffer);
  u8.set(new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength), aOff);
  if (!same) u8.set(new Uint8Array(b.data.buffer, b.data.byteOffset, b.data.byteLength), bOff);
  new Uint32Array(memory.buffer, aPcOff, a.n).set(a.popcounts);
  if (!same) new Uint32Array(memory.buffer, bPcOff, b.n).set(b.popcounts);
  const index = new Int32Array(memory.buffer, outIdx, Math.max(1, b.n));
  const score = new Float64Array(memory.buffer, outScore, Math.max(1, b.n));
  return {
    kernel: 'wasm',
    scan(qi, from, to, t) {
      if (to <= from) return { count: 0, index, score };
      const qpc = a.popcounts[qi]!;
      const maxD = Math.min(maxPopcountDiff(qpc, t), 0x7fffffff);
      const count = scanFn(
        aOff + qi * bytesPer,
        bOff + from * bytesPer,
        to - from,
        bPcOff + from * 4,
        qpc,
        maxD,
        t,
        outIdx,
        outScore,
      );
      // The kernel numbers candidates from `from`.
      if (from !== 0) for (let k = 0; k < count; k++) index[k]! += from;
      return { count, index, score };
    },
  };
}
