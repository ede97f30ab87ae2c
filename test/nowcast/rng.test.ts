import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/nowcast/rng.ts';

// The samplers themselves are tested in test/random; here only that the nowcast's Rng binds them right.
describe('nowcast Rng', () => {
  it('is reproducible from its seed and differs between seeds', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const a = new Rng(seed);
        const b = new Rng(seed);
        const c = new Rng(seed + 1);
        const xa = [a.uniform(), a.normal(), a.gamma(2), a.poisson(40), a.binomial(100, 0.3), a.negBinomial(5, 2)];
        expect([b.uniform(), b.normal(), b.gamma(2), b.poisson(40), b.binomial(100, 0.3), b.negBinomial(5, 2)]).toEqual(
          xa,
        );
        expect(c.uniform()).not.toEqual(xa[0]);
      }),
      { numRuns: 50 },
    );
  });

  it('keeps the stream it had before the move to src/random (seed 42)', () => {
    const r = new Rng(42);
    expect([r.nextU32(), r.nextU32(), r.nextU32(), r.uniform()]).toEqual([
      2837322924, 544945897, 479756282, 0.814939410083783,
    ]);
  });

  it('gamma takes a rate: mean shape/rate', () => {
    const r = new Rng(2);
    const n = 20000;
    let s = 0;
    for (let i = 0; i < n; i++) s += r.gamma(4.5, 0.5);
    // sd of the mean: √(shape)/rate/√n
    expect(Math.abs(s / n - 9)).toBeLessThan((5 * Math.sqrt(4.5)) / 0.5 / Math.sqrt(n));
    expect(() => r.gamma(1, 0)).toThrow(RangeError);
  });

  it('uniformPos is never 0; categorical, dirichlet and multinomial keep their shapes', () => {
    const r = new Rng(3);
    for (let i = 0; i < 1000; i++) expect(r.uniformPos()).toBeGreaterThan(0);
    expect(r.categorical([0, 0, 1])).toBe(2);
    const d = r.dirichlet([1, 2, 3]);
    expect(d.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const m = r.multinomial(17, d);
    expect(m).toBeInstanceOf(Float64Array);
    expect(m.reduce((a, b) => a + b, 0)).toBe(17);
  });
});
