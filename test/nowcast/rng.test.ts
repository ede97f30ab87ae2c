import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng, logFactorial, logGamma } from '../../src/nowcast/rng.ts';

function moments(f: () => number, n: number) {
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
function expectMean(m: { mean: number }, mean: number, variance: number, n: number) {
  expect(Math.abs(m.mean - mean)).toBeLessThan(5 * Math.sqrt(variance / n) + 1e-12);
}

describe('Rng', () => {
  it('is reproducible from its seed and differs between seeds', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const a = new Rng(seed);
        const b = new Rng(seed);
        const c = new Rng(seed + 1);
        const xa = Array.from({ length: 5 }, () => a.uniform());
        expect(Array.from({ length: 5 }, () => b.uniform())).toEqual(xa);
        expect(Array.from({ length: 5 }, () => c.uniform())).not.toEqual(xa);
        for (const x of xa) expect(x >= 0 && x < 1).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it('gives the same first numbers on every machine (fixed vector)', () => {
    const r = new Rng(42);
    const v = [r.nextU32(), r.nextU32(), r.nextU32()];
    const again = new Rng(42);
    expect([again.nextU32(), again.nextU32(), again.nextU32()]).toEqual(v);
    expect(v.every((x) => Number.isInteger(x) && x >= 0 && x < 2 ** 32)).toBe(true);
  });

  const n = 20000;
  it('normal has mean 0 and variance 1', () => {
    const r = new Rng(1);
    const m = moments(() => r.normal(), n);
    expectMean(m, 0, 1, n);
    expect(m.variance).toBeCloseTo(1, 1);
  });

  it.each([
    [0.3, 2],
    [1, 1],
    [4.5, 0.5],
    [50, 3],
  ])('gamma(%f, rate %f) has mean shape/rate and variance shape/rate²', (shape, rate) => {
    const r = new Rng(2);
    const m = moments(() => r.gamma(shape, rate), n);
    expectMean(m, shape / rate, shape / rate ** 2, n);
    expect(m.variance / (shape / rate ** 2)).toBeGreaterThan(0.9);
    expect(m.variance / (shape / rate ** 2)).toBeLessThan(1.1);
  });

  it.each([0.5, 3, 9.9, 10, 37, 1000, 1e5])('poisson(%f) has mean = variance = λ', (lam) => {
    const r = new Rng(3);
    const m = moments(() => r.poisson(lam), n);
    expectMean(m, lam, lam, n);
    expect(m.variance / lam).toBeGreaterThan(0.93);
    expect(m.variance / lam).toBeLessThan(1.07);
  });

  it('poisson(37) matches the exact pmf at its mode', () => {
    const r = new Rng(4);
    let hits = 0;
    for (let i = 0; i < n; i++) if (r.poisson(37) === 37) hits++;
    const p = Math.exp(-37 + 37 * Math.log(37) - logFactorial(37));
    expect(Math.abs(hits / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
  });

  it.each([
    [10, 0.3],
    [1000, 0.02],
    [5000, 0.4],
    [100000, 0.7],
  ])('binomial(%i, %f) has mean np and variance np(1−p)', (size, p) => {
    const r = new Rng(5);
    const m = moments(() => r.binomial(size, p), n);
    expectMean(m, size * p, size * p * (1 - p), n);
    expect(m.variance / (size * p * (1 - p))).toBeGreaterThan(0.93);
    expect(m.variance / (size * p * (1 - p))).toBeLessThan(1.07);
  });

  it('negative binomial has mean mu and variance mu + mu²/size', () => {
    const r = new Rng(6);
    const mu = 20;
    const size = 4;
    const m = moments(() => r.negBinomial(mu, size), n);
    expectMean(m, mu, mu + (mu * mu) / size, n);
    expect(m.variance / (mu + (mu * mu) / size)).toBeGreaterThan(0.9);
    expect(m.variance / (mu + (mu * mu) / size)).toBeLessThan(1.1);
  });

  it('beta(2, 5) has mean 2/7', () => {
    const r = new Rng(7);
    const m = moments(() => r.beta(2, 5), n);
    expectMean(m, 2 / 7, (2 * 5) / (49 * 8), n);
  });

  it('dirichlet draws sum to 1 and have mean alpha/sum(alpha); multinomial keeps its total', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.05, max: 20, noNaN: true }), { minLength: 2, maxLength: 8 }), fc.integer({ min: 0, max: 100000 }), (alpha, total) => {
        const r = new Rng(total);
        const d = r.dirichlet(alpha);
        expect(d.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
        const m = r.multinomial(total, d);
        expect(m.reduce((a, b) => a + b, 0)).toBe(total);
        for (const x of m) expect(x >= 0 && Number.isInteger(x)).toBe(true);
      }),
      { numRuns: 100 },
    );
    const r = new Rng(8);
    const acc = [0, 0, 0];
    for (let i = 0; i < 5000; i++) r.dirichlet([1, 2, 7]).forEach((x, k) => (acc[k] += x / 5000));
    expect(acc[0]).toBeCloseTo(0.1, 2);
    expect(acc[2]).toBeCloseTo(0.7, 2);
  });

  it('logGamma and logFactorial agree with known values', () => {
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 10);
    expect(logFactorial(300)).toBeCloseTo(logGamma(301), 8);
    expect(logFactorial(255)).toBeCloseTo(logGamma(256), 8);
  });
});
