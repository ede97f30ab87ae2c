import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { blockedPairs } from '../../src/linkage/blocking.ts';
import { allPairs, type CandidatePairs } from '../../src/linkage/candidates.ts';
import { packClks } from '../../src/linkage/dice.ts';
import { lshPairs } from '../../src/linkage/lsh-pairs.ts';
import { Rng } from '../../src/linkage/prng.ts';

const rows = (p: CandidatePairs) => Array.from(p.sim, (s, k) => [p.a[k], p.b[k], s]);

/** n random 256-bit CLKs, the first `near` of them also in `copies` with a few bits flipped. */
function lists(seed: number, n: number, near: number) {
  const rng = new Rng(seed);
  const clk = () => Uint8Array.from({ length: 32 }, () => rng.nextU32() & 0xff);
  const A = Array.from({ length: n }, clk);
  const flip = (c: Uint8Array) => c.map((x) => x ^ (rng.chance(0.15) ? 1 << rng.int(8) : 0));
  const B = [...A.slice(0, near).map(flip), ...Array.from({ length: n - near }, clk)];
  return { A: packClks(A), B: packClks(B), withRepeats: packClks([...A, ...A.slice(0, near).map(flip)]) };
}

describe('typed-array LSH blocking', () => {
  it('proposes and keeps exactly the pairs of the string-keyed blocking, two lists and one (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 10 }),
        (seed, tables, bits) => {
          const { A, B, withRepeats } = lists(seed, 120, 40);
          const opts = { tables, bitsPerTable: bits, seed };
          // An odd threshold: no Dice score of these CLKs falls exactly on it.
          const t = 0.6123;
          const two = lshPairs(A, B, t, opts);
          const ref = blockedPairs(A, B, t, opts);
          expect(rows(two)).toEqual(rows(ref));
          expect(two.considered).toBe(ref.considered);
          expect(rows(lshPairs(withRepeats, null, t, opts))).toEqual(rows(blockedPairs(withRepeats, null, t, opts)));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('finds the near-copies that all-pairs finds, comparing a small share of the pairs', () => {
    const { A, B } = lists(5, 2000, 300);
    const full = allPairs(A, B, 0.8);
    const lsh = lshPairs(A, B, 0.8, { tables: 30, bitsPerTable: 12, seed: 3 });
    const fullKeys = new Set(rows(full).map(([a, b]) => `${a}:${b}`));
    for (const [a, b] of rows(lsh)) expect(fullKeys.has(`${a}:${b}`)).toBe(true);
    expect(lsh.sim.length / full.sim.length).toBeGreaterThan(0.97);
    expect(lsh.considered / full.considered).toBeLessThan(0.05);
  });

  it('refuses tables it cannot key', () => {
    const { A, B } = lists(1, 10, 2);
    expect(() => lshPairs(A, B, 0.8, { tables: 1, bitsPerTable: 31, seed: 1 })).toThrow(/30 bits/);
  });
});
