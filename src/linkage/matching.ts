/**
 * Turning candidate pairs into decisions: greedy one-to-one linkage of two lists,
 * deduplication within a list (connected components), and anonlink's probabilistic greedy
 * solver for k lists (merge two groups when enough of their cross pairs are candidates,
 * never putting two records of one list in a group).
 */
import { orderBySimilarity, type CandidatePairs } from './candidates.ts';
import { inSolvingOrder, sortByKey } from './edge-order.ts';
import { UnionFind } from './union-find.ts';

/** Greedy one-to-one: take pairs by falling similarity, each record used at most once. */
export function greedyOneToOne(p: CandidatePairs, nA: number, nB: number): Array<[number, number, number]> {
  const usedA = new Uint8Array(nA);
  const usedB = new Uint8Array(nB);
  const out: Array<[number, number, number]> = [];
  for (const k of orderBySimilarity(p)) {
    const a = p.a[k]!,
      b = p.b[k]!;
    if (usedA[a] || usedB[b]) continue;
    usedA[a] = usedB[b] = 1;
    out.push([a, b, p.sim[k]!]);
  }
  return out;
}

/** Deduplicate one list: clusters are the connected components of the pairs (each of size ≥ 2). */
export function dedupeClusters(p: CandidatePairs, n: number): number[][] {
  const uf = new UnionFind(n);
  for (let k = 0; k < p.sim.length; k++) uf.union(p.a[k]!, p.b[k]!);
  return uf.groups(2);
}

/** Candidate pairs between list `listA` and list `listB` (listA < listB). */
export interface ListPairs {
  listA: number;
  listB: number;
  pairs: CandidatePairs;
}

export type Member = [list: number, row: number];

export interface SolveOptions {
  /** Share of cross pairs that must be candidates to merge two groups (1 = anonlink's greedy_solve). */
  mergeThreshold: number;
}

/**
 * The candidate pairs of k lists, found once at the lowest threshold of interest, in one typed-array
 * graph: edges as global record ids, ordered by falling similarity. Solving at a threshold t walks the
 * prefix of that order with similarity ≥ t, so a whole sensitivity grid costs one candidate pass and
 * one ordering. Memory: about 24 bytes an edge (40 while the pair index for merges is built).
 */
export class CandidateGraph {
  readonly k: number;
  readonly total: number;
  private readonly offsets: Int32Array;
  private readonly listOf: Int32Array;
  /** Edges in solving order: similarity falling, ties by (ga, gb); edge p is a candidate at t iff p < countAtLeast(t). */
  private readonly ga: Int32Array;
  private readonly gb: Int32Array;
  private readonly sim: Float64Array;
  /** For "is (x, y) a candidate at t": edges by (lo, hi), with their position in the order (built when first needed). */
  private index: { start: Int32Array; hi: Int32Array; pos: Int32Array } | null = null;

  /** The threshold the candidates were kept at: the lowest one that can be solved. */
  readonly low: number;

  constructor(sizes: readonly number[], lp: readonly ListPairs[], low: number) {
    this.low = low;
    this.k = sizes.length;
    this.offsets = new Int32Array(sizes.length + 1);
    sizes.forEach((s, l) => (this.offsets[l + 1] = this.offsets[l]! + s));
    this.total = this.offsets[sizes.length]!;
    this.listOf = new Int32Array(this.total);
    sizes.forEach((s, l) => this.listOf.fill(l, this.offsets[l]!, this.offsets[l]! + s));
    let n = 0;
    for (const { listA, listB, pairs } of lp) {
      if (listA === listB || listA < 0 || listB < 0 || listA >= this.k || listB >= this.k)
        throw new RangeError(`list pair ${listA}:${listB} is not a pair of two of the ${this.k} lists`);
      for (let i = 0; i < pairs.sim.length; i++) if (pairs.sim[i]! >= low) n++;
    }
    const ga = new Int32Array(n),
      gb = new Int32Array(n),
      sim = new Float64Array(n);
    let e = 0;
    for (const { listA, listB, pairs } of lp) {
      const oa = this.offsets[listA]!,
        ob = this.offsets[listB]!,
        na = sizes[listA]!,
        nb = sizes[listB]!;
      for (let i = 0; i < pairs.sim.length; i++) {
        if (!(pairs.sim[i]! >= low)) continue;
        const a = pairs.a[i]!,
          b = pairs.b[i]!;
        if (a < 0 || a >= na || b < 0 || b >= nb)
          throw new RangeError(
            `pair (${a}, ${b}) of lists ${listA}:${listB} is outside lists of ${na} and ${nb} records`,
          );
        ga[e] = oa + a;
        gb[e] = ob + b;
        sim[e] = pairs.sim[i]!;
        e++;
      }
    }
    // Stored in solving order, so every solve reads the edges front to back.
    const ordered = inSolvingOrder(sim, ga, gb);
    this.ga = ordered.a;
    this.gb = ordered.b;
    this.sim = ordered.sim;
  }

