import type { SimResult } from './engine.ts';
import { listEntries, type ListOptions } from './observe.ts';

export interface RunCaptureHistories {
  lists: string[];
  /** Count per capture pattern, indexed by bitmask (bit i = list i); cell 0 is unknown and left 0. */
  counts: Float64Array;
  /** Everyone who went AWOL at least once in the run: the population the lists sample from. */
  N: number;
  /** People on at least one of the lists. */
  observed: number;
}

/**
 * The run's lists as capture histories over the AWOL population, as record linkage would deliver them
 * if it made no errors: the input capture–recapture takes, with the true N beside it. Records of people
 * who never went AWOL (e.g. surrender applicants still at the front) are out of scope and dropped, as an
 * analyst would drop them.
 */
export function awolCaptureHistories(r: SimResult, sources: string[], opts: ListOptions = {}): RunCaptureHistories {
  if (!r.events) throw new Error('the run kept no event logs: run with keepEvents');
  const awol = new Set<number>();
  for (const e of r.events.awol) awol.add(e.personId);
  const mask = new Map<number, number>();
  for (const e of listEntries(r, opts)) {
    const i = sources.indexOf(e.source);
    if (i < 0 || !awol.has(e.personId)) continue;
    mask.set(e.personId, (mask.get(e.personId) ?? 0) | (1 << i));
  }
  const counts = new Float64Array(1 << sources.length);
  for (const m of mask.values()) counts[m]!++;
  return { lists: [...sources], counts, N: awol.size, observed: mask.size };
}
