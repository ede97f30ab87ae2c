/**
 * Quantile of an ascending-sorted sample (type 7, R's default: linear between order statistics); NaN for
 * an empty sample. p is clamped to [0, 1] (a BCa-adjusted level can round just outside). The one quantile
 * of the code base; calibrate's weighted quantile answers a different question.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * Math.min(Math.max(p, 0), 1);
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}
