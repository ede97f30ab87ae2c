import { expect } from 'vitest';

/** Sample mean and (population) variance of n draws. */
export function moments(f: () => number, n: number): { mean: number; variance: number } {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const x = f();
    s += x;
    s2 += x * x;
  }
  const mean = s / n;
  return { mean, variance: s2 / n - mean * mean };
}

// |sample mean − mean| within 5 standard errors: fails on a wrong sampler, essentially never by chance.
export function expectMean(got: number, mean: number, variance: number, n: number): void {
  expect(Math.abs(got - mean)).toBeLessThan(5 * Math.sqrt(variance / n) + 1e-12);
}

/** Variance ratio within ±tol of 1. */
export function expectVariance(got: number, variance: number, tol: number): void {
  expect(Math.abs(got / variance - 1)).toBeLessThan(tol);
}

/**
 * Pearson chi-square of integer draws against a pmf, cells with expected count < 5 pooled into their
 * neighbours; asserts the statistic is below the 99.9% point (Wilson–Hilferty), so a wrong pmf fails.
 */
export function expectChiSquareFit(draw: () => number, pmf: (k: number) => number, n: number, maxK: number): void {
  const counts = new Float64Array(maxK + 2);
  for (let i = 0; i < n; i++) {
    const k = draw();
    counts[Math.min(k, maxK + 1)]!++;
  }
  const expected = new Float64Array(maxK + 2);
  let cum = 0;
  for (let k = 0; k <= maxK; k++) {
    expected[k] = n * pmf(k);
    cum += expected[k]!;
  }
  expected[maxK + 1] = Math.max(0, n - cum);
  let chi = 0;
  let cells = 0;
  let o = 0;
  let e = 0;
  for (let k = 0; k <= maxK + 1; k++) {
    o += counts[k]!;
    e += expected[k]!;
    if (e >= 5) {
      chi += ((o - e) * (o - e)) / e;
      cells++;
      o = 0;
      e = 0;
    }
  }
  if (e > 0) chi += ((o - e) * (o - e)) / e;
  const df = Math.max(1, cells - 1);
  const z = 3.09; // 99.9% normal point
  const crit = df * Math.pow(1 - 2 / (9 * df) + z * Math.sqrt(2 / (9 * df)), 3);
  expect(cells).toBeGreaterThan(3);
  expect(chi).toBeLessThan(crit);
}
