import { describe, expect, it } from 'vitest';
import { normal, polarNormal } from '../../src/random/normal.ts';
import { Xoshiro128 } from '../../src/random/xoshiro128.ts';
import { normalCdf } from '../../src/stats/normal-distribution.ts';
import { expectMean, moments } from './moments.ts';

const n = 40_000;

// Kolmogorov–Smirnov distance to Φ; 1.95/√n is the 0.1% critical value.
function expectNormalKs(draw: () => number): void {
  const xs = Float64Array.from({ length: n }, draw).sort();
  let d = 0;
  for (let i = 0; i < n; i++) d = Math.max(d, Math.abs(normalCdf(xs[i]!) - (i + 0.5) / n));
  expect(d).toBeLessThan(1.95 / Math.sqrt(n));
}

describe('normal samplers', () => {
  it('Box–Muller has mean 0, variance 1 and the normal CDF', () => {
    const g = new Xoshiro128(1);
    const m = moments(() => normal(g.u), n);
    expectMean(m.mean, 0, 1, n);
    expect(Math.abs(m.variance - 1)).toBeLessThan(0.05);
    expectNormalKs(() => normal(g.u));
  });

  it('the polar source has mean 0, variance 1 and the normal CDF, and uses its spare', () => {
    const g = new Xoshiro128(2);
    const z = polarNormal(g.u);
    const m = moments(z, n);
    expectMean(m.mean, 0, 1, n);
    expect(Math.abs(m.variance - 1)).toBeLessThan(0.05);
    expectNormalKs(z);
    // Two values per accepted pair: fewer than 1.4 uniforms per normal on average (4/π ≈ 1.27).
    let calls = 0;
    const counted = polarNormal(() => {
      calls++;
      return g.uniform();
    });
    for (let i = 0; i < 10_000; i++) counted();
    expect(calls / 10_000).toBeLessThan(1.4);
  });
});
