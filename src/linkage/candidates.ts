/**
 * Candidate pairs: every pair at or above a Dice threshold, either over all pairs (with the
 * popcount bound and the fast kernel) or over the pairs a blocking scheme proposes.
 */
import { createDiceIndex, type KernelName, type PackedClks } from './dice.ts';

export interface CandidatePairs {
  /** Similarity, then indices into A and B (for deduplication, a < b within one set). */
  sim: Float64Array;
  a: Int32Array;
  b: Int32Array;
  /** Pairs considered (before the popcount bound); the denominator of a throughput figure. */
  considered: number;
}

class PairBuffer {
  sim: number[] = [];
  a: number[] = [];
  b: number[] = [];
  push(s: number, i: number, j: number): void {
    this.sim.push(s);
    this.a.push(i);
    this.b.push(j);
  }
  done(considered: number): CandidatePairs {
    return { sim: Float64Array.from(this.sim), a: Int32Array.from(this.a), b: Int32Array.from(this.b), considered };
  }
}

/**
 * All pairs of A × B (or, with B = null, of A with itself, i < j) at or above the threshold.
 * `rows` restricts the queries to a slice of A, so the work can be split across threads.
 */
export function allPairs(A: PackedClks, B: PackedClks | null, threshold: number, kernel: KernelName = 'wasm', rows?: [number, number]): CandidatePairs {
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
    for (let k = 0; k < r.count; k++) out.push(r.score[k], i, r.index[k]);
  }
  return out.done(considered);
}

/** Indices of pairs sorted by similarity, highest first (ties by a, then b, for determinism). */
export function orderBySimilarity(p: CandidatePairs): Int32Array {
  const idx = new Int32Array(p.sim.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  return idx.sort((x, y) => p.sim[y] - p.sim[x] || p.a[x] - p.a[y] || p.b[x] - p.b[y]);
}

/** Keep the pairs at or above a (higher) threshold. */
export function filterPairs(p: CandidatePairs, threshold: number): CandidatePairs {
  const out = new PairBuffer();
  for (let i = 0; i < p.sim.length; i++) if (p.sim[i] >= threshold) out.push(p.sim[i], p.a[i], p.b[i]);
  return out.done(p.considered);
}

/** Pairs as "a:b" keys, for comparing candidate sets. */
export function pairKeys(p: CandidatePairs): Set<string> {
  const s = new Set<string>();
  for (let i = 0; i < p.sim.length; i++) s.add(`${p.a[i]}:${p.b[i]}`);
  return s;
}
