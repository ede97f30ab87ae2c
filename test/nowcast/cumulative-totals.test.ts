import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../src/domain/errors.ts';
import { allocateCumulative, parseReadings, readingBounds } from '../../src/nowcast/cumulative-totals.ts';

describe('cumulative totals → counts per month', () => {
  it('an interval inside one month is exact; a long gap spreads its increment with honest intervals', () => {
    const r = allocateCumulative(
      [
        { date: '2023-01-31', value: 1000 },
        { date: '2023-02-28', value: 1100 },
        { date: '2023-12-31', value: 2300 },
      ],
      { seed: 2, draws: 1000 },
    );
    expect(r.intervals.map((i) => i.count)).toEqual([100, 1200]);
    const feb = r.periods[0];
    expect(feb).toMatchObject({ period: '2023-02-01', estimate: 100, lo95: 100, hi95: 100 });
    const months = r.periods.slice(1);
    expect(months.length).toBe(10);
    // The ten months share 1200, about 120 each, but any one month is uncertain.
    const sumMedians = months.reduce((s, p) => s + p.estimate, 0);
    expect(Math.abs(sumMedians - 1200)).toBeLessThan(60);
    for (const p of months) {
      expect(p.lo95).toBeLessThan(110);
      expect(p.hi95).toBeGreaterThan(130);
    }
    // The interval total itself is known exactly when both readings are exact.
    expect(r.intervals[1]!.lo95).toBe(1200);
    expect(r.intervals[1]!.hi95).toBe(1200);
  });

  it('qualified readings widen the interval counts: ">" only upward, "~" both ways', () => {
    expect(readingBounds({ date: '2024-01-01', value: 1000, qualifier: '>' })).toEqual([1000, 1250]);
    expect(readingBounds({ date: '2024-01-01', value: 1000, qualifier: '~' })).toEqual([900, 1100]);
    expect(readingBounds({ date: '2024-01-01', value: 1000, qualifier: '~', low: 950, high: 1020 })).toEqual([
      950, 1020,
    ]);
    const r = allocateCumulative(
      [
        { date: '2023-12-31', value: 1000 },
        { date: '2024-06-30', value: 1600, qualifier: '>' },
      ],
      { seed: 3, draws: 1000 },
    );
    expect(r.intervals[0]!.lo95).toBeGreaterThanOrEqual(600);
    expect(r.intervals[0]!.hi95).toBeGreaterThan(900);
    expect(r.intervals[0]!.perMonthLo95).toBeGreaterThanOrEqual((600 / 182) * 30.4375 - 1e-9);
  });

  it('a start date adds a zero reading, and is reproducible from the seed', () => {
    const a = allocateCumulative([{ date: '2022-12-31', value: 310 }], { start: '2022-10-01', seed: 9, draws: 400 });
    expect(a.intervals[0]).toMatchObject({ start: '2022-09-30', end: '2022-12-31', count: 310, days: 92 });
    expect(a.periods.map((p) => p.period)).toEqual(['2022-10-01', '2022-11-01', '2022-12-01']);
    expect(
      allocateCumulative([{ date: '2022-12-31', value: 310 }], { start: '2022-10-01', seed: 9, draws: 400 }),
    ).toEqual(a);
  });

  it('reads values with qualifiers and thousands separators; bad rows fail with line numbers or are skipped', () => {
    const rows = [
      { line: 2, date: '2023-01-31', value: '1,000' },
      { line: 3, date: '2023-02-30', value: '1100' },
      { line: 4, date: '2023-12-31', value: '>2300' },
      { line: 5, date: '2024-03-15', value: 'about 2700' },
      { line: 6, date: '2024-04-15', value: '~ 2,900' },
    ];
    const o = { file: 'totals.csv', dateField: 'date', valueField: 'total' };
    expect(() => parseReadings(rows, { ...o, onBad: 'fail' })).toThrow(BadInputError);
    try {
      parseReadings(rows, { ...o, onBad: 'fail' });
    } catch (err) {
      expect((err as BadInputError).issues.map((i) => i.line)).toEqual([3, 5]);
    }
    const p = parseReadings(rows, { ...o, onBad: 'skip' });
    expect(p.skipped).toBe(2);
    expect(p.readings).toEqual([
      { date: '2023-01-31', value: 1000, qualifier: '=' },
      { date: '2023-12-31', value: 2300, qualifier: '>' },
      { date: '2024-04-15', value: 2900, qualifier: '~' },
    ]);
  });
});
