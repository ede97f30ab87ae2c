import { describe, expect, it } from 'vitest';
import { type Rng, uniformOf } from '../../src/random/rng.ts';
import { Xoshiro128 } from '../../src/random/xoshiro128.ts';
import { Rng as LinkageRng } from '../../src/linkage/prng.ts';
import { createRng } from '../../src/mse/random/rng.ts';
import { Rng as IdentityRng } from '../../src/sim/identity/random.ts';

// One interface, several generators: each keeps its own numbers (values recorded on d74a4f5, seed 42).
const cases: Array<[string, () => Rng, number, number]> = [
  ['xoshiro128**', () => new Xoshiro128(42), 2837322924, 0.12688010269181393],
  ['linkage', () => new LinkageRng(42), 2837322924, 0.12688010269181393],
  ['mse (own seed derivation)', () => createRng(42), 210842890, 0.20415429434579446],
  ['identity (keyed sfc32)', () => new IdentityRng(42), 635063574, 0.0005086874589323997],
];

describe('Rng: the shared generator interface', () => {
  for (const [name, make, first, second] of cases) {
    it(`${name}: implements Rng and still draws the same numbers`, () => {
      const g = make();
      expect(g.nextUint32()).toBe(first);
      expect(g.uniform()).toBe(second);
    });
  }
  it('uniformOf turns any generator into a sampler source, in [0, 1)', () => {
    for (const [, make] of cases) {
      const u = uniformOf(make());
      for (let i = 0; i < 1000; i++) {
        const x = u();
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThan(1);
      }
    }
  });
});
