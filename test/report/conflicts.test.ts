import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Observation } from '../../src/domain/observation.ts';
import { readDataset } from '../../src/ingest/bundled.ts';
import { conflictIndex, figureRange, findConflicts, rangesOverlap } from '../../src/report/conflicts.ts';

const obs = (p: Partial<Observation> & { id: string; value: number }): Observation => ({
  seriesId: 'court.cases_received',
  sourceId: 'a',
  articles: ['337'],
  scope: 'calendar_year',
  periodStart: '2021-01-01',
  periodEnd: '2021-12-31',
  valueKind: 'interval_count',
  qualifier: '=',
  unit: 'cases',
  derivation: 'reported',
  ...p,
});

describe('figure ranges', () => {
  it('reads "about" at the precision the figure was rounded to, never tighter than 5%', () => {
    expect(figureRange({ value: 600, qualifier: '~' })).toEqual([550, 650]);
    expect(figureRange({ value: 1000, qualifier: '~' })).toEqual([500, 1500]);
    expect(figureRange({ value: 2930, qualifier: '~' })).toEqual([2783.5, 3076.5]);
    expect(figureRange({ value: 577, qualifier: '~', low: 570, high: 580 })).toEqual([570, 580]);
    expect(figureRange({ value: 3000, qualifier: '>' })).toEqual([3000, Number.POSITIVE_INFINITY]);
    expect(figureRange({ value: 40, qualifier: '<' })).toEqual([0, 40]);
    expect(figureRange({ value: 615, qualifier: '=' })).toEqual([615, 615]);
  });

  it('615 and ~600 agree, 1,001 and ~1,000 agree; 684 and 64 do not; >3,000 and 2,630 do not', () => {
    expect(rangesOverlap({ value: 615, qualifier: '=' }, { value: 600, qualifier: '~' })).toBe(true);
    expect(rangesOverlap({ value: 1001, qualifier: '=' }, { value: 1000, qualifier: '~' })).toBe(true);
    expect(rangesOverlap({ value: 684, qualifier: '=' }, { value: 64, qualifier: '=' })).toBe(false);
    expect(rangesOverlap({ value: 3000, qualifier: '>' }, { value: 2630, qualifier: '=' })).toBe(false);
    expect(rangesOverlap({ value: 3000, qualifier: '>' }, { value: 4121, qualifier: '=' })).toBe(true);
  });

  it('overlap is symmetric, and a figure always agrees with itself (property)', () => {
    const fig = fc.record({
      value: fc.integer({ min: 0, max: 100_000 }),
      qualifier: fc.constantFrom('=', '~', '>', '<', '>=', '<=') as fc.Arbitrary<Observation['qualifier']>,
    });
    fc.assert(fc.property(fig, fig, (a, b) => rangesOverlap(a, b) === rangesOverlap(b, a) && rangesOverlap(a, a)));
  });
});

describe('conflicts listed only when the ranges do not overlap', () => {
  it('does not list 615 vs ~600 nor 1,001 vs ~1,000 (same year, same article, two sources)', () => {
    const g = findConflicts([
      obs({ id: 'mz-2021', value: 615, sourceId: 'mz' }),
      obs({ id: 'rr-2021', value: 600, qualifier: '~', sourceId: 'rr' }),
      obs({ id: 'mz-2022', value: 1001, sourceId: 'mz', periodStart: '2022-01-01', periodEnd: '2022-12-31' }),
      obs({
        id: 'rr-2022',
        value: 1000,
        qualifier: '~',
        sourceId: 'rr',
        periodStart: '2022-01-01',
        periodEnd: '2022-12-31',
        notes: 'Differs from mz-2022.',
      }),
    ]);
    expect(g).toEqual([]);
  });

  it('lists 684 vs 64 for one month, and names only the figures a row cannot agree with', () => {
    const rows = [
      obs({ id: 'mz', value: 684, sourceId: 'mz', scope: 'month', periodStart: '2024-03-01', periodEnd: '2024-03-31' }),
      obs({ id: 'sd', value: 64, sourceId: 'sd', scope: 'month', periodStart: '2024-03-01', periodEnd: '2024-03-31' }),
      obs({
        id: 'ab',
        value: 700,
        qualifier: '~',
        sourceId: 'x',
        scope: 'month',
        periodStart: '2024-03-01',
        periodEnd: '2024-03-31',
      }),
    ];
    const g = findConflicts(rows);
    expect(g.map((x) => x.observations.map((o) => o.id).sort())).toEqual([['ab', 'mz', 'sd']]);
    const idx = conflictIndex(g);
    expect(idx.get('mz')!.map((o) => o.id)).toEqual(['sd']);
    expect(idx.get('ab')!.map((o) => o.id)).toEqual(['sd']);
    expect(
      idx
        .get('sd')!
        .map((o) => o.id)
        .sort(),
    ).toEqual(['ab', 'mz']);
  });

  it('on the bundled data: no listed pair of a group has overlapping ranges only', async () => {
    const d = await readDataset(new URL('../../data/', import.meta.url).pathname);
    const groups = findConflicts(d.observations);
    expect(groups.length).toBeGreaterThan(0);
    const ids = groups.flatMap((x) => x.observations.map((o) => o.id));
    expect(ids).not.toContain('rr-conv-2021');
    expect(ids).not.toContain('rr-conv-2022');
    for (const gr of groups)
      for (const o of gr.observations)
        expect(
          gr.observations.some((x) => x !== o && !rangesOverlap(o, x)),
          o.id,
        ).toBe(true);
  });
});
