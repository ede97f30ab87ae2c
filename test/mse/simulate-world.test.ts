import { describe, expect, it } from 'vitest';
import { estimateLoglinear } from '../../src/mse/loglinear.ts';
import { coverageWorld, simulateWorld } from '../../src/mse/simulate-world.ts';
import { observedTotal } from '../../src/mse/table.ts';

describe('simulated worlds', () => {
  it('are reproducible and account for everybody', () => {
    const spec = coverageWorld(7, 3);
    const a = simulateWorld(spec),
      b = simulateWorld(spec);
    expect(Array.from(a.table.counts)).toEqual(Array.from(b.table.counts));
    expect(a.table.counts[0]).toBe(0);
    expect(observedTotal(a.table)).toBe(a.observed);
    expect(a.observed).toBeLessThan(a.N);
    expect(spec.lists).toBeGreaterThanOrEqual(3);
    expect(spec.lists).toBeLessThanOrEqual(5);
  });
  it('hit capture probabilities as specified (homogeneous, independent lists)', () => {
    const w = simulateWorld({
      N: 20_000,
      lists: 2,
      heterogeneity: { type: 'classes', classes: [{ share: 1, capture: [0.3, 0.5] }] },
      seed: 1,
    });
    const onA = w.table.counts[1]! + w.table.counts[3]!;
    const onB = w.table.counts[2]! + w.table.counts[3]!;
    expect(onA / 20_000).toBeCloseTo(0.3, 1);
    expect(onB / 20_000).toBeCloseTo(0.5, 1);
  });
  it('positive list dependence raises the overlap', () => {
    const base = {
      N: 20_000,
      lists: 2,
      heterogeneity: { type: 'classes' as const, classes: [{ share: 1, capture: [0.3, 0.3] }] },
      seed: 2,
    };
    const indep = simulateWorld(base).table.counts[3]!;
    const dep = simulateWorld({ ...base, dependence: [{ from: 0, to: 1, logOdds: 1 }] }).table.counts[3];
    expect(dep).toBeGreaterThan(indep * 1.5);
  });
  it('with homogeneous independent capture the log-linear interval covers the truth in a handful of worlds', () => {
    let covered = 0;
    for (let i = 0; i < 4; i++) {
      const w = simulateWorld({
        N: 1500,
        lists: 3,
        heterogeneity: { type: 'classes', classes: [{ share: 1, capture: [0.2, 0.25, 0.3] }] },
        seed: 100 + i,
      });
      const r = estimateLoglinear(w.table, { replicates: 100, seed: i });
      if (r.interval[0] <= w.N && w.N <= r.interval[1]) covered++;
    }
    expect(covered).toBeGreaterThanOrEqual(3);
  });
});
