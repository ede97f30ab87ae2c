import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type MethodOptions, runNowcast } from '../../src/nowcast/run-nowcast.ts';
import { type PeriodNowcast, NOWCAST_METHODS, holdPoint } from '../../src/nowcast/nowcast-result.ts';
import { lastCompletePeriod } from '../../src/nowcast/periods.ts';
import { allocateCumulative, type CumulativeReading } from '../../src/nowcast/cumulative-totals.ts';
import { triangleFromCases, triangleFromRows, type ReportingTriangle } from '../../src/nowcast/triangle.ts';
import { courtNowcastChart } from '../../src/report/court-chart.ts';
import { toCsv } from '../../src/report/csv.ts';
import { computeCourtView as runCourtTask } from '../../src/analyses/court.ts';

// Short chains: the properties are about the shape of each answer, not its precision.
const quick: MethodOptions = { baseline: { seed: 3, draws: 400 }, bayes: { seed: 3, burnIn: 200, samples: 400 } };

/** Every period either has an estimate inside ordered intervals, at least what is reported, or none with a reason. */
function expectSound(p: PeriodNowcast, method: string): void {
  const where = `${method} ${p.period}`;
  if (Number.isNaN(p.estimate)) {
    expect(p.note, `${where}: no estimate and no reason`).toMatch(/\w/);
    for (const x of [p.lo50, p.hi50, p.lo95, p.hi95]) expect(x, where).toBeNaN();
    return;
  }
  expect(p.note, where).toBeUndefined();
  const chain = [p.reported, p.lo95, p.lo50, p.estimate, p.hi50, p.hi95];
  for (const x of chain) expect(Number.isFinite(x), `${where}: ${chain.join(', ')}`).toBe(true);
  for (let i = 1; i < chain.length; i++)
    expect(chain[i], `${where}: ${chain.join(', ')}`).toBeGreaterThanOrEqual(chain[i - 1]! - 1e-9);
}

/** A ragged incremental triangle: T rows, delays 0..D, each row observed through min(D, T−1−t); counts often 0. */
const triangles = fc.integer({ min: 1, max: 4 }).chain((D) =>
  fc.integer({ min: D + 2, max: D + 10 }).chain((T) =>
    fc
      .array(
        fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 40 })), { minLength: D + 1, maxLength: D + 1 }),
        { minLength: T, maxLength: T },
      )
      .map((rows) =>
        triangleFromRows(
          rows.map((r, t) => r.map((v, d) => (d <= Math.min(D, T - 1 - t) ? v : null))),
          { maxDelay: D },
        ),
      ),
  ),
);

