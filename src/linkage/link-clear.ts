/** Clear-text linkage of k tables with Fellegi–Sunter, giving the same result shape as the private path. */
import { predict, prepareTables, trainModel, type FsModel, type FsSettings, type Table } from './fellegi-sunter.ts';
import { CandidateGraph, captureHistories, type ListPairs } from './matching.ts';
import { UnionFind } from './union-find.ts';
import type { LinkResult } from './link-lists.ts';

export const PROBABILITY_GRID = [0.5, 0.8, 0.9, 0.95, 0.99, 0.999];

export function linkClear(
  tables: readonly Table[],
  settings: FsSettings,
  threshold = settings.threshold,
): LinkResult & { model: FsModel } {
  const s: FsSettings = { ...settings, linkType: 'link_only' };
  const p = prepareTables(tables, s);
  const model = trainModel(p, s);
  const scored = predict(p, s, model);
  const k = tables.length;
  const buckets = new Map<string, { sim: number[]; a: number[]; b: number[] }>();
  for (let x = 0; x < scored.a.length; x++) {
    const i = scored.a[x]!,
      j = scored.b[x]!;
    const [lo, hi] = p.source[i]! < p.source[j]! ? [i, j] : [j, i];
    const key = `${p.source[lo]}:${p.source[hi]}`;
    let bk = buckets.get(key);
    if (!bk) buckets.set(key, (bk = { sim: [], a: [], b: [] }));
    bk.sim.push(scored.probability[x]!);
    bk.a.push(p.row[lo]!);
    bk.b.push(p.row[hi]!);
  }
  const lp: ListPairs[] = [];
  for (let l1 = 0; l1 < k; l1++)
    for (let l2 = l1 + 1; l2 < k; l2++) {
      const bk = buckets.get(`${l1}:${l2}`) ?? { sim: [], a: [], b: [] };
      lp.push({
        listA: l1,
        listB: l2,
        pairs: {
          sim: Float64Array.from(bk.sim),
          a: Int32Array.from(bk.a),
          b: Int32Array.from(bk.b),
          considered: bk.sim.length,
        },
      });
    }
  const sizes = tables.map((t) => t.rows.length);
  // Probabilities are not similarities of one CLK, so groups need every cross pair to be a link.
  const solve = { mergeThreshold: 1 };
  const grid = [...new Set([...PROBABILITY_GRID, threshold])].sort((a, b) => a - b);
  const graph = new CandidateGraph(sizes, lp, grid[0]!);
  const groups = graph.solve(threshold, solve);
  return {
    captureHistories: captureHistories(sizes, groups),
    thresholdSensitivity: graph.sensitivity(grid, solve),
    groups,
    comparisons: scored.a.length,
    candidates: graph.edges,
    model,
  };
}

/** Clear-text deduplication of one table: train, score blocked pairs; clustersAt(t) joins pairs at or above t. */
export function dedupeClear(
  table: Table,
  settings: FsSettings,
): { clustersAt: (threshold: number) => number[][]; model: FsModel; pairs: number } {
  const s: FsSettings = { ...settings, linkType: 'dedupe_only' };
  const p = prepareTables([table], s);
  const model = trainModel(p, s);
  const scored = predict(p, s, model);
  const clustersAt = (threshold: number) => {
    const uf = new UnionFind(p.n);
    for (let x = 0; x < scored.a.length; x++)
      if (scored.probability[x]! >= threshold) uf.union(scored.a[x]!, scored.b[x]!);
    return uf.groups(2);
  };
  return { clustersAt, model, pairs: scored.a.length };
}
