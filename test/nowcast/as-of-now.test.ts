import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays, dayNumber, fromDayNumber } from '../../src/domain/dates.ts';
import { detectPeriodLabels } from '../../src/nowcast/period-labels.ts';
import { periodOfDay, periodStartDay } from '../../src/nowcast/periods.ts';
import { simulateLineList } from '../../src/nowcast/simulate-line-list.ts';
import { runCli } from '../support/run-cli.ts';

afterEach(() => {
  process.exitCode = undefined;
});

/**
 * A whole line list whose later reports are known, written as NobBS data are: every date the Monday
 * that starts its week. Nowcasting as of a past Monday must leave out what was reported after it and
 * estimate the week that starts on it; the full list is the truth to compare with.
 */
const sim = simulateLineList({
  seed: 11,
  start: '2021-01-04',
  days: 2 * 365,
  expectedCases: 2 * 52 * 40,
  delayMeanDays: 21,
  delaySdDays: 10,
  delayMaxDays: 70,
});
const monday = (day: number) => periodStartDay(periodOfDay(day, 'week'), 'week');
const labelled = sim.cases.map((c) => ({ event: monday(c.event), report: monday(c.report) }));
const dir = mkdtempSync(join(tmpdir(), 'nowcast-asof-'));
const write = (name: string, shift: number) => {
  const f = join(dir, name);
  writeFileSync(
    f,
    [
      'id,onset,reported',
      ...labelled.map((c, i) => `${i},${fromDayNumber(c.event + shift)},${fromDayNumber(c.report + shift)}`),
    ].join('\n'),
  );
  return f;
};
const mondays = write('mondays.csv', 0);
const sundays = write('sundays.csv', -1);
const truthOf = (week: number) => labelled.filter((c) => c.event === week).length;

interface Period {
  period: string;
  reported: number;
  estimate: number;
  lo95: number;
  hi95: number;
  note?: string;
}
const args = (file: string, now: string, ...more: string[]) => [
  'nowcast',
  file,
  '--event-col',
  'onset',
  '--report-col',
  'reported',
  '--now',
  now,
  '--unit',
  'week',
  '--max-delay',
  '10',
  '--json',
  ...more,
];

