/**
 * Turning candidate pairs into decisions: greedy one-to-one linkage of two lists,
 * deduplication within a list (connected components), and anonlink's probabilistic greedy
 * solver for k lists (merge two groups when enough of their cross pairs are candidates,
 * never putting two records of one list in a group).
 */
import { orderBySimilarity, type CandidatePairs } from './candidates.ts';
import { UnionFind } from './union-find.ts';

/** Greedy one-to-one: take pairs by falling similarity, each record used at most once. */
export function greedyOneToOne(p: CandidatePairs, nA: number, nB: number): Array<[number, number, number]> {
  const usedA = new Uint8Array(nA);
  const usedB = new Uint8Array(nB);
  const out: Array<[number, number, number]> = [];
  for (const k of orderBySimilarity(p)) {
    const a = p.a[k], b = p.b[k];
    if (usedA[a] || usedB[b]) continue;
    usedA[a] = usedB[b] = 1;
    out.push([a, b, p.sim[k]]);
  }
  return out;
}

/** Deduplicate one list: clusters are the connected components of the pairs (each of size ≥ 2). */
export function dedupeClusters(p: CandidatePairs, n: number): number[][] {
  const uf = new UnionFind(n);
  for (let k = 0; k < p.sim.length; k++) uf.union(p.a[k], p.b[k]);
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
 * Multi-party linkage. Returns every group of two or more records as [list, row] members,
 * members sorted by list then row, groups sorted by their first member.
 */
export function solveGroups(sizes: readonly number[], lp: readonly ListPairs[], threshold: number, opts: SolveOptions = { mergeThreshold: 0.5 }): Member[][] {
  const offsets: number[] = [];
  let total = 0;
  for (const s of sizes) {
    offsets.push(total);
    total += s;
  }
  const listOf = new Int32Array(total);
  sizes.forEach((s, l) => listOf.fill(l, offsets[l], offsets[l] + s));
  // All edges above threshold, as global ids.
  const sim: number[] = [], ga: number[] = [], gb: number[] = [];
  const isCandidate = new Set<number>();
  const key = (x: number, y: number) => (x < y ? x * total + y : y * total + x);
  for (const { listA, listB, pairs } of lp) {
    for (let k = 0; k < pairs.sim.length; k++) {
      if (pairs.sim[k] < threshold) continue;
      const x = offsets[listA] + pairs.a[k], y = offsets[listB] + pairs.b[k];
      sim.push(pairs.sim[k]);
      ga.push(x);
      gb.push(y);
      isCandidate.add(key(x, y));
    }
  }
  const order = sim.map((_, i) => i).sort((x, y) => sim[y] - sim[x] || ga[x] - ga[y] || gb[x] - gb[y]);
  // Group membership; a record alone is its own group.
  const groupOf = new Int32Array(total);
  const members: number[][] = [];
  for (let i = 0; i < total; i++) {
    groupOf[i] = i;
    members.push([i]);
  }
  for (const e of order) {
    const g1 = groupOf[ga[e]], g2 = groupOf[gb[e]];
    if (g1 === g2) continue;
    const m1 = members[g1], m2 = members[g2];
    // No two records of one list in a group.
    const lists1 = new Set(m1.map((x) => listOf[x]));
    if (m2.some((x) => lists1.has(listOf[x]))) continue;
    let hits = 0;
    for (const x of m1) for (const y of m2) if (isCandidate.has(key(x, y))) hits++;
    if (hits < opts.mergeThreshold * m1.length * m2.length) continue;
    const [keep, drop] = m1.length >= m2.length ? [g1, g2] : [g2, g1];
    for (const x of members[drop]) {
      groupOf[x] = keep;
      members[keep].push(x);
    }
    members[drop] = [];
  }
  const out: Member[][] = [];
  for (const m of members) {
    if (m.length < 2) continue;
    const g = m.map((x): Member => [listOf[x], x - offsets[listOf[x]]]).sort((p, q) => p[0] - q[0] || p[1] - q[1]);
    out.push(g);
  }
  return out.sort((p, q) => p[0][0] - q[0][0] || p[0][1] - q[0][1]);
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
      inGroup[l][r] = 1;
    }
    add(h.join(''));
  }
  sizes.forEach((s, l) => {
    const h = new Array<string>(k).fill('0');
    h[l] = '1';
    const hs = h.join('');
    for (let r = 0; r < s; r++) if (!inGroup[l][r]) add(hs);
  });
  return Object.fromEntries([...counts.entries()].sort((a, b) => (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0)));
}

export interface SensitivityRow {
  threshold: number;
  /** People found on two or more lists (groups spanning lists). */
  linkedPeople: number;
}

/** Re-solve at each threshold (candidates must have been found at the lowest one). */
export function thresholdSensitivity(sizes: readonly number[], lp: readonly ListPairs[], thresholds: readonly number[], opts?: SolveOptions): SensitivityRow[] {
  return thresholds.map((t) => ({ threshold: t, linkedPeople: solveGroups(sizes, lp, t, opts).length }));
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
