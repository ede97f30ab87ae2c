/**
 * Candidate pairs: every pair at or above a Dice threshold, either over all pairs (with the
 * popcount bound and the fast kernel) or over the pairs a blocking scheme proposes. Pairs live in
 * parallel typed arrays (16 bytes a pair), never in JavaScript objects: FEBRL-like lists at a low
 * threshold give tens of millions of them.
 */
import { createDiceIndex, type KernelName, type PackedClks } from './dice.ts';
import { orderEdges } from './edge-order.ts';

export interface CandidatePairs {
  /** Similarity, then indices into A and B (for deduplication, a < b within one set). */
  sim: Float64Array;
  a: Int32Array;
  b: Int32Array;
  /** Pairs considered (before the popcount bound); the denominator of a throughput figure. */
  considered: number;
}

/**
 * A growable pair list in typed arrays: filled chunk by chunk (no copying as it grows), copied once
 * into arrays of the exact length at the end.
 */
export class PairBuffer {
  private readonly chunk: number;
  private sims: Float64Array[] = [];
  private as: Int32Array[] = [];
  private bs: Int32Array[] = [];
  /** Pairs in the last chunk. */
  private fill = 0;
  length = 0;

  constructor(chunk = 1 << 20) {
    this.chunk = Math.max(1, chunk);
  }

  /** Free places in the last chunk, adding (or enlarging) a chunk when it is full. */
  private room(): number {
    const last = this.sims.length - 1;
    if (last >= 0 && this.fill < this.sims[last]!.length) return this.sims[last]!.length - this.fill;
    if (last === 0 && this.sims[0]!.length < this.chunk) {
      // The first chunk starts small (most pair lists are short); once full it becomes a whole chunk.
      const s = new Float64Array(this.chunk),
        a = new Int32Array(this.chunk),
        b = new Int32Array(this.chunk);
      s.set(this.sims[0]!);
      a.set(this.as[0]!);
      b.set(this.bs[0]!);
      this.sims[0] = s;
      this.as[0] = a;
      this.bs[0] = b;
      return this.chunk - this.fill;
    }
    const size = last < 0 ? Math.min(this.chunk, 4096) : this.chunk;
    this.sims.push(new Float64Array(size));
    this.as.push(new Int32Array(size));
    this.bs.push(new Int32Array(size));
    this.fill = 0;
    return size;
  }

  push(s: number, i: number, j: number): void {
    this.room();
    const c = this.sims.length - 1;
    this.sims[c]![this.fill] = s;
    this.as[c]![this.fill] = i;
    this.bs[c]![this.fill] = j;
    this.fill++;
    this.length++;
  }

  /** Append `count` results of one query row (a kernel's scan output). */
  pushRow(i: number, count: number, index: Int32Array, score: Float64Array): void {
    let done = 0;
    while (done < count) {
      const n = Math.min(this.room(), count - done);
      const c = this.sims.length - 1;
      this.sims[c]!.set(score.subarray(done, done + n), this.fill);
      this.bs[c]!.set(index.subarray(done, done + n), this.fill);
      this.as[c]!.fill(i, this.fill, this.fill + n);
      this.fill += n;
      this.length += n;
      done += n;
    }
  }

  /** The pairs in arrays of their exact length. */
  done(considered: number): CandidatePairs {
    const n = this.length;
    const out: CandidatePairs = { sim: new Float64Array(n), a: new Int32Array(n), b: new Int32Array(n), considered };
    let o = 0;
    this.sims.forEach((s, c) => {
      const len = c === this.sims.length - 1 ? this.fill : s.length;
      out.sim.set(s.subarray(0, len), o);
      out.a.set(this.as[c]!.subarray(0, len), o);
      out.b.set(this.bs[c]!.subarray(0, len), o);
      o += len;
    });
    this.sims = [];
    this.as = [];
    this.bs = [];
    return out;
  }
}

/**
 * All pairs of A × B (or, with B = null, of A with itself, i < j) at or above the threshold.
 * `rows` restricts the queries to a slice of A, so the work can be split across threads.
 */
export function allPairs(
  A: PackedClks,
  B: PackedClks | null,
  threshold: number,
  kernel: KernelName = 'wasm',
  rows?: [number, number],
): CandidatePairs {
  const self = B === null;
  const other = B ?? A;
  const index = createDiceIndex(A, other, kernel);
  const out = new PairBuffer();
  const [r0, r1] = rows ?? [0, A.n];
  let considered = 0;
  for (let i = r0; i < r1; i++) {
    const from = self ? i + 1 : 0;
    considered += other.n - from;
    const r = index.scan(i, from, other.n, threshold);
    out.pushRow(i, r.count, r.index, r.score);
  }
  return out.done(considered);
}

/** Indices of pairs sorted by similarity, highest first (ties by a, then b, for determinism). */
export function orderBySimilarity(p: CandidatePairs): Int32Array {
  return orderEdges(p.sim, p.a, p.b);
}

/** Keep the pairs at or above a (higher) threshold. */
export function filterPairs(p: CandidatePairs, threshold: number): CandidatePairs {
  let n = 0;
  for (let i = 0; i < p.sim.length; i++) if (p.sim[i]! >= threshold) n++;
  const out: CandidatePairs = {
    sim: new Float64Array(n),
    a: new Int32Array(n),
    b: new Int32Array(n),
    considered: p.considered,
  };
  for (let i = 0, o = 0; i < p.sim.length; i++) {
    if (p.sim[i]! < threshold) continue;
    out.sim[o] = p.sim[i]!;
    out.a[o] = p.a[i]!;
    out.b[o] = p.b[i]!;
    o++;
  }
  return out;
}

/** Pairs as "a:b" keys, for comparing small candidate sets in tests. */
export function pairKeys(p: CandidatePairs): Set<string> {
  const s = new Set<string>();
  for (let i = 0; i < p.sim.length; i++) s.add(`${p.a[i]}:${p.b[i]}`);
  return s;
}
