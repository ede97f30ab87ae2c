import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/mse/random/rng.ts';
import { poissonTails } from '../../src/mse/special.ts';

// The generator and samplers are the shared ones (tested in test/random); here only mse's seeding and its
// open-interval uniforms, and the Poisson tails of the goodness-of-fit checks.
describe('seeded RNG', () => {
  it('is reproducible per seed and stream, and differs across them', () => {
    const a = createRng(42),
      b = createRng(42),
      c = createRng(42, 1),
      d = createRng(43);
    const xa = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(xa);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(xa);
    expect(Array.from({ length: 5 }, () => d.nextUint32())).not.toEqual(xa);
  });
  it('keeps the stream it had before the move to src/random (seed 7, stream 3)', () => {
    const m = createRng(7, 3);
    expect([m.nextUint32(), m.next(), m.next53(), m.normal(), m.normal(), m.normal(), m.next()]).toEqual([
      547182250, 0.9233939776895568, 0.2901125081058181, 0.4500671629763948, 1.1606547298292855, 1.128856766694333,
      0.4514585443539545,
    ]);
  });
  it('gives uniforms strictly inside (0, 1) with mean 1/2, also through uniform01', () => {
    const r = createRng(1);
    const n = 100_000;
    let min = 1,
      max = 0,
      s = 0;
    for (let i = 0; i < n; i++) {
      const u = i % 2 === 0 ? r.next() : r.uniform01();
      min = Math.min(min, u);
      max = Math.max(max, u);
      s += u;
    }
    expect(min).toBeGreaterThan(0);
    expect(max).toBeLessThan(1);
    expect(Math.abs(s / n - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
  });
});

describe('Poisson tails', () => {
  it('agree with known values and sum to 1 + P(X = k)', () => {
    // R: ppois(3, 5) = 0.2650259, ppois(7, 5, lower = FALSE) + dpois(8, 5) = P(X ≥ 8) = 0.1333717
    expect(poissonTails(3, 5).lower).toBeCloseTo(0.2650259, 6);
    expect(poissonTails(8, 5).upper).toBeCloseTo(0.1333717, 6);
    const { lower, upper } = poissonTails(12, 9.5);
    const pk = Math.exp(12 * Math.log(9.5) - 9.5 - Math.log(479001600));
    expect(lower + upper).toBeCloseTo(1 + pk, 9);
  });
});
