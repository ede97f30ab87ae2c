import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitmix32 } from '../../src/random/splitmix32.ts';
import { Xoshiro128 } from '../../src/random/xoshiro128.ts';

describe('xoshiro128**', () => {
  it('matches the reference output for state [1, 2, 3, 4] (Blackman & Vigna; rand_xoshiro test vector)', () => {
    const g = Xoshiro128.fromState([1, 2, 3, 4]);
    const got = Array.from({ length: 10 }, () => g.nextUint32());
    expect(got).toEqual([
      11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597, 4258142804,
    ]);
  });

  it('keeps the streams the areas had before the move (seed 42: nowcast and linkage; seed word of mse)', () => {
    const g = new Xoshiro128(42);
    expect([g.nextUint32(), g.nextUint32(), g.nextUint32(), g.uniform()]).toEqual([
      2837322924, 544945897, 479756282, 0.814939410083783,
    ]);
  });

  it('is reproducible from its seed, differs between seeds, and stays in range', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const a = new Xoshiro128(seed);
        const b = new Xoshiro128(seed);
        const c = new Xoshiro128(seed + 1);
        const xa = Array.from({ length: 5 }, () => a.uniform());
        expect(Array.from({ length: 5 }, () => b.uniform())).toEqual(xa);
        expect(Array.from({ length: 5 }, () => c.uniform())).not.toEqual(xa);
        for (const x of xa) expect(x >= 0 && x < 1).toBe(true);
        for (let i = 0; i < 5; i++) {
          const o = a.uniformOpen();
          expect(o > 0 && o < 1).toBe(true);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('uniforms pass a chi-square test over 20 bins and have mean 1/2', () => {
    const g = new Xoshiro128(9);
    const n = 40000;
    const bins = new Float64Array(20);
    let s = 0;
    for (let i = 0; i < n; i++) {
      const x = g.u();
      bins[Math.floor(x * 20)]!++;
      s += x;
    }
    const e = n / 20;
    let chi = 0;
    for (const o of bins) chi += ((o - e) * (o - e)) / e;
    expect(chi).toBeLessThan(43.8); // 99.9% point of chi-square with 19 df
    expect(Math.abs(s / n - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
  });

  it('splitmix32 gives distinct words from seed 0', () => {
    const next = splitmix32(0);
    const words = new Set(Array.from({ length: 100 }, () => next()));
    expect(words.size).toBe(100);
  });
});
