import type { PatternTable } from './table.ts';
import { chapman } from './two-list.ts';

export interface PairEstimate {
  lists: [string, string];
  /** People on both lists. */
  both: number;
  estimate: number;
  interval: [number, number];
  /** This pair's Chapman estimate over the multi-list reference (e.g. the median across methods); NaN without one. NaN figures where nobody is on both. */
  relative: number;
}

/**
 * Chapman on every pair of lists: a check on the assumptions, not an estimate. Two lists that are steps of
 * one process (sought, then caught, then tried) overlap far more than independence allows, and their pair
 * estimate falls well below the others'; such lists belong merged, or under a model with their interaction.
 */
export function pairwiseEstimates(t: PatternTable, reference: number, level = 0.95): PairEstimate[] {
  const out: PairEstimate[] = [];
  for (let a = 0; a < t.lists.length; a++)
    for (let b = a + 1; b < t.lists.length; b++) {
      const r = chapman(t, { pair: [a, b], level });
      const both = (r.diagnostics as { m: number }).m;
      // Nobody on both: Chapman's (n1+1)(n2+1) − 1 is an artefact of its +1s, not an estimate.
      if (both === 0)
        out.push({
          lists: [t.lists[a]!, t.lists[b]!],
          both,
          estimate: Number.NaN,
          interval: [Number.NaN, Number.NaN],
          relative: Number.NaN,
        });
      else
        out.push({
          lists: [t.lists[a]!, t.lists[b]!],
          both,
          estimate: r.estimate,
          interval: r.interval,
          relative: r.estimate / reference,
        });
    }
  return out;
}