describe('nowcast guards: every method, random triangles', () => {
  it('each point estimate lies inside its intervals, which are ordered; a period without one says why (property)', () => {
    fc.assert(
      fc.property(triangles, fc.constantFrom(...NOWCAST_METHODS), (tri, method) => {
        for (const p of runNowcast(tri, method, quick).periods) expectSound(p, method);
      }),
      { numRuns: 150 },
    );
  });

  it('the newest period is never 0 [0, 0] while cases are still arriving (property)', () => {
    // Complete rows of at least 5 cases with some reported late, and nothing yet in the newest row.
    const arriving = fc.integer({ min: 1, max: 3 }).chain((D) =>
      fc
        .array(
          fc
            .tuple(
              fc.integer({ min: 0, max: 30 }),
              fc.array(fc.integer({ min: 0, max: 30 }), { minLength: D, maxLength: D }),
            )
            .filter(([a, rest]) => rest.some((x) => x > 0) && a + rest.reduce((s, x) => s + x, 0) >= 5),
          { minLength: D + 3, maxLength: D + 8 },
        )
        .map((rows) => {
          const T = rows.length;
          const full = rows.map(([a, rest]) => [a, ...rest]);
          full[T - 1]![0] = 0;
          return triangleFromRows(
            full.map((r, t) => r.map((v, d) => (d <= Math.min(D, T - 1 - t) ? v : null))),
            { maxDelay: D },
          );
        }),
    );
    fc.assert(
      fc.property(arriving, fc.constantFrom(...NOWCAST_METHODS), (tri: ReportingTriangle, method) => {
        const newest = runNowcast(tri, method, quick).periods.at(-1)!;
        expect(newest.reported).toBe(0);
        if (Number.isNaN(newest.estimate)) expect(newest.note).toMatch(/nothing reported yet/);
        else expect(newest.hi95, `${method}: ${JSON.stringify(newest)}`).toBeGreaterThan(0);
      }),
      { numRuns: 120 },
    );
  });

  it('chain ladder and baseline refuse a newest row of zero, with the share still to come', () => {
    const tri = triangleFromRows([
      [10, 20, 10],
      [12, 18, 9],
      [8, 22, 11],
      [11, 19, null],
      [0, null, null],
    ]);
    for (const method of ['chainladder', 'baseline'] as const) {
      const n = runNowcast(tri, method, quick);
      const newest = n.periods.at(-1)!;
      expect(newest.estimate).toBeNaN();
      // About a quarter of cases arrive at delay 0 here, so about three quarters are still to come.
      expect(newest.note).toMatch(/nothing reported yet while about 7\d% of cases usually arrive later/);
      expect(n.warnings.join(' ')).toMatch(/nothing reported yet/);
      // The row before keeps its estimate.
      expect(n.periods.at(-2)!.estimate).toBeGreaterThan(11);
    }
    // Bayes weighs the zero (about 10 were expected by now) against the level of the earlier rows:
    // a lower but uncertain figure, not a certain zero.
    const b = runNowcast(tri, 'bayes', quick).periods.at(-1)!;
    expect(b.estimate).toBeGreaterThan(0);
    expect(b.hi95).toBeGreaterThan(15);
    expect(b.hi95).toBeLessThan(80);
  });

  it('a zero row that is complete by the delays seen is kept as 0', () => {
    // No case ever arrives after delay 0: nothing is still to come, so 0 is the answer, not a refusal.
    const tri = triangleFromRows([
      [5, 0],
      [7, 0],
      [6, 0],
      [0, null],
    ]);
    for (const method of ['chainladder', 'baseline'] as const)
      expect(runNowcast(tri, method, quick).periods.at(-1)).toMatchObject({ estimate: 0, hi95: 0 });
  });

  it('random line lists cut at a random now: every method sound (property)', () => {
    const lists = fc.record({
      cases: fc.array(fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 120 })), {
        minLength: 5,
        maxLength: 300,
      }),
      now: fc.integer({ min: 150, max: 520 }),
      unit: fc.constantFrom('week' as const, 'month' as const),
    });
    fc.assert(
      fc.property(lists, fc.constantFrom(...NOWCAST_METHODS), ({ cases, now, unit }, method) => {
        const base = 19_000; // 2022-01-08
        const known = cases
          .map(([e, d]) => ({ event: base + e, report: base + e + d }))
          .filter((c) => c.report <= base + now);
        const maxDelay = unit === 'week' ? 17 : 4;
        const { triangle } = triangleFromCases(known, {
          unit,
          lastPeriod: lastCompletePeriod(base + now, unit),
          maxDelay,
        });
        if (triangle.counts.length < maxDelay + 2) return;
        for (const p of runNowcast(triangle, method, quick).periods) expectSound(p, method);
      }),
      { numRuns: 60 },
    );
  });

  it('holdPoint stretches a band that misses its mean, and leaves a sound one alone', () => {
    expect(holdPoint({ estimate: 10, lo50: 0, hi50: 5, lo95: 0, hi95: 30 })).toEqual({
      estimate: 10,
      lo50: 0,
      hi50: 10,
      lo95: 0,
      hi95: 30,
    });
    expect(holdPoint({ estimate: 0.02, lo50: 0, hi50: 0, lo95: 0, hi95: 0 })).toEqual({
      estimate: 0.02,
      lo50: 0,
      hi50: 0.02,
      lo95: 0,
      hi95: 0.02,
    });
    const ok = { estimate: 4, lo50: 3, hi50: 5, lo95: 1, hi95: 9 };
    expect(holdPoint(ok)).toEqual(ok);
  });
});

