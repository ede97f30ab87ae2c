const TABLE_SIZE = 256;
const TABLE: Float64Array = (() => {
  const t = new Float64Array(TABLE_SIZE);
  for (let i = 1; i < TABLE_SIZE; i++) t[i] = t[i - 1]! + Math.log(i);
  return t;
})();
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** log(k!) for integer k ≥ 0: exact sums from a table below 256, Stirling's series beyond (error < 1e-16 relative). */
export function logFactorial(k: number): number {
  if (k < TABLE_SIZE) return TABLE[k]!;
  const x = k + 1;
  return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + 1 / (12 * x) - 1 / (360 * x * x * x);
}
