import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/domain/dates.ts';
import {
  lastCompletePeriod,
  periodEndDay,
  periodOfDay,
  periodStartDate,
  periodStartDay,
} from '../../src/nowcast/periods.ts';
import { triangleFromCases, truncateTriangle } from '../../src/nowcast/triangle.ts';

describe('periods', () => {
  it('weeks start on Monday, months on the 1st', () => {
    expect(periodStartDate(periodOfDay(dayNumber('2024-03-14'), 'week'), 'week')).toBe('2024-03-11');
    expect(periodStartDate(periodOfDay(dayNumber('2024-03-14'), 'month'), 'month')).toBe('2024-03-01');
    expect(periodEndDay(periodOfDay(dayNumber('2024-02-10'), 'month'), 'month')).toBe(dayNumber('2024-02-29'));
  });
  it('every day lies in its period (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -20000, max: 40000 }),
        fc.constantFrom('day' as const, 'week' as const, 'month' as const),
        (day, unit) => {
          const p = periodOfDay(day, unit);
          expect(periodStartDay(p, unit)).toBeLessThanOrEqual(day);
          expect(periodEndDay(p, unit)).toBeGreaterThanOrEqual(day);
          expect(periodOfDay(periodStartDay(p + 1, unit), unit)).toBe(p + 1);
        },
      ),
    );
  });
  it('a period counts as complete only on its last day', () => {
    const may = periodOfDay(dayNumber('2024-05-01'), 'month');
    expect(lastCompletePeriod(dayNumber('2024-05-31'), 'month')).toBe(may);
    expect(lastCompletePeriod(dayNumber('2024-05-30'), 'month')).toBe(may - 1);
  });
});

describe('triangle from a line list', () => {
  it('puts each case in its cell, hides what was not reported by then, and counts the rest', () => {
    const d = dayNumber;
    const cases = [
      { event: d('2024-01-05'), report: d('2024-01-20') }, // Jan, delay 0
      { event: d('2024-01-05'), report: d('2024-03-02') }, // Jan, delay 2
      { event: d('2024-02-10'), report: d('2024-02-11') }, // Feb, delay 0
      { event: d('2024-02-10'), report: d('2024-04-01') }, // reported after now: outside
      { event: d('2024-01-01'), report: d('2024-01-02') },
    ];
    const lastPeriod = periodOfDay(d('2024-03-31'), 'month');
    const { triangle, outside, beyondMaxDelay } = triangleFromCases(cases, { unit: 'month', lastPeriod, maxDelay: 1 });
    expect(triangle.counts.length).toBe(3);
    expect(triangle.counts[0]).toEqual([2, 0]);
    expect(triangle.counts[1]).toEqual([1, 0]);
    expect(triangle.counts[2]![0]).toBe(0);
    expect(Number.isNaN(triangle.counts[2]![1])).toBe(true);
    expect(outside).toBe(1);
    expect(beyondMaxDelay).toBe(1);
    const back = truncateTriangle(triangle, 1);
    expect(back.counts.length).toBe(2);
    expect(Number.isNaN(back.counts[1]![1])).toBe(true);
  });
});
