import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromDayNumber } from '../../src/domain/dates.ts';
import { simulateLineList } from '../../src/nowcast/simulate-line-list.ts';
import { createApp } from '../../src/server/app.ts';
import { Store } from '../../src/store/index.ts';
import { bothSides, postJson } from './harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'nowcast-analysis-'));
const now = '2022-12-31';
// A line list with two bad rows (skipped with --on-bad skip, so that both sides warn the same).
const sim = simulateLineList({ seed: 7, start: '2020-01-01', days: 3 * 365, expectedCases: 3 * 12 * 30 });
const lines = ['id,offence,verdict', 'x,2020-02-31,2020-05-01', 'y,2020-06-01,2020-05-01'];
sim.cases.forEach((c, i) => lines.push(`${i},${fromDayNumber(c.event)},${fromDayNumber(c.report)}`));
const LIST = join(dir, 'cases.csv');
writeFileSync(LIST, lines.join('\n'));
const TRI = join(dir, 'tri.csv');
writeFileSync(TRI, 'period,0,1,2\n2024-01-01,10,5,2\n2024-02-01,12,6,1\n2024-03-01,11,4,\n2024-04-01,9,,\n');

const warningsOf = (err: string) =>
  err
    .split('\n')
    .filter((l) => l.startsWith('darkfigure nowcast: '))
    .map((l) => l.slice('darkfigure nowcast: '.length));

describe('nowcast: `nowcast --json` is what POST /api/nowcast answers', () => {
  let sides: Awaited<ReturnType<typeof bothSides>>;
  beforeAll(async () => (sides = await bothSides()));
  afterAll(async () => {
    await sides.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a line list, every method: the same periods on both sides, the CLI warnings in the API answer', async () => {
    const cli = await sides.cli([
      'nowcast',
      LIST,
      '--event-col',
      'offence',
      '--report-col',
      'verdict',
      '--now',
      now,
      '--max-delay',
      '10',
      '--method',
      'all',
      '--on-bad',
      'skip',
      '--seed',
      '5',
      '--json',
    ]);
    expect(cli.code).toBe(0);
    const r = await sides.api(
      '/api/nowcast',
      postJson({
        name: LIST,
        text: readFileSync(LIST, 'utf8'),
        eventCol: 'offence',
        reportCol: 'verdict',
        now,
        maxDelay: 10,
        methods: ['chainladder', 'baseline', 'bayes'],
        onBad: 'skip',
        seed: 5,
      }),
    );
    expect(r.status).toBe(200);
    const { warnings, ...api } = (await r.json()) as { warnings: string[] } & Record<string, unknown>;
    const mine = JSON.parse(cli.out) as {
      methods: Array<{ method: string; periods: unknown[] }>;
      reportedAfterNow: number;
    };
    expect(mine.methods.map((m) => m.method)).toEqual(['chainladder', 'baseline', 'bayes']);
    expect(mine.methods[2]!.periods.length).toBeGreaterThan(24);
    expect(mine.reportedAfterNow).toBeGreaterThan(0);
    expect(mine).toEqual(api);
    expect(warnings.some((w) => /skipped 2 bad row/.test(w))).toBe(true);
    expect(warnings).toEqual(warningsOf(cli.err));
  }, 120_000);

  it('a reporting triangle, one method: the single-method shape on both sides', async () => {
    const cli = await sides.cli(['nowcast', TRI, '--triangle', '--method', 'chainladder', '--json']);
    expect(cli.code).toBe(0);
    const r = await sides.api(
      '/api/nowcast',
      postJson({ name: TRI, text: readFileSync(TRI, 'utf8'), triangle: true, methods: ['chainladder'] }),
    );
    expect(r.status).toBe(200);
    const { warnings: _w, ...api } = (await r.json()) as Record<string, unknown>;
    const mine = JSON.parse(cli.out) as { now: string; method: string };
    expect(mine).toMatchObject({ now: '2024-04-30', method: 'chainladder' });
    expect(mine).toEqual(api);
  }, 60_000);

  it('bad input: exit 2 on the CLI, 400 with the same issues from the API; unknown fields are refused', async () => {
    const cli = await sides.cli([
      'nowcast',
      LIST,
      '--event-col',
      'offence',
      '--report-col',
      'verdict',
      '--now',
      now,
      '--json',
    ]);
    expect(cli.code).toBe(2);
    expect(cli.err).toMatch(/line 2.*offence/);
    const r = await sides.api(
      '/api/nowcast',
      postJson({ name: LIST, text: readFileSync(LIST, 'utf8'), eventCol: 'offence', reportCol: 'verdict', now }),
    );
    expect(r.status).toBe(400);
    const body = (await r.json()) as { issues: Array<{ line: number; field?: string }> };
    expect(body.issues.map((i) => i.line)).toEqual([2, 3]);
    expect((await sides.api('/api/nowcast', postJson({ text: 'a,b\n', method: 'bayes' }))).status).toBe(400);
  }, 60_000);

  it('a server that is read-only for anonymous clients asks for a token (the upload scope)', async () => {
    const store = await Store.open({ url: join(dir, 'closed.db') });
    try {
      const app = createApp({ store });
      const r = await app.request('/api/nowcast', postJson({ text: readFileSync(TRI, 'utf8'), triangle: true }));
      expect(r.status).toBe(401);
    } finally {
      await store.close();
    }
  });
});
