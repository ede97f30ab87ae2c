import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { categorical } from '../../src/random/categorical.ts';
import { dirichlet } from '../../src/random/dirichlet.ts';
import { multinomial } from '../../src/random/multinomial.ts';
import { negativeBinomial } from '../../src/random/negative-binomial.ts';
import { Xoshiro128 } from '../../src/random/xoshiro128.ts';
import { expectMean, expectVariance, moments } from './moments.ts';

const n = 30_000;

describe('negative binomial, categorical, Dirichlet, multinomial', () => {
  it.each([
    [20, 4],
    [10, 2],
    [280, 120],
  ])('negative binomial(mean %f, size %f) has variance mean + mean²/size', (mu, size) => {
    const g = new Xoshiro128(6);
    const v = mu + (mu * mu) / size;
    const m = moments(() => negativeBinomial(g.u, mu, size), n);
    expectMean(m.mean, mu, v, n);
    expectVariance(m.variance, v, 0.1);
  });

  it('negative binomial with infinite size is Poisson, and mean 0 gives 0', () => {
    const g = new Xoshiro128(7);
    const m = moments(() => negativeBinomial(g.u, 12, Infinity), n);
    expectMean(m.mean, 12, 12, n);
    expectVariance(m.variance, 12, 0.07);
    expect(negativeBinomial(g.u, 0, 3)).toBe(0);
  });

  it('categorical follows its weights and never picks a zero weight', () => {
    const g = new Xoshiro128(9);
    const c = [0, 0, 0, 0];
    for (let i = 0; i < n; i++) c[categorical(g.uniform(), [1, 2, 0, 7])]!++;
    expectMean(c[3]! / n, 0.7, 0.21, n);
    expectMean(c[0]! / n, 0.1, 0.09, n);
    expect(c[2]).toBe(0);
  });

  it('dirichlet draws sum to 1 and have mean alpha/Σalpha; multinomial keeps its total (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.05, max: 20, noNaN: true }), { minLength: 2, maxLength: 8 }),
        fc.integer({ min: 0, max: 100000 }),
        (alpha, total) => {
          const g = new Xoshiro128(total);
          const d = dirichlet(g.u, alpha);
          expect(d.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
          const m = multinomial(g.u, total, d);
          expect(m.reduce((a, b) => a + b, 0)).toBe(total);
          for (const x of m) expect(x >= 0 && Number.isInteger(x)).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
    const g = new Xoshiro128(8);
    const acc = [0, 0, 0];
    for (let i = 0; i < 5000; i++) dirichlet(g.u, [1, 2, 7]).forEach((x, k) => (acc[k]! += x / 5000));
    // Var of a Dirichlet(1, 2, 7) component: α_k(α0 − α_k)/(α0²(α0 + 1))
    expectMean(acc[0]!, 0.1, (1 * 9) / (100 * 11), 5000);
    expectMean(acc[2]!, 0.7, (7 * 3) / (100 * 11), 5000);
  });

  it('dirichlet with tiny shapes still gives a point on the simplex', () => {
    const g = new Xoshiro128(3);
    for (let i = 0; i < 50; i++) {
      const d = dirichlet(g.u, [1e-300, 1e-300, 1e-300]);
      expect(d.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
  });

  it('multinomial draws are non-negative, sum to n and skip zero-weight classes (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 1, maxLength: 12 }),
        fc.integer(),
        (total, w, seed) => {
          fc.pre(w.some((x) => x > 0));
          const out = new Float64Array(w.length);
          multinomial(new Xoshiro128(seed).u, total, w, out);
          expect(out.reduce((a, b) => a + b, 0)).toBe(total);
          w.forEach((x, i) => {
            expect(out[i]).toBeGreaterThanOrEqual(0);
            if (x === 0) expect(out[i]).toBe(0);
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('multinomial class means are n·w/Σw, using only the first k classes', () => {
    const g = new Xoshiro128(10);
    const w = [1, 2, 7, 100];
    const out = new Int32Array(4).fill(-1);
    const sums = [0, 0, 0];
    const reps = 20_000;
    for (let i = 0; i < reps; i++) {
      multinomial(g.u, 50, w, out, 3);
      for (let k = 0; k < 3; k++) sums[k]! += out[k]!;
    }
    expect(out[3]).toBe(-1);
    sums.forEach((s, k) => {
      const p = w[k]! / 10;
      expectMean(s / reps, 50 * p, 50 * p * (1 - p), reps);
    });
  });
});
