import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PredictiveCheck } from '../../src/calibrate/posterior.ts';
import { courtBreakdownChart } from '../../src/report/court-chart.ts';
import { sensitivityChart } from '../../src/report/mse-chart.ts';
import { predictiveChart } from '../../src/report/predictive-chart.ts';

type Bar = { name: string; data: number[] };

describe('court breakdown: the largest groups stacked, the rest as "other"', () => {
  it('keeps every count: per month and in total, whatever the groups', () => {
    const months = ['2024-01', '2024-02', '2024-03'];
    const row = fc.record({
      month: fc.constantFrom(...months),
      group: fc.constantFrom(
        '337|5',
        '337|3',
        '338|2',
        '338|1',
        '339|1',
        '334|',
        'unknown|',
        '337|2.1',
        '340|1',
        '341|1',
      ),
      value: fc.integer({ min: 0, max: 500 }),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), fc.integer({ min: 1, max: 9 }), (rows, top) => {
        const spec = courtBreakdownChart(rows, months, {
          id: 'b',
          title: 't',
          unit: 'defendants',
          caption: '',
          groupName: (g) => g,
          top,
        });
        const bars = (spec.option as { series: Bar[] }).series;
        expect(bars.length).toBeLessThanOrEqual(top);
        for (const [i, m] of months.entries())
          expect(bars.reduce((a, b) => a + b.data[i]!, 0)).toBe(
            rows.filter((r) => r.month === m).reduce((a, r) => a + r.value, 0),
          );
        // "other" appears only when there are more groups than room.
        expect(bars.some((b) => b.name === 'other')).toBe(new Set(rows.map((r) => r.group)).size > top);
      }),
    );
  });
});

describe('posterior predictive chart: every target relative to its figure', () => {
  const check = (
    target: string,
    value: number,
    lo: number,
    hi: number,
    q: [number, number, number, number, number],
  ): PredictiveCheck => ({
    target,
    summary: `flow:${target}`,
    observed: { value, lo, hi },
    predicted: { q025: q[0], q05: q[0], q25: q[1], median: q[2], q75: q[3], q95: q[4], q975: q[4] },
    pInside: 0.5,
  });

  it('puts the 50% and 95% ranges at the predicted quantiles over the figure, and the figure at 1', () => {
    const spec = predictiveChart([
      check('cases', 200, 200, 200, [50, 100, 150, 300, 400]),
      check('ngo', 10, 10, Number.POSITIVE_INFINITY, [5, 8, 10, 12, 20]),
    ]);
    const s = (spec.option as { series: Array<{ data: Array<number | { value: number | number[] }> }> }).series;
    const v = (x: number | { value: number | number[] }) => (typeof x === 'number' ? x : x.value);
    const close = (xs: Array<number | { value: number | number[] }>) =>
      xs.map((x) => Number((v(x) as number).toFixed(12)));
    // 95%: base at q025/value, width (q975 - q025)/value; 50%: base q25/value, width (q75 - q25)/value.
    expect(close(s[0]!.data)).toEqual([0.25, 0.5]);
    expect(close(s[1]!.data)).toEqual([1.75, 1.5]);
    expect(close(s[2]!.data)).toEqual([0.5, 0.8]);
    expect(close(s[3]!.data)).toEqual([1, 0.4]);
    expect(s[4]!.data.map(v)).toEqual([
      [1, 0],
      [1, 1],
    ]);
    // ">10" has a lower tick at 1 and an arrow at the axis end; the exact figure has no ticks.
    expect(s[5]!.data).toHaveLength(2);
    expect(spec.rows.map((r) => r.observed_hi)).toEqual([200, '']);
    expect(spec.points).toEqual({ targets: 2, ranges95: 2, ranges50: 2 });
  });
});

describe('threshold sensitivity', () => {
  it('plots linked people by threshold in threshold order, and exports the same rows', () => {
    const spec = sensitivityChart([
      { threshold: 0.9, linkedPeople: 40 },
      { threshold: 0.8, linkedPeople: 55 },
      { threshold: 0.85, linkedPeople: 47 },
    ]);
    expect((spec.option as { series: Array<{ data: number[][] }> }).series[0]!.data).toEqual([
      [0.8, 55],
      [0.85, 47],
      [0.9, 40],
    ]);
    expect(spec.rows).toEqual([
      { threshold: 0.8, linked_people: 55 },
      { threshold: 0.85, linked_people: 47 },
      { threshold: 0.9, linked_people: 40 },
    ]);
  });
});
