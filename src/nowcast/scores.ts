/** Proper scores for interval nowcasts (Bracher et al. 2021). */

/** Interval score of a central (1 − alpha) interval [lo, hi] for the outcome y. */
export function intervalScore(lo: number, hi: number, y: number, alpha: number): number {
  let s = hi - lo;
  if (y < lo) s += (2 / alpha) * (lo - y);
  if (y > hi) s += (2 / alpha) * (y - hi);
  return s;
}

/**
 * Weighted interval score from a median and central intervals: (½|y − m| + Σ α_k/2 · IS_αk) / (K + ½).
 */
export function weightedIntervalScore(
  median: number,
  intervals: ReadonlyArray<{ lo: number; hi: number; alpha: number }>,
  y: number,
): number {
  let s = 0.5 * Math.abs(y - median);
  for (const iv of intervals) s += (iv.alpha / 2) * intervalScore(iv.lo, iv.hi, y, iv.alpha);
  return s / (intervals.length + 0.5);
}