  get edges(): number {
    return this.sim.length;
  }

  /** Number of edges with similarity ≥ t: they are the first ones. */
  countAtLeast(t: number): number {
    let lo = 0,
      hi = this.sim.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sim[mid]! >= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private buildIndex(): { start: Int32Array; hi: Int32Array; pos: Int32Array } {
    const n = this.sim.length;
    const lo = new Int32Array(n),
      hi = new Int32Array(n);
    for (let e = 0; e < n; e++) {
      const x = this.ga[e]!,
        y = this.gb[e]!;
      lo[e] = x < y ? x : y;
      hi[e] = x < y ? y : x;
    }
    // Stable: a pair listed twice comes first at its earlier (higher) position, the one kept.
    const byKey = sortByKey(lo, hi);
    const start = new Int32Array(this.total + 1);
    const hiOut = new Int32Array(n),
      pos = new Int32Array(n);
    let m = 0;
    for (let i = 0; i < n; i++) {
      const e = byKey[i]!;
      if (m > 0 && lo[byKey[i - 1]!] === lo[e] && hiOut[m - 1] === hi[e]) continue;
      hiOut[m] = hi[e]!;
      pos[m] = e;
      start[lo[e]! + 1]!++;
      m++;
    }
    for (let x = 0; x < this.total; x++) start[x + 1]! += start[x]!;
    return { start, hi: hiOut.slice(0, m), pos: pos.slice(0, m) };
  }

  /** Is (x, y) among the first `count` edges of the order (a candidate at the threshold solved)? */
  private isCandidate(x: number, y: number, count: number): boolean {
    const ix = (this.index ??= this.buildIndex());
    const lo = x < y ? x : y,
      hi = x < y ? y : x;
    let l = ix.start[lo]!,
      h = ix.start[lo + 1]!;
    while (l < h) {
      const mid = (l + h) >>> 1;
      if (ix.hi[mid]! < hi) l = mid + 1;
      else h = mid;
    }
    return l < ix.start[lo + 1]! && ix.hi[l] === hi && ix.pos[l]! < count;
  }

  /**
   * anonlink's probabilistic greedy solver at threshold t: take edges by falling similarity; merge the
   * two groups unless they share a list or fewer than mergeThreshold of their cross pairs are candidates.
   * Groups are linked lists over record ids: `head` names each record's group, `next` chains members.
   */
  private run(t: number, opts: SolveOptions): { head: Int32Array; next: Int32Array; size: Int32Array } {
    const N = this.total,
      k = this.k;
    const count = this.countAtLeast(t);
    const head = new Int32Array(N),
      next = new Int32Array(N).fill(-1),
      tail = new Int32Array(N),
      size = new Int32Array(N).fill(1);
    for (let i = 0; i < N; i++) head[i] = tail[i] = i;
    // Lists present in each group as a bit mask (up to 31 lists); beyond that, a scan of the members.
    const mask = k <= 31 ? new Int32Array(N) : null;
    if (mask) for (let i = 0; i < N; i++) mask[i] = 1 << this.listOf[i]!;
    const stamp = mask ? null : new Int32Array(k).fill(-1);
    const merge = opts.mergeThreshold;
    for (let p = 0; p < count; p++) {
      const g1 = head[this.ga[p]!]!,
        g2 = head[this.gb[p]!]!;
      if (g1 === g2) continue;
      if (mask) {
        if (mask[g1]! & mask[g2]!) continue;
      } else {
        for (let m = g1; m !== -1; m = next[m]!) stamp![this.listOf[m]!] = p;
        let clash = false;
        for (let m = g2; m !== -1 && !clash; m = next[m]!) clash = stamp![this.listOf[m]!] === p;
        if (clash) continue;
      }
      const s1 = size[g1]!,
        s2 = size[g2]!;
      let hits = 1;
      if (s1 * s2 > 1) {
        hits = 0;
        for (let x = g1; x !== -1; x = next[x]!)
          for (let y = g2; y !== -1; y = next[y]!) if (this.isCandidate(x, y, count)) hits++;
      }
      if (hits < merge * s1 * s2) continue;
      const keep = s1 >= s2 ? g1 : g2,
        drop = keep === g1 ? g2 : g1;
      for (let m = drop; m !== -1; m = next[m]!) head[m] = keep;
      next[tail[keep]!] = drop;
      tail[keep] = tail[drop]!;
      size[keep]! += size[drop]!;
      if (mask) mask[keep]! |= mask[drop]!;
    }
    return { head, next, size };
  }

  /** Groups of two or more records at t: members sorted by list then row, groups by their first member. */
  solve(t: number, opts: SolveOptions = { mergeThreshold: 0.5 }): Member[][] {
    const { head, next, size } = this.run(t, opts);
    const out: Member[][] = [];
    for (let g = 0; g < this.total; g++) {
      if (head[g] !== g || size[g]! < 2) continue;
      const ids: number[] = [];
      for (let m = g; m !== -1; m = next[m]!) ids.push(m);
      // Global ids run list by list, so sorting them sorts by (list, row).
      ids.sort((x, y) => x - y);
      out.push(ids.map((x): Member => [this.listOf[x]!, x - this.offsets[this.listOf[x]!]!]));
    }
    return out.sort((p, q) => p[0]![0] - q[0]![0] || p[0]![1] - q[0]![1]);
  }

  /** Number of groups of two or more records at t, without building them. */
  groupCount(t: number, opts: SolveOptions = { mergeThreshold: 0.5 }): number {
    const { head, size } = this.run(t, opts);
    let n = 0;
    for (let g = 0; g < this.total; g++) if (head[g] === g && size[g]! >= 2) n++;
    return n;
  }

  /** The sensitivity table, thresholds swept upward over the one ordered candidate set. */
  sensitivity(thresholds: readonly number[], opts?: SolveOptions): SensitivityRow[] {
    for (const t of thresholds)
      if (t < this.low)
        throw new RangeError(`threshold ${t} is below ${this.low}, the one the candidates were kept at`);
    return [...thresholds].sort((a, b) => a - b).map((t) => ({ threshold: t, linkedPeople: this.groupCount(t, opts) }));
  }
}

/**
 * Multi-party linkage. Returns every group of two or more records as [list, row] members,
 * members sorted by list then row, groups sorted by their first member.
 */
export function solveGroups(
  sizes: readonly number[],
  lp: readonly ListPairs[],
  threshold: number,
  opts: SolveOptions = { mergeThreshold: 0.5 },
): Member[][] {
  return new CandidateGraph(sizes, lp, threshold).solve(threshold, opts);
}

/**
 * Capture histories from groups: every record not in a group is a person seen on one list.
 * A history has one character per list, in list order ("101": on lists 1 and 3, not 2).
 */
export function captureHistories(sizes: readonly number[], groups: readonly Member[][]): Record<string, number> {
  const k = sizes.length;
  const inGroup = sizes.map((s) => new Uint8Array(s));
  const counts = new Map<string, number>();
  const add = (h: string) => counts.set(h, (counts.get(h) ?? 0) + 1);
  for (const g of groups) {
    const h = new Array<string>(k).fill('0');
    for (const [l, r] of g) {
      h[l] = '1';
      inGroup[l]![r] = 1;
    }
    add(h.join(''));
  }
  sizes.forEach((s, l) => {
    const h = new Array<string>(k).fill('0');
    h[l] = '1';
    const hs = h.join('');
    for (let r = 0; r < s; r++) if (!inGroup[l]![r]) add(hs);
  });
  return Object.fromEntries([...counts.entries()].sort((a, b) => (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0)));
}

export interface SensitivityRow {
  threshold: number;
  /** People found on two or more lists (groups spanning lists). */
  linkedPeople: number;
}

/** Linked people at each threshold, from one candidate graph built at the lowest of them. */
export function thresholdSensitivity(
  sizes: readonly number[],
  lp: readonly ListPairs[],
  thresholds: readonly number[],
  opts?: SolveOptions,
): SensitivityRow[] {
  if (thresholds.length === 0) return [];
  return new CandidateGraph(sizes, lp, Math.min(...thresholds)).sensitivity(thresholds, opts);
}

/** A grid of thresholds around t: t − 0.1 … t + 0.1 in steps of 0.025, kept in (0, 1]. */
export function thresholdGrid(t: number): number[] {
  const out: number[] = [];
  for (let d = -4; d <= 4; d++) {
    const x = Math.round((t + d * 0.025) * 1000) / 1000;
    if (x > 0 && x <= 1) out.push(x);
  }
  return out;
}

/** Thresholds from `from` to `to` (inclusive) in steps of `step`, rounded to 6 decimals. */
export function rangeGrid(from: number, to: number, step: number): number[] {
  if (!(step > 0) || !(to >= from)) throw new RangeError(`not a grid: from ${from} to ${to} by ${step}`);
  const out: number[] = [];
  const n = Math.floor((to - from) / step + 1e-9);
  for (let i = 0; i <= n; i++) out.push(Math.round((from + i * step) * 1e6) / 1e6);
  return out;
}
