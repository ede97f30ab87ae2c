import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';
import { fromDayNumber } from '../../src/domain/dates.ts';
import { simulateLineList } from '../../src/nowcast/simulate-line-list.ts';

const dir = mkdtempSync(join(tmpdir(), 'nowcast-cli-'));
const sim = simulateLineList({ seed: 4, start: '2019-01-01', days: 4 * 365, expectedCases: 4 * 12 * 40 });
const now = '2022-12-31';
const lines = ['id,offence,verdict'];
sim.cases.forEach((c, i) => {
  if (fromDayNumber(c.report) <= now) lines.push(`${i},${fromDayNumber(c.event)},${fromDayNumber(c.report)}`);
});
const good = join(dir, 'cases.csv');
writeFileSync(good, lines.join('\n'));
const bad = join(dir, 'bad.csv');
writeFileSync(
  bad,
  [...lines.slice(0, 3), 'x,2020-02-31,2020-05-01', 'y,2020-06-01,2020-05-01', ...lines.slice(3)].join('\n'),
);

const run = runCli;
afterEach(() => {
  process.exitCode = undefined;
});

const base = ['--event-col', 'offence', '--report-col', 'verdict', '--now', now, '--max-delay', '12'];

describe('darkfigure nowcast', () => {
  it('--json gives {method, now, unit, periods} with monthly period starts', async () => {
    const r = await run(['nowcast', good, ...base, '--method', 'chainladder', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual(['method', 'now', 'unit', 'periods', 'reportedAfterNow', 'dates']);
    expect(j).toMatchObject({ method: 'chainladder', now, unit: 'month', reportedAfterNow: 0, dates: 'day' });
    const last = j.periods[j.periods.length - 1];
    expect(last.period).toBe('2022-12-01');
    // Nothing of November or December is reported by now (delays run to months): chain ladder says why it has no figure.
    expect(last).toMatchObject({
      reported: 0,
      estimate: null,
      lo95: null,
      hi95: null,
      note: expect.stringMatching(/nothing reported yet/),
    });
    expect(Object.keys(j.periods.at(-3))).toEqual(['period', 'reported', 'estimate', 'lo50', 'hi50', 'lo95', 'hi95']);
  });
  it('--method all gives {methods: [...]} with the three methods', async () => {
    const r = await run(['nowcast', good, ...base, '--method', 'all', '--json', '--unit', 'month']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).methods.map((m: { method: string }) => m.method)).toEqual([
      'chainladder',
      'baseline',
      'bayes',
    ]);
  });
  it('bad rows: exit 2 with their line numbers, or skipped with a count', async () => {
    const r = await run(['nowcast', bad, ...base, '--json']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/line 4.*offence/);
    expect(r.err).toMatch(/line 5.*before the event/);
    const s = await run(['nowcast', bad, ...base, '--json', '--on-bad', 'skip', '--method', 'baseline']);
    expect(s.code).toBe(0);
    expect(s.err).toMatch(/skipped 2 bad row/);
  });
  it('bad flags exit 2', async () => {
    expect((await run(['nowcast', good, ...base, '--unit', 'year'])).code).toBe(2);
    expect((await run(['nowcast', good, ...base, '--method', 'magic'])).code).toBe(2);
  });
  it('reads a reporting triangle', async () => {
    const tri = join(dir, 'tri.csv');
    writeFileSync(tri, 'period,0,1,2\n2024-01-01,10,5,2\n2024-02-01,12,6,1\n2024-03-01,11,4,\n2024-04-01,9,,\n');
    const r = await run(['nowcast', tri, '--triangle', '--method', 'chainladder', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.now).toBe('2024-04-30');
    // f0 = (15 + 18 + 15) / (10 + 12 + 11), f1 = (17 + 19) / (15 + 18)
    expect(j.periods[3].estimate).toBeCloseTo(9 * (48 / 33) * (36 / 33), 9);
  });
  it('backtest prints scores per method', async () => {
    const r = await run(['nowcast', 'backtest', good, ...base, '--method', 'chainladder', '--dates', '3', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.dates.length).toBe(3);
    expect(
      j.scores.some((s: { method: string; horizon: string }) => s.method === 'chainladder' && s.horizon === 'all'),
    ).toBe(true);
  });
  it('weekly periods start on Mondays', async () => {
    const r = await run([
      'nowcast',
      good,
      '--event-col',
      'offence',
      '--report-col',
      'verdict',
      '--now',
      now,
      '--unit',
      'week',
      '--max-delay',
      '52',
      '--method',
      'bayes',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.unit).toBe('week');
    for (const p of j.periods.slice(-5)) expect(new Date(`${p.period}T00:00:00Z`).getUTCDay()).toBe(1);
    expect(j.periods[j.periods.length - 1].period).toBe('2022-12-19');
  });
  it('cumulative totals: counts per month with intervals; a bad row exits 2 with its line', async () => {
    const f = join(dir, 'totals.csv');
    writeFileSync(f, 'date,total\n2023-01-31,"1,000"\n2023-02-28,1100\n2023-12-31,>2300\n');
    const r = await run(['nowcast', 'cumulative', f, '--date-col', 'date', '--value-col', 'total', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.intervals.map((i: { count: number }) => i.count)).toEqual([100, 1200]);
    expect(j.periods[0]).toMatchObject({ period: '2023-02-01', estimate: 100 });
    // ">1,000" then 2,300: the text never prints the published difference 1,300 next to an interval below it.
    writeFileSync(f, 'date,total\n2023-01-31,">1,000"\n2023-12-31,2300\n');
    const q = await run(['nowcast', 'cumulative', f, '--date-col', 'date', '--value-col', 'total']);
    const row = q.out.split('\n').find((l) => l.startsWith('2023-01-31'))!;
    const [, , , count, lo, hi] = row.split(/\s+|–/).map(Number);
    expect(lo).toBeLessThanOrEqual(count!);
    expect(count).toBeLessThanOrEqual(hi!);
    expect(hi).toBeLessThan(1300);
    writeFileSync(f, 'date,total\n2023-01-31,1000\n2023-02-31,1100\n');
    const b = await run(['nowcast', 'cumulative', f, '--date-col', 'date', '--value-col', 'total']);
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/line 3/);
  });
  it('cumulative totals with --now: the months after the newest reading are nowcast, with the out-of-sample check', async () => {
    const f = join(dir, 'totals-now.csv');
    // 200 a month for a year, read every other month.
    writeFileSync(
      f,
      `date,total\n${[2, 4, 6, 8, 10, 12].map((m) => `2023-${String(m).padStart(2, '0')}-01,${200 * m}`).join('\n')}\n`,
    );
    const args = ['nowcast', 'cumulative', f, '--date-col', 'date', '--value-col', 'total', '--start', '2023-01-01'];
    const r = await run([...args, '--now', '2024-06-30', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.projection.from).toMatchObject({ date: '2023-12-01', value: 2400 });
    expect(j.projection.periods[0]).toMatchObject({ period: '2023-12-01' });
    expect(j.projection.periods.at(-1)).toMatchObject({ period: '2024-06-01', covered: 1 });
    // About seven months at about 200 a month on top of 2,400.
    expect(j.projection.total.estimate).toBeGreaterThan(3400);
    expect(j.projection.total.estimate).toBeLessThan(4300);
    // Each reading from the third on (the start counts as one), predicted from those before it.
    expect(j.backtest.total).toBe(4);
    // Without --now the answer is as before: no projection.
    expect(JSON.parse((await run([...args, '--json'])).out).projection).toBeUndefined();
    const text = await run([...args, '--now', '2024-06-30']);
    expect(text.out).toMatch(/nowcast after the newest reading \(2023-12-01, 2400\) to 2024-06-30/);
    expect(text.out).toMatch(/out-of-sample: each reading predicted from the readings before it \(\d of 4 inside/);
    // A now before the newest reading, or not a date: exit 2, naming --now.
    const early = await run([...args, '--now', '2023-11-01']);
    expect(early.code).toBe(2);
    expect(early.err).toMatch(/now \(2023-11-01\) is before the newest reading \(2023-12-01\)/);
    const notDate = await run([...args, '--now', '2024-02-30']);
    expect(notDate.code).toBe(2);
    expect(notDate.err).toMatch(/--now/);
  });
});
