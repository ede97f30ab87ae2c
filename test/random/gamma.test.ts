import { describe, expect, it } from 'vitest';
import { beta, logBeta } from '../../src/random/beta.ts';
import { exponential } from '../../src/random/exponential.ts';
import { gamma, logGammaVariate } from '../../src/random/gamma.ts';
import { polarNormal } from '../../src/random/normal.ts';
import { Xoshiro128 } from '../../src/random/xoshiro128.ts';
import { expectMean, expectVariance, moments } from './moments.ts';

const n = 40_000;

describe('exponential, gamma and beta', () => {
  it('exponential has the given mean and variance mean²', () => {
    const g = new Xoshiro128(2);
    const m = moments(() => exponential(g.u, 3), n);
    expectMean(m.mean, 3, 9, n);
    expectVariance(m.variance, 9, 0.1);
  });

  it.each([
    [0.3, 2],
    [1, 1],
    [2.5, 40],
    [10, 0.5],
    [50, 1 / 3],
  ])('gamma(shape %f, scale %f) has mean kθ and variance kθ² (Box–Muller and polar normals)', (k, th) => {
    const g = new Xoshiro128(3);
    const z = polarNormal(g.u);
    for (const draw of [() => gamma(g.u, k, th), () => gamma(g.u, k, th, z)]) {
      const m = moments(draw, n);
      expectMean(m.mean, k * th, k * th * th, n);
      expectVariance(m.variance, k * th * th, 0.1);
    }
  });

  it('gamma rejects a non-positive shape or scale', () => {
    const g = new Xoshiro128(1);
    expect(() => gamma(g.u, 0, 1)).toThrow(RangeError);
    expect(() => gamma(g.u, 1, -1)).toThrow(RangeError);
  });

  it('the log of a gamma draw has E[log X] = ψ(shape) and stays finite for tiny shapes', () => {
    const g = new Xoshiro128(4);
    // ψ(3) = 1 + 1/2 − γ
    const m = moments(() => logGammaVariate(g.u, 3), n);
    expectMean(m.mean, 1.5 - 0.5772156649015329, 0.3949340668, n); // var = ψ'(3) = π²/6 − 1 − 1/4
    for (let i = 0; i < 100; i++) expect(Number.isFinite(logGammaVariate(g.u, 1e-6))).toBe(true);
  });

  it('beta(a, b) has mean a/(a+b) and variance ab/((a+b)²(a+b+1))', () => {
    const g = new Xoshiro128(4);
    const [a, b] = [2, 5];
    const v = (a * b) / ((a + b) ** 2 * (a + b + 1));
    const m = moments(() => beta(g.u, a, b), n);
    expectMean(m.mean, a / (a + b), v, n);
    expectVariance(m.variance, v, 0.1);
  });

  it('beta stays in [0, 1] when both gammas underflow (tiny shapes)', () => {
    const g = new Xoshiro128(6);
    for (let i = 0; i < 200; i++) {
      const x = beta(g.u, 1e-7, 1e-7);
      expect(x >= 0 && x <= 1).toBe(true);
    }
  });

  it('logBeta agrees with beta in distribution and stays finite for tiny shapes', () => {
    const g = new Xoshiro128(5);
    const out = new Float64Array(2);
    const v = (3 * 1.5) / (4.5 ** 2 * 5.5);
    const m = moments(() => {
      logBeta(g.u, 3, 1.5, out);
      return Math.exp(out[0]!);
    }, n);
    expectMean(m.mean, 3 / 4.5, v, n);
    for (let i = 0; i < 100; i++) {
      logBeta(g.u, 1, 1e-6, out);
      expect(Number.isFinite(out[0]) && Number.isFinite(out[1])).toBe(true);
      expect(Math.exp(out[0]!) + Math.exp(out[1]!)).toBeCloseTo(1, 9);
    }
  });
});
