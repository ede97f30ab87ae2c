/**
 * The whole private linkage of k CLK lists: candidate pairs for every pair of lists (found once
 * at the lowest threshold of the sensitivity grid), groups at the chosen threshold, capture
 * histories, and how the number of linked people moves with the threshold.
 */
import { allPairs, type CandidatePairs } from './candidates.ts';
import { blockedPairs, type BlockingOptions } from './blocking.ts';
import type { KernelName, PackedClks } from './dice.ts';
import { captureHistories, solveGroups, thresholdGrid, thresholdSensitivity, type ListPairs, type Member, type SensitivityRow } from './matching.ts';

export interface LinkOptions {
  threshold: number;
  /** Share of cross pairs that must be candidates to merge groups (default 0.5; 1 = strict greedy). */
  mergeThreshold?: number;
  kernel?: KernelName;
  blocking?: BlockingOptions;
  /** Thresholds for the sensitivity table (default: threshold ± 0.1 in steps of 0.025). */
  grid?: number[];
  /** A pair finder, e.g. the worker-thread one; default: allPairs on this thread (or blocking). */
  findPairs?: (a: PackedClks, b: PackedClks, threshold: number) => Promise<CandidatePairs> | CandidatePairs;
}

export interface LinkResult {
  captureHistories: Record<string, number>;
  thresholdSensitivity: SensitivityRow[];
  groups: Member[][];
  comparisons: number;
}

export async function linkLists(lists: readonly PackedClks[], opts: LinkOptions): Promise<LinkResult> {
  const grid = [...new Set([...(opts.grid ?? thresholdGrid(opts.threshold)), opts.threshold])].sort((a, b) => a - b);
  const low = grid[0];
  const find =
    opts.findPairs ??
    ((a: PackedClks, b: PackedClks, t: number) => (opts.blocking ? blockedPairs(a, b, t, opts.blocking) : allPairs(a, b, t, opts.kernel ?? 'wasm')));
  const lp: ListPairs[] = [];
  let comparisons = 0;
  for (let p = 0; p < lists.length; p++) {
    for (let q = p + 1; q < lists.length; q++) {
      const pairs = await find(lists[p], lists[q], low);
      comparisons += pairs.considered;
      lp.push({ listA: p, listB: q, pairs });
    }
  }
  const sizes = lists.map((l) => l.n);
  const solve = { mergeThreshold: opts.mergeThreshold ?? 0.5 };
  const groups = solveGroups(sizes, lp, opts.threshold, solve);
  return {
    captureHistories: captureHistories(sizes, groups),
    thresholdSensitivity: thresholdSensitivity(sizes, lp, grid, solve),
    groups,
    comparisons,
  };
}