describe('nowcast of a whole line list as of an earlier date (NobBS-style)', () => {
  it('leaves out and counts the rows reported after now, and estimates the week that starts on now', async () => {
    const now = '2022-03-07'; // a Monday
    const r = await runCli(args(mondays, now, '--method', 'chainladder'));
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { periods: Period[]; reportedAfterNow: number; dates: string; now: string };
    const nowDay = dayNumber(now);
    expect(j.reportedAfterNow).toBe(labelled.filter((c) => c.report > nowDay).length);
    expect(j.reportedAfterNow).toBeGreaterThan(100);
    expect(r.err).toMatch(new RegExp(`${j.reportedAfterNow} row\\(s\\) reported after now \\(${now}\\)`));
    expect(j.dates).toBe('period-start');
    const newest = j.periods.at(-1)!;
    expect(newest.period).toBe(now);
    expect(newest.reported).toBe(labelled.filter((c) => c.event === nowDay && c.report === nowDay).length);
    // Read as days, the week that starts on now has not ended: the newest estimated is the week before.
    const asDays = JSON.parse(
      (await runCli(args(mondays, now, '--method', 'chainladder', '--date-kind', 'day'))).out,
    ) as { periods: Period[]; dates: string };
    expect(asDays.dates).toBe('day');
    expect(asDays.periods.at(-1)!.period).toBe(addDays(now, -7));
  });

  it('compared with the full truth, the 95% intervals of the newest weeks mostly hold it', async () => {
    const nows = Array.from({ length: 8 }, (_, i) => addDays('2021-09-06', 42 * i)); // Mondays, six weeks apart
    const hits: Record<string, { n: number; in: number; refused: number }> = {};
    for (const now of nows) {
      const r = await runCli(args(mondays, now, '--method', 'all'));
      expect(r.code).toBe(0);
      const j = JSON.parse(r.out) as { methods: Array<{ method: string; periods: Period[] }> };
      for (const m of j.methods) {
        const h = (hits[m.method] ??= { n: 0, in: 0, refused: 0 });
        expect(m.periods.at(-1)!.period).toBe(now);
        for (const p of m.periods.slice(-6)) {
          if (p.estimate === null) {
            h.refused++;
            continue;
          }
          const truth = truthOf(dayNumber(p.period));
          expect(p.reported).toBeLessThanOrEqual(truth);
          h.n++;
          if (truth >= p.lo95 && truth <= p.hi95) h.in++;
        }
      }
    }
    // 48 newest-week estimates per method; a sound 95% interval holds the truth in most of them.
    for (const [method, h] of Object.entries(hits)) {
      expect(h.n, method).toBeGreaterThanOrEqual(40);
      expect(h.in / h.n, `${method}: ${h.in} of ${h.n}`).toBeGreaterThanOrEqual(0.8);
    }
  });

  it('Sunday-start weeks are read as such: the same estimates, labelled by their Sundays', async () => {
    const now = '2022-03-07';
    const a = JSON.parse((await runCli(args(mondays, now, '--method', 'bayes'))).out) as { periods: Period[] };
    const sun = addDays(now, -1);
    const b = JSON.parse((await runCli(args(sundays, sun, '--method', 'bayes'))).out) as {
      periods: Period[];
      dates: string;
    };
    expect(b.dates).toBe('period-start');
    expect(b.periods.at(-1)!.period).toBe(sun);
    expect(b.periods.map((p) => ({ ...p, period: addDays(p.period, 1) }))).toEqual(a.periods);
  });

  it('detects period-start labels only when every date is one', () => {
    const d = dayNumber;
    expect(detectPeriodLabels([{ event: d('2024-06-02'), report: d('2024-06-09') }], 'week')).toEqual({
      periodStart: true,
      shift: 6,
    });
    expect(detectPeriodLabels([{ event: d('2024-06-03'), report: d('2024-06-17') }], 'week')).toEqual({
      periodStart: true,
      shift: 0,
    });
    expect(detectPeriodLabels([{ event: d('2024-06-03'), report: d('2024-06-18') }], 'week')).toMatchObject({
      periodStart: false,
      counterexample: '2024-06-18',
    });
    expect(detectPeriodLabels([{ event: d('2024-05-01'), report: d('2024-07-01') }], 'month')).toEqual({
      periodStart: true,
      shift: 0,
    });
    expect(detectPeriodLabels([{ event: d('2024-05-01'), report: d('2024-07-02') }], 'month').periodStart).toBe(false);
    // One date says nothing; days are days.
    expect(detectPeriodLabels([{ event: d('2024-06-03'), report: d('2024-06-03') }], 'week').periodStart).toBe(false);
    expect(detectPeriodLabels([{ event: d('2024-06-03'), report: d('2024-06-10') }], 'day').periodStart).toBe(false);
  });

  it('month-start labels: the month that starts on now is estimated; --date-kind period-start on days is bad input', async () => {
    const f = join(dir, 'months.csv');
    const rows = ['id,onset,reported'];
    let i = 0;
    for (let m = 0; m < 24; m++)
      for (let d = 0; d <= 3; d++)
        for (let k = 0; k < 5 - d; k++)
          rows.push(
            `${i++},${fromDayNumber(periodStartDay(630 + m, 'month'))},${fromDayNumber(periodStartDay(630 + m + d, 'month'))}`,
          );
    writeFileSync(f, rows.join('\n'));
    const now = fromDayNumber(periodStartDay(650, 'month'));
    const r = await runCli([
      'nowcast',
      f,
      '--event-col',
      'onset',
      '--report-col',
      'reported',
      '--now',
      now,
      '--max-delay',
      '3',
      '--method',
      'chainladder',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { periods: Period[]; reportedAfterNow: number };
    expect(j.periods.at(-1)).toMatchObject({ period: now, reported: 5 });
    // Every month has 5 + 4 + 3 + 2 = 14 cases, reported at delays 0..3: the chain ladder recovers it.
    expect(j.periods.at(-1)!.estimate).toBeCloseTo(14, 9);
    const days = join(dir, 'days.csv');
    writeFileSync(days, 'id,onset,reported\n1,2024-01-03,2024-02-05\n2,2024-01-01,2024-03-01\n');
    const bad = await runCli([
      'nowcast',
      days,
      '--event-col',
      'onset',
      '--report-col',
      'reported',
      '--date-kind',
      'period-start',
      '--json',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--date-kind.*2024-01-03/);
  });
});
