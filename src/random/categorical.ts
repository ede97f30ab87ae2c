/**
 * Index drawn with probability proportional to non-negative weights, given one uniform x in [0, 1)
 * (taking the number, not the source, lets counter-based callers pass their own keyed draw).
 */
export function categorical(x: number, weights: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i]!;
  let t = x * total;
  for (let i = 0; i < weights.length; i++) {
    t -= weights[i]!;
    if (t < 0) return i;
  }
  return weights.length - 1;
}
