import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logFactorial } from '../../src/stats/log-factorial.ts';
import { logGamma } from '../../src/stats/log-gamma.ts';
import { logSumExp } from '../../src/stats/log-sum-exp.ts';
import { erfc, normalCdf, normalQuantile } from '../../src/stats/normal-distribution.ts';
import { quantileSorted } from '../../src/stats/quantile-sorted.ts';

describe('special functions', () => {
  it('logGamma agrees with known values', () => {
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    expect(logGamma(1)).toBeCloseTo(0, 13);
    expect(logGamma(2)).toBeCloseTo(0, 13);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 10);
    expect(logGamma(0.1)).toBeCloseTo(2.252712651734206, 11); // R: lgamma(0.1)
    expect(logGamma(100)).toBeCloseTo(359.1342053695754, 9); // R: lgamma(100)
  });

  it('logGamma satisfies Γ(x + 1) = x Γ(x) (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1e4, noNaN: true }), (x) => {
        expect(logGamma(x + 1) - logGamma(x) - Math.log(x)).toBeCloseTo(0, 8);
      }),
    );
  });

  it('logFactorial is log k! exactly from its table and by Stirling beyond', () => {
    expect(logFactorial(0)).toBe(0);
    expect(logFactorial(5)).toBeCloseTo(Math.log(120), 13);
    expect(logFactorial(255)).toBeCloseTo(logGamma(256), 8);
    expect(logFactorial(256)).toBeCloseTo(logGamma(257), 8);
    expect(logFactorial(300)).toBeCloseTo(logGamma(301), 8);
    expect(logFactorial(1e6)).toBeCloseTo(logGamma(1e6 + 1), 5);
  });

  it('normalCdf and normalQuantile agree with known values and invert each other', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 7);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 6);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326347874040841, 6);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 4);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(erfc(0)).toBeCloseTo(1, 7);
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }), (p) => {
        expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 6);
      }),
    );
  });

  it('quantileSorted is R type 7', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([10, 20, 30, 40, 50], 0.1)).toBeCloseTo(14, 12);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });

  it('logSumExp is stable for large and −∞ inputs', () => {
    expect(logSumExp([1000, 1000])).toBeCloseTo(1000 + Math.log(2), 12);
    expect(logSumExp([-Infinity, Math.log(3)])).toBeCloseTo(Math.log(3), 12);
    expect(logSumExp([])).toBe(-Infinity);
  });
});
