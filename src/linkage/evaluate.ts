/** Pairwise precision and recall of a clustering against true entity labels. */

export interface PairQuality {
  truePairs: number;
  predictedPairs: number;
  correctPairs: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Number of unordered pairs within groups of the given sizes. */
function pairsIn(sizes: Iterable<number>): number {
  let s = 0;
  for (const n of sizes) s += (n * (n - 1)) / 2;
  return s;
}

/**
 * Predicted pairs are those within one cluster (transitive closure); true pairs share a label.
 * `clusters` lists record indices; records not listed are singletons.
 */
export function pairQuality(labels: readonly string[], clusters: readonly (readonly number[])[]): PairQuality {
  const count = new Map<string, number>();
  for (const l of labels) count.set(l, (count.get(l) ?? 0) + 1);
  const truePairs = pairsIn(count.values());
  const predictedPairs = pairsIn(clusters.map((c) => c.length));
  let correctPairs = 0;
  for (const c of clusters) {
    const by = new Map<string, number>();
    for (const r of c) by.set(labels[r]!, (by.get(labels[r]!) ?? 0) + 1);
    correctPairs += pairsIn(by.values());
  }
  const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
  const recall = truePairs === 0 ? 1 : correctPairs / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePairs, predictedPairs, correctPairs, precision, recall, f1 };
}

/** FEBRL truth: "rec-12-dup-0" and "rec-12-org" are entity "12". */
export function febrlEntity(recId: string): string {
  const m = /^rec-(\d+)-/.exec(recId.trim());
  return m?.[1] ?? recId.trim();
}
