import { allPairs, type KernelName, type PackedClks } from '../../linkage/index.ts';
import type { JobHandler } from '../types.ts';

/**
 * Candidate pairs for one slice of query rows. The CLK sets travel in SharedArrayBuffers, so each
 * task shares them with the caller instead of copying them.
 */
export interface LinkagePairsPayload {
  a: PackedClks;
  b: PackedClks | null;
  threshold: number;
  kernel: KernelName;
  rows: [number, number];
}

export const linkagePairs: JobHandler = (payload) => {
  const p = payload as LinkagePairsPayload;
  return allPairs(p.a, p.b, p.threshold, p.kernel, p.rows);
};
