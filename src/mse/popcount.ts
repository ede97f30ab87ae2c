/** Number of set bits of a non-negative 32-bit integer (list membership patterns are bit masks). */
export function popcount(x: number): number {
  let c = 0;
  while (x) {
    x &= x - 1;
    c++;
  }
  return c;
}
