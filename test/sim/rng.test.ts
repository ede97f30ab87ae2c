import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { counterStream, hash3, mix32, runSeed, sequence, streamKey, u01 } from '../../src/sim/rng.ts';
import { beta, exponential, gamma, gammaMean, normal } from '../../src/sim/samplers.ts';

function chiSquare(counts: number[], expected: number): number {
  return counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
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
    const pairs: [[number, number][], [number, number][], [number, number][]] = [[], [], []];
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
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.nat(20), fc.nat(1e6), fc.nat(5000), (seed, dec, s, d) => {
        const a = u01(streamKey(seed, dec), s, d);
        expect(u01(streamKey(seed, dec), s, d)).toBe(a);
        expect(a).toBeGreaterThanOrEqual(0);
        expect(a).toBeLessThan(1);
      }),
    );
  });

  it('run seeds differ between runs and keep run 0 = the seed', () => {
    expect(runSeed(5, 0)).toBe(5);
    const s = new Set(Array.from({ length: 1000 }, (_, r) => runSeed(5, r)));
    expect(s.size).toBe(1000);
  });
});

describe('samplers', () => {
  // The sim's samplers are the shared ones (src/random, tested in test/random); these values were drawn by the
  // sim's own samplers before the move, so the model's draws are unchanged.
  it('draw exactly what the sim drew before the samplers moved to src/random', () => {
    const u = sequence(2024);
    expect([
      gammaMean(u, 110, 2.5),
      gammaMean(u, 30, 2),
      gamma(u, 0.5, 3),
      beta(u, 2, 5),
      normal(u),
      exponential(u, 3),
    ]).toEqual([
      83.48447128372075, 23.728792197910742, 2.8697308157669714, 0.5407901259457892, 1.782854954663797,
      2.422985483971735,
    ]);
  });

  it('gammaMean has the given mean', () => {
    const n = 40_000;
    const u = sequence(11);
    let s = 0;
    for (let i = 0; i < n; i++) s += gammaMean(u, 110, 2.5);
    expect(Math.abs(s / n - 110)).toBeLessThan((5 * 110) / Math.sqrt(2.5) / Math.sqrt(n));
  });

  it('counter streams give independent uniforms', () => {
    const cs = counterStream(streamKey(1, 1), 5, 5);
    const a = cs();
    expect(cs()).not.toBe(a);
  });
});
