import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pairwiseEstimates } from '../../src/mse/pairwise.ts';
import { runMethods } from '../../src/mse/report.ts';
import { simulateWorld } from '../../src/mse/simulate-world.ts';
import { patternIndex, type PatternTable } from '../../src/mse/table.ts';

function table(lists: string[], counts: Record<string, number>): PatternTable {
  const c = new Float64Array(1 << lists.length);
  for (const [p, n] of Object.entries(counts)) c[patternIndex(p)] = n;
  return { lists, counts: c };
}

describe('pairwise Chapman estimates', () => {
  it('Korea: each pair from its own 2×2 margin, by hand', () => {
    // b = 5+54+6+12 = 77, c = 5+54+0+12 = 71, d = 41+6+0+12 = 59; on both: bc 66, bd 18, cd 12.
    const t = table(['b', 'c', 'd'], { '001': 41, '010': 5, '100': 5, '110': 54, '101': 6, '011': 0, '111': 12 });
    const p = pairwiseEstimates(t, 150);
    expect(p.map((x) => x.lists.join(''))).toEqual(['bc', 'bd', 'cd']);
    expect(p.map((x) => x.both)).toEqual([66, 18, 12]);
    const chap = (n1: number, n2: number, m: number) => ((n1 + 1) * (n2 + 1)) / (m + 1) - 1;
    expect(p[0]!.estimate).toBeCloseTo(chap(77, 71, 66), 10);
    expect(p[1]!.estimate).toBeCloseTo(chap(77, 59, 18), 10);
    expect(p[2]!.estimate).toBeCloseTo(chap(71, 59, 12), 10);
    expect(p[0]!.relative).toBeCloseTo(p[0]!.estimate / 150, 12);
    for (const x of p) expect(x.interval[0]).toBeLessThanOrEqual(x.estimate);
  });

  it('a pair with direct positive dependence falls well below the independent pairs; the report carries the table', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (seed) => {
        const w = simulateWorld({
          N: 4000,
          lists: 3,
          heterogeneity: { type: 'classes', classes: [{ share: 1, capture: [0.3, 0.3, 0.3] }] },
          dependence: [{ from: 0, to: 1, logOdds: 2.5 }],
          seed,
        });
        const p = pairwiseEstimates(w.table, 4000);
        const [dependent, ...independent] = p;
        // Independent pairs of homogeneous lists estimate N; the referral pair sees too many on both lists.
        for (const x of independent) expect(Math.abs(x.relative - 1)).toBeLessThan(0.2);
        expect(dependent!.relative).toBeLessThan(0.75);
      }),
      { numRuns: 10 },
    );
    const w = simulateWorld({
      N: 3000,
      lists: 4,
      heterogeneity: { type: 'classes', classes: [{ share: 1, capture: [0.3, 0.3, 0.3, 0.3] }] },
      seed: 5,
    });
    const rep = runMethods(w.table, ['loglinear']);
    expect(rep.pairwise).toHaveLength(6);
    expect(
      runMethods(
        simulateWorld({
          N: 500,
          lists: 2,
          heterogeneity: { type: 'classes', classes: [{ share: 1, capture: [0.4, 0.4] }] },
          seed: 1,
        }).table,
        ['chapman'],
      ).pairwise,
    ).toEqual([]);
  });
});
