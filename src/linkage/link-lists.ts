/**
 * The whole private linkage of k CLK lists: candidate pairs for every pair of lists (found once
 * at the lowest threshold of the sensitivity grid), groups at the chosen threshold, capture
 * histories, and how the number of linked people moves with the threshold.
 */
import { allPairs, type CandidatePairs } from './candidates.ts';
import { blockedPairs, type BlockingOptions } from './blocking.ts';
import { lshPairs } from './lsh-pairs.ts';
import type { KernelName, PackedClks } from './dice.ts';
import {
  CandidateGraph,
  captureHistories,
  thresholdGrid,
  type ListPairs,
  type Member,
  type SensitivityRow,
} from './matching.ts';

export interface LinkOptions {
  threshold: number;
  /** Share of cross pairs that must be candidates to merge groups (default 0.5; 1 = strict greedy). */
  mergeThreshold?: number;
  kernel?: KernelName;
  blocking?: BlockingOptions;
  /** Thresholds for the sensitivity table, the threshold itself added (default: threshold ± 0.1 in steps of 0.025; [] for no table).
   *  Candidates are kept down to the lowest of them, so a low grid costs memory. */
  grid?: number[];
  /** A pair finder, e.g. the worker-thread one; default: allPairs on this thread (or blocking). */
  findPairs?: (a: PackedClks, b: PackedClks, threshold: number) => Promise<CandidatePairs> | CandidatePairs;
}

export interface LinkResult {
  captureHistories: Record<string, number>;
  thresholdSensitivity: SensitivityRow[];
  groups: Member[][];
  comparisons: number;
  /** Candidate pairs kept (at or above the lowest threshold solved). */
  candidates: number;
}

export async function linkLists(lists: readonly PackedClks[], opts: LinkOptions): Promise<LinkResult> {
  // The chosen threshold is always a row of a non-empty table.
  const grid =
    opts.grid?.length === 0
      ? []
      : [...new Set([...(opts.grid ?? thresholdGrid(opts.threshold)), opts.threshold])].sort((a, b) => a - b);
  const low = Math.min(opts.threshold, grid[0] ?? opts.threshold);
  const find =
    opts.findPairs ??
    ((a: PackedClks, b: PackedClks, t: number) => {
      const bl = opts.blocking;
      if (!bl) return allPairs(a, b, t, opts.kernel ?? 'wasm');
      // Bit sampling alone has the typed-array path; exact keys need the general one.
      return bl.tables > 0 && !bl.keysA && !bl.keysB
        ? lshPairs(a, b, t, bl, opts.kernel ?? 'wasm')
        : blockedPairs(a, b, t, bl);
    });
  const lp: ListPairs[] = [];
  let comparisons = 0;
  for (let p = 0; p < lists.length; p++) {
    for (let q = p + 1; q < lists.length; q++) {
      const pairs = await find(lists[p]!, lists[q]!, low);
      comparisons += pairs.considered;
      lp.push({ listA: p, listB: q, pairs });
    }
  }
  const sizes = lists.map((l) => l.n);
  const solve = { mergeThreshold: opts.mergeThreshold ?? 0.5 };
  // One ordered candidate graph for the chosen threshold and the whole grid; the per-pair arrays
  // of each list pair are dropped once it holds them.
  const graph = new CandidateGraph(sizes, lp, low);
  lp.length = 0;
  const groups = graph.solve(opts.threshold, solve);
  return {
    captureHistories: captureHistories(sizes, groups),
    thresholdSensitivity: graph.sensitivity(grid, solve),
    groups,
    comparisons,
    candidates: graph.edges,
  };
}
