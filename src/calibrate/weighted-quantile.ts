/** Quantiles of weighted samples (weights need not sum to 1), by the weighted empirical CDF. */
export function weightedQuantiles(values: ArrayLike<number>, weights: ArrayLike<number>, probs: number[]): number[] {
  const idx = Array.from({ length: values.length }, (_, i) => i).sort((a, b) => values[a]! - values[b]!);
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i]!;
  return probs.map((p) => {
    const target = p * total;
    let acc = 0;
    for (const i of idx) {
      acc += weights[i]!;
      if (acc >= target - 1e-12 * total) return values[i]!;
    }
    return values[idx[idx.length - 1]!]!;
  });
}
