import { describe, expect, it } from 'vitest';
import { estimateLoglinear } from '../../src/mse/loglinear.ts';
import { tableFromPatternCounts } from '../../src/mse/table.ts';
import { chapman, lincolnPetersen } from '../../src/mse/two-list.ts';
import { readReference } from './paths.ts';

const data = readReference<{
  counts: Record<string, number>;
  reference: { lincoln_petersen: number; chapman: number };
}>('mse/two-list.json');
const table = tableFromPatternCounts(undefined, data.counts);

describe('two lists (Seber 1982, p.107)', () => {
  it('Lincoln–Petersen reproduces 2,389.87', () => {
    const r = lincolnPetersen(table);
    expect(r.estimate).toBeCloseTo(data.reference.lincoln_petersen, 2);
    expect(r.interval[0]).toBeLessThan(r.estimate);
    expect(r.interval[1]).toBeGreaterThan(r.estimate);
    expect(r.interval[0]).toBeGreaterThanOrEqual(1202);
  });
  it('Chapman reproduces 2,382.80', () => {
    expect(chapman(table).estimate).toBeCloseTo(data.reference.chapman, 2);
  });
  it('the two-list log-linear model is Lincoln–Petersen', () => {
    expect(estimateLoglinear(table, { replicates: 0 }).estimate).toBeCloseTo(lincolnPetersen(table).estimate, 6);
  });
  it('Lincoln–Petersen refuses lists that do not overlap; Chapman still answers', () => {
    const t = tableFromPatternCounts(undefined, { '10': 5, '01': 7, '11': 0 });
    expect(() => lincolnPetersen(t)).toThrow(/do not overlap/);
    expect(chapman(t).estimate).toBeCloseTo((6 * 8) / 1 - 1, 9);
  });
});
