// Weighted draws from a frequency table: cumulative weights + binary search (tables are a few hundred rows).

export interface WeightedTable<T> {
  readonly items: readonly T[];
  readonly weights: readonly number[];
  /** Cumulative normalised weights; last element is exactly 1. */
  readonly cumulative: Float64Array;
}

export function weightedTable<T>(rows: ReadonlyArray<readonly [T, number]>): WeightedTable<T> {
  if (rows.length === 0) throw new Error('weightedTable: empty table');
  let total = 0;
  for (const [, w] of rows) {
    if (!(w >= 0) || !Number.isFinite(w)) throw new Error(`weightedTable: bad weight ${w}`);
    total += w;
  }
  if (!(total > 0)) throw new Error('weightedTable: weights sum to zero');
  const cumulative = new Float64Array(rows.length);
  let acc = 0;
  rows.forEach(([, w], i) => {
    acc += w / total;
    cumulative[i] = acc;
  });
  cumulative[rows.length - 1] = 1;
  return { items: rows.map((r) => r[0]), weights: rows.map((r) => r[1] / total), cumulative };
}

/** The item whose cumulative interval contains u ∈ [0, 1). */
export function pick<T>(table: WeightedTable<T>, u: number): T {
  const c = table.cumulative;
  let lo = 0;
  let hi = c.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (u < c[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return table.items[lo]!;
}
