import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { growth, intervalCounts, rate, shareOfForce } from '../../src/indicators/index.ts';

describe('indicators', () => {
  it('growth: 577 requests in Sep–Nov 2023 against 305 in Jun–Aug is +89%', () => {
    const g = growth(305, 577, { base: 'Jun–Aug 2023', later: 'Sep–Nov 2023' });
    expect(Math.round(g.value)).toBe(89);
    expect(g.formula).toContain('Sep–Nov 2023');
    expect(g.inputs).toEqual({ 'Jun–Aug 2023': 305, 'Sep–Nov 2023': 577 });
    expect(() => growth(0, 5)).toThrow(RangeError);
  });

  it('share of force: 5,000 of 250,000 is 2%', () => {
    expect(shareOfForce(5000, 250_000).value).toBeCloseTo(2, 12);
    expect(() => shareOfForce(1, 0)).toThrow();
  });

  it('rate: 457 verdicts in August 2023 is 457 per month and ~103 per week', () => {
    expect(rate(457, '2023-08-01', '2023-08-31', 'day').value).toBeCloseTo(457 / 31, 10);
    expect(rate(457, '2023-08-01', '2023-08-31', 'week').value).toBeCloseTo((457 / 31) * 7, 10);
  });

  it('differences cumulative court totals at irregular dates (M09 → M15 → M17)', () => {
    const out = intervalCounts([
      { date: '2025-05-31', value: 20538, id: 'M17' },
      { date: '2023-11-21', value: 4121, id: 'M09' },
      { date: '2024-06-18', value: 10025, id: 'M15' },
    ]);
    expect(out.map((i) => [i.start, i.end, i.count])).toEqual([
      ['2023-11-21', '2024-06-18', 5904],
      ['2024-06-18', '2025-05-31', 10513],
    ]);
    expect(out[1]!.days).toBe(347);
    expect(out[1]!.perMonth).toBeCloseTo((10513 / 347) * 30.4375, 8);
    expect(out[1]!.formula).toContain('M17');
  });

  it('interval counts always sum back to the span of the cumulative series (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 5000 }), { minLength: 2, maxLength: 20 }),
        fc.array(fc.nat(10_000), { minLength: 20, maxLength: 20 }),
        (days, incs) => {
          const sorted = [...days].sort((a, b) => a - b);
          let total = 0;
          const pts = sorted.map((d, i) => ({
            date: new Date(Date.UTC(2022, 0, 1) + d * 86_400_000).toISOString().slice(0, 10),
            value: (total += incs[i]!),
          }));
          const out = intervalCounts([...pts].reverse());
          expect(out.reduce((s, x) => s + x.count, 0)).toBe(pts[pts.length - 1]!.value - pts[0]!.value);
          expect(out.every((x) => x.days > 0)).toBe(true);
        },
      ),
    );
  });
});
