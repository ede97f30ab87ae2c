/**
 * Linkage of lists that may name one person more than once (a court list has a row per case): each
 * holder's list is first deduplicated on its own (union-find over pairs above the dedupe threshold),
 * one representative per cluster is linked across lists, and the groups are mapped back to every row.
 * A list with repeats fed straight to linkLists would count a repeated person as several people.
 */
import { allPairs } from './candidates.ts';
import type { PackedClks } from './dice.ts';
import { linkLists, type LinkOptions, type LinkResult } from './link-lists.ts';
import { dedupeClusters, type Member } from './matching.ts';

export interface DedupedLinkOptions extends LinkOptions {
  /** Dice threshold for repeats within one list (default: the linkage threshold). */
  dedupeThreshold?: number;
}

export interface DedupedLinkResult extends LinkResult {
  /** Per list: the rows of each cluster after deduplication, representative (smallest row) first. */
  clusters: number[][][];
  /** Every person seen more than once, on one list or several: all their rows as [list, row]. */
  people: Member[][];
}

/** The packed CLKs of the given rows, in that order. */
export function selectRows(p: PackedClks, rows: readonly number[]): PackedClks {
  const w = p.words64 * 2;
  const data = new Uint32Array(rows.length * w);
  const popcounts = new Uint32Array(rows.length);
  rows.forEach((r, i) => {
    data.set(p.data.subarray(r * w, (r + 1) * w), i * w);
    popcounts[i] = p.popcounts[r]!;
  });
  return { n: rows.length, words64: p.words64, data, popcounts };
}

/** Clusters of one list: repeats grouped, every other row alone; ordered by their first row. */
export function listClusters(p: PackedClks, threshold: number, kernel: LinkOptions['kernel'] = 'wasm'): number[][] {
  const repeats = dedupeClusters(allPairs(p, null, threshold, kernel), p.n);
  const inRepeat = new Uint8Array(p.n);
  for (const c of repeats) for (const r of c) inRepeat[r] = 1;
  const out = [...repeats];
  for (let r = 0; r < p.n; r++) if (!inRepeat[r]) out.push([r]);
  return out.sort((a, b) => a[0]! - b[0]!);
}

export async function linkDedupedLists(
  lists: readonly PackedClks[],
  opts: DedupedLinkOptions,
): Promise<DedupedLinkResult> {
  const clusters = lists.map((p) => listClusters(p, opts.dedupeThreshold ?? opts.threshold, opts.kernel));
  const reps = lists.map((p, l) =>
    selectRows(
      p,
      clusters[l]!.map((c) => c[0]!),
    ),
  );
  const linked = await linkLists(reps, opts);
  // Groups of representatives → all rows; clusters of one list that no group took are people too.
  const taken = clusters.map((c) => new Uint8Array(c.length));
  const people: Member[][] = [];
  for (const g of linked.groups) {
    const rows: Member[] = [];
    for (const [l, k] of g) {
      taken[l]![k] = 1;
      for (const r of clusters[l]![k]!) rows.push([l, r]);
    }
    people.push(rows);
  }
  clusters.forEach((cs, l) =>
    cs.forEach((c, k) => {
      if (!taken[l]![k] && c.length > 1) people.push(c.map((r): Member => [l, r]));
    }),
  );
  return { ...linked, clusters, people };
}
