import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binomial } from '../../src/random/binomial.ts';
import { Xoshiro128 } from '../../src/random/xoshiro128.ts';
import { logFactorial } from '../../src/stats/log-factorial.ts';
import { expectChiSquareFit, expectMean, expectVariance, moments } from './moments.ts';

const n = 30_000;
const pmf = (size: number, p: number) => (k: number) =>
  k > size
    ? 0
    : Math.exp(
        logFactorial(size) - logFactorial(k) - logFactorial(size - k) + k * Math.log(p) + (size - k) * Math.log(1 - p),
      );

describe('binomial', () => {
  it.each([
    [10, 0.3],
    [20, 0.1],
    [50, 0.9],
    [1000, 0.02],
    [1000, 0.4],
    [5000, 0.93],
    [100000, 0.7],
  ])('binomial(%i, %f) has mean np and variance np(1−p)', (size, p) => {
    const g = new Xoshiro128(5);
    const m = moments(() => binomial(g.u, size, p), n);
    const v = size * p * (1 - p);
    expectMean(m.mean, size * p, v, n);
    expectVariance(m.variance, v, 0.07);
  });

  it.each([
    [30, 0.2],
    [1000, 0.4],
  ])('binomial(%i, %f) matches its pmf (chi-square; inversion and BTRS)', (size, p) => {
    const g = new Xoshiro128(7);
    expectChiSquareFit(() => binomial(g.u, size, p), pmf(size, p), n, size);
  });

  it('stays in [0, n], with the edge cases p = 0, p = 1, n = 0 exact (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer(),
        (size, p, seed) => {
          const g = new Xoshiro128(seed);
          const k = binomial(g.u, size, p);
          expect(Number.isInteger(k) && k >= 0 && k <= size).toBe(true);
          expect(binomial(g.u, size, 0)).toBe(0);
          expect(binomial(g.u, size, 1)).toBe(size);
          expect(binomial(g.u, 0, p)).toBe(0);
        },
      ),
      { numRuns: 200 },
    );
  });
});
