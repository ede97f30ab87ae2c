import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { counterStream, hash3, mix32, runSeed, sequence, streamKey, u01 } from '../../src/sim/rng.ts';
import { binomial, categorical, exponential, gamma, gammaMean, negativeBinomial, normal, poisson, beta } from '../../src/sim/samplers.ts';

function chiSquare(counts: number[], expected: number): number {
  return counts.reduce((s, c) => s + ((c - expected) ** 2) / expected, 0);
}

describe('counter-based RNG', () => {
  it('mix32 is a bijection on a sample (no collisions among 200k inputs)', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 200_000; i++) seen.add(mix32(i * 2654435761));
    expect(seen.size).toBe(200_000);
  });

  it('draws are uniform over soldiers and over days (chi-square, 100 bins)', () => {
    const k = streamKey(42, 3);
    for (const byDay of [false, true]) {
      const bins = new Array(100).fill(0);
      const n = 200_000;
      for (let i = 0; i < n; i++) {
        const x = byDay ? u01(k, 17, i) : u01(k, i, 500);
        bins[Math.floor(x * 100)]++;
      }
      // 99 degrees of freedom: the 99.99% point is about 157.
      expect(chiSquare(bins, n / 100)).toBeLessThan(157);
    }
  });

  it('neighbouring soldiers, days and streams are uncorrelated', () => {
    const k1 = streamKey(1, 1);
    const k2 = streamKey(1, 2);
    const n = 100_000;
    const pairs: Array<[number, number][]> = [[], [], []];
    for (let i = 0; i < n; i++) {
      pairs[0].push([u01(k1, i, 10), u01(k1, i + 1, 10)]);
      pairs[1].push([u01(k1, 5, i), u01(k1, 5, i + 1)]);
      pairs[2].push([u01(k1, i, 10), u01(k2, i, 10)]);
    }
    for (const p of pairs) {
      const mx = p.reduce((s, [a]) => s + a, 0) / n;
      const my = p.reduce((s, [, b]) => s + b, 0) / n;
      const cov = p.reduce((s, [a, b]) => s + (a - mx) * (b - my), 0) / n;
      const r = cov / (1 / 12);
      expect(Math.abs(r)).toBeLessThan(4 / Math.sqrt(n));
    }
  });

  it('low bits are balanced too (hash parity)', () => {
    const k = streamKey(9, 9);
    let ones = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) ones += hash3(k, i, 3) & 1;
    expect(Math.abs(ones - n / 2)).toBeLessThan(4 * Math.sqrt(n / 4));
  });

  it('a draw is a pure function of (seed, decision, soldier, day)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.nat(20), fc.nat(1e6), fc.nat(5000), (seed, dec, s, d) => {
      const a = u01(streamKey(seed, dec), s, d);
      expect(u01(streamKey(seed, dec), s, d)).toBe(a);
      expect(a).toBeGreaterThanOrEqual(0);
      expect(a).toBeLessThan(1);
    }));
  });

  it('run seeds differ between runs and keep run 0 = the seed', () => {
    expect(runSeed(5, 0)).toBe(5);
    const s = new Set(Array.from({ length: 1000 }, (_, r) => runSeed(5, r)));
    expect(s.size).toBe(1000);
  });
});

describe('samplers', () => {
  const n = 40_000;
  const moments = (f: () => number) => {
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const x = f();
      s += x;
      s2 += x * x;
    }
    const m = s / n;
    return { m, v: s2 / n - m * m };
  };
  const near = (got: number, want: number, sd: number) => expect(Math.abs(got - want)).toBeLessThan(5 * sd / Math.sqrt(n));

  it('normal has mean 0 and variance 1', () => {
    const u = sequence(1);
    const { m, v } = moments(() => normal(u));
    near(m, 0, 1);
    expect(Math.abs(v - 1)).toBeLessThan(0.05);
  });
  it('exponential has the given mean', () => {
    const u = sequence(2);
    near(moments(() => exponential(u, 3)).m, 3, 3);
  });
  it('gamma has mean k·θ and variance k·θ² (shape above and below 1)', () => {
    for (const [k, th] of [[2.5, 40], [0.5, 2], [10, 1]]) {
      const u = sequence(3 + k);
      const { m, v } = moments(() => gamma(u, k, th));
      near(m, k * th, Math.sqrt(k) * th);
      expect(Math.abs(v / (k * th * th) - 1)).toBeLessThan(0.1);
    }
    const u = sequence(11);
    near(moments(() => gammaMean(u, 110, 2.5)).m, 110, 110 / Math.sqrt(2.5));
  });
  it('beta has mean a/(a+b)', () => {
    const u = sequence(4);
    near(moments(() => beta(u, 2, 5)).m, 2 / 7, 0.16);
  });
  it('poisson has mean = variance (small and large means)', () => {
    for (const lam of [0.7, 8, 150]) {
      const u = sequence(5 + lam);
      const { m, v } = moments(() => poisson(u, lam));
      near(m, lam, Math.sqrt(lam));
      expect(Math.abs(v / lam - 1)).toBeLessThan(0.08);
    }
  });
  it('binomial has mean n·p and variance n·p·(1−p)', () => {
    for (const [nn, p] of [[20, 0.1], [1000, 0.3], [50, 0.9]]) {
      const u = sequence(6 + nn);
      const { m, v } = moments(() => binomial(u, nn, p));
      near(m, nn * p, Math.sqrt(nn * p * (1 - p)));
      expect(Math.abs(v / (nn * p * (1 - p)) - 1)).toBeLessThan(0.1);
    }
  });
  it('negative binomial has variance mean + mean²/size', () => {
    const u = sequence(8);
    const { m, v } = moments(() => negativeBinomial(u, 10, 2));
    near(m, 10, Math.sqrt(60));
    expect(Math.abs(v / 60 - 1)).toBeLessThan(0.12);
  });
  it('categorical follows its weights; counter streams give independent uniforms', () => {
    const u = sequence(9);
    const c = [0, 0, 0];
    for (let i = 0; i < n; i++) c[categorical(u(), [1, 2, 7])]++;
    near(c[2] / n, 0.7, Math.sqrt(0.21));
    const cs = counterStream(streamKey(1, 1), 5, 5);
    const a = cs();
    expect(cs()).not.toBe(a);
  });
});
