import { linkLists, packClks, type Member, type SensitivityRow, Rng } from '../../linkage/index.ts';
import type { JobHandler } from '../types.ts';

/** What the linkage service hands a worker: every party's CLKs (base64 of the packed bytes, so the payload survives JSON for BullMQ). */
export interface LinkageRunPayload {
  parties: Array<{ count: number; size: number; clks: string }>;
  threshold: number;
  /** What to return beyond the capture histories: 'groups', 'permutations' (two parties) or nothing more. */
  resultType: string;
  /** Seeds the permutations (chosen by the server per run), so the job is deterministic in its payload. */
  seed: number;
}

export interface PermutationResult {
  /** One per party: the new position of each of its rows. */
  permutations: number[][];
  /** 1 at positions where both parties' rows are the same person. */
  mask: number[];
  /** Rows of the smaller list: rows beyond it are to be dropped after permuting. */
  rows: number;
}

export interface LinkageRunResult {
  captureHistories: Record<string, number>;
  thresholdSensitivity: SensitivityRow[];
  comparisons: number;
  groups?: Member[][];
  permutations?: PermutationResult;
}

/** Splits one party's packed bytes into CLKs of `size` bytes. */
function clksOf(p: LinkageRunPayload['parties'][number], i: number): Uint8Array[] {
  const bytes = Buffer.from(p.clks, 'base64');
  if (bytes.length !== p.count * p.size)
    throw new Error(`party ${i}: ${bytes.length} bytes for ${p.count} CLKs of ${p.size}`);
  const out: Uint8Array[] = [];
  for (let r = 0; r < p.count; r++) out.push(new Uint8Array(bytes.buffer, bytes.byteOffset + r * p.size, p.size));
  return out;
}

/**
 * The entity service's permutations from two-party groups: every matched pair gets one random position
 * below `rows` in both lists (mask 1 there); the other rows fill the remaining positions, then those
 * beyond `rows`, so each party's permutation is a bijection of its own rows.
 */
export function permutationsFromGroups(
  sizes: readonly [number, number],
  groups: readonly Member[][],
  seed: number,
): PermutationResult {
  const rows = Math.min(sizes[0], sizes[1]);
  const free = new Rng(seed).shuffle(Array.from({ length: rows }, (_, i) => i));
  const perm = sizes.map((n) => new Array<number>(n).fill(-1));
  const mask = new Array<number>(rows).fill(0);
  let m = 0;
  for (const g of groups) {
    const a = g.find(([l]) => l === 0);
    const b = g.find(([l]) => l === 1);
    if (!a || !b) continue;
    // At most min(sizes) pairs, so m stays below rows; perm holds one array per party.
    const pos = free[m++]!;
    perm[0]![a[1]] = pos;
    perm[1]![b[1]] = pos;
    mask[pos] = 1;
  }
  for (const p of perm) {
    let next = m;
    let beyond = rows;
    for (let r = 0; r < p.length; r++) if (p[r]! < 0) p[r] = next < rows ? free[next++]! : beyond++;
  }
  return { permutations: perm, mask, rows };
}

/** One linkage run: the parties' CLKs linked at the threshold by the project's multi-list linkage. */
export const linkageRun: JobHandler = async (payload) => {
  const p = payload as LinkageRunPayload;
  if (!Array.isArray(p.parties) || p.parties.length < 2)
    throw new Error('a linkage run needs the CLKs of two parties or more');
  const lists = p.parties.map((party, i) => packClks(clksOf(party, i)));
  const r = await linkLists(lists, { threshold: p.threshold });
  const out: LinkageRunResult = {
    captureHistories: r.captureHistories,
    thresholdSensitivity: r.thresholdSensitivity,
    comparisons: r.comparisons,
  };
  if (p.resultType === 'groups') out.groups = r.groups;
  if (p.resultType === 'permutations')
    out.permutations = permutationsFromGroups([lists[0]!.n, lists[1]!.n], r.groups, p.seed);
  return out;
};
