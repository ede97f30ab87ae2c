import { describe, expect, it } from 'vitest';
import { poisson } from '../../src/random/poisson.ts';
import { Xoshiro128 } from '../../src/random/xoshiro128.ts';
import { logFactorial } from '../../src/stats/log-factorial.ts';
import { expectChiSquareFit, expectMean, expectVariance, moments } from './moments.ts';

const n = 30_000;
const pmf = (mean: number) => (k: number) => Math.exp(-mean + k * Math.log(mean) - logFactorial(k));

describe('poisson', () => {
  it.each([0.5, 3, 9.9, 10, 37, 800, 1e5])('poisson(%f) has mean = variance = λ', (lam) => {
    const g = new Xoshiro128(3);
    const m = moments(() => poisson(g.u, lam), n);
    expectMean(m.mean, lam, lam, n);
    expectVariance(m.variance, lam, 0.07);
  });

  it.each([3, 37, 250])('poisson(%f) matches its pmf (chi-square)', (lam) => {
    const g = new Xoshiro128(4);
    expectChiSquareFit(() => poisson(g.u, lam), pmf(lam), n, Math.ceil(lam + 6 * Math.sqrt(lam) + 5));
  });

  it('poisson(0) is 0 and a negative or infinite mean is refused', () => {
    const g = new Xoshiro128(1);
    expect(poisson(g.u, 0)).toBe(0);
    expect(() => poisson(g.u, -1)).toThrow(RangeError);
    expect(() => poisson(g.u, Infinity)).toThrow(RangeError);
  });
});