describe('the court view (simulated list) no longer shows a newest month of 0 [0, 0]', () => {
  it('chain ladder and baseline leave the newest month out of the chart with the reason in the caption and CSV; bayes estimates it', () => {
    for (const method of ['chainladder', 'baseline'] as const) {
      const v = runCourtTask({ source: { origin: 'simulated' }, method, seed: 1 });
      const newest = v.nowcast.periods.at(-1)!;
      expect(newest.reported).toBe(0);
      expect(newest.note).toMatch(/nothing reported yet/);
      const chart = courtNowcastChart(v);
      expect(chart.caption).toMatch(new RegExp(`No estimate for ${newest.period.slice(0, 7)}: nothing reported yet`));
      const csv = toCsv(chart.rows).trim().split('\r\n');
      expect(csv[0]).toMatch(/,note$/);
      expect(csv.at(-1)).toMatch(new RegExp(`^${newest.period.slice(0, 7)},${method},0,,,,,,.*nothing reported yet`));
      expect(csv.join('\n')).not.toMatch(/NaN|100%/);
    }
    const b = runCourtTask({ source: { origin: 'simulated' }, method: 'bayes', seed: 1 }).nowcast.periods.at(-1)!;
    expect(b.estimate).toBeGreaterThan(0);
    expect(b.lo95).toBeLessThanOrEqual(b.estimate);
  });
});

describe('cumulative totals: the figure quoted lies in its interval', () => {
  it('">1,000" then 2,300: the count is not the published difference 1,300 but a figure inside its interval', () => {
    const r = allocateCumulative(
      [
        { date: '2023-01-31', value: 1000, qualifier: '>' },
        { date: '2023-12-31', value: 2300 },
      ],
      { seed: 1, draws: 2000 },
    );
    const iv = r.intervals[0]!;
    expect(iv.count).toBe(1300); // the difference as published, kept for reference
    expect(iv.hi95).toBeLessThan(1300); // the first total was above 1,000, so fewer than 1,300 came after
    expect(iv.estimate).toBeGreaterThanOrEqual(iv.lo95);
    expect(iv.estimate).toBeLessThanOrEqual(iv.hi95);
    expect(iv.perMonthEstimate).toBeGreaterThanOrEqual(iv.perMonthLo95);
    expect(iv.perMonthEstimate).toBeLessThanOrEqual(iv.perMonthHi95);
  });

  it('every interval and period estimate lies inside its intervals (property)', () => {
    const reading = fc.record({
      day: fc.integer({ min: 0, max: 900 }),
      value: fc.integer({ min: 0, max: 5000 }),
      qualifier: fc.constantFrom('=' as const, '~' as const, '>' as const, '<' as const, '>=' as const, '<=' as const),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(reading, { minLength: 2, maxLength: 6, selector: (r) => r.day }),
        fc.constantFrom('week' as const, 'month' as const),
        (rs, unit) => {
          const readings: CumulativeReading[] = rs.map((x) => ({
            date: new Date(Date.UTC(2022, 0, 1 + x.day)).toISOString().slice(0, 10),
            value: x.value,
            qualifier: x.qualifier,
          }));
          const res = allocateCumulative(readings, { unit, draws: 200, seed: 5 });
          for (const p of [...res.intervals, ...res.periods]) {
            const chain = [p.lo95, p.lo50, p.estimate, p.hi50, p.hi95];
            for (let i = 1; i < chain.length; i++)
              expect(chain[i], chain.join(', ')).toBeGreaterThanOrEqual(chain[i - 1]!);
          }
        },
      ),
      { numRuns: 80 },
    );
  });
});
