import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportViewResult } from '../../src/analyses/report-view.ts';
import { bothSides, postJson } from './harness.ts';

const KOREA = new URL('../fixtures/reference/mse/korea.json', import.meta.url).pathname;

describe('report views: `report --view-json` is what GET /api/view/<view> answers', () => {
  let sides: Awaited<ReturnType<typeof bothSides>>;
  beforeAll(async () => (sides = await bothSides({ bundled: true })));
  afterAll(async () => sides.close());

  const both = async (args: string[], path: string) => {
    const cli = await sides.cli(['report', ...args, '--view-json']);
    expect(cli.code, cli.err).toBe(0);
    const r = await sides.api(path);
    expect(r.status).toBe(200);
    const mine = ReportViewResult.parse(JSON.parse(cli.out));
    expect(mine).toEqual(await r.json());
    return mine;
  };

  it('the overview and one series: the same charts, rows and headlines', async () => {
    const overview = await both(['--view', 'overview'], '/api/view/overview');
    expect(overview.view).toBe('overview');
    expect(overview.charts.length).toBeGreaterThan(0);
    expect(overview.charts[0]!.rows.length).toBeGreaterThan(0);
    const id = (await sides.store.listSeries())[0]!.id;
    const series = await both(['--view', 'series', '--series', id], `/api/view/series?series=${id}`);
    expect(series.charts).toHaveLength(1);
  }, 120_000);

  it('the court view by method, and one chart of it', async () => {
    const court = await both(['--view', 'court', '--method', 'chainladder'], '/api/view/court?method=chainladder');
    expect(court.charts.map((c) => c.id)).toContain('court-nowcast');
    const one = await both(
      ['--view', 'court', '--method', 'chainladder', '--chart', 'court-nowcast'],
      '/api/view/court?method=chainladder&chart=court-nowcast',
    );
    expect(one.charts.map((c) => c.id)).toEqual(['court-nowcast']);
    expect(one.charts[0]!.rows).toHaveLength(34);
  }, 120_000);

  it('capture–recapture: the CLI on the file equals the API on the uploaded result', async () => {
    const r = await sides.api(
      '/api/mse',
      postJson({ kind: 'upload', name: KOREA, text: readFileSync(KOREA, 'utf8'), seed: 3 }),
    );
    expect(r.status).toBe(200);
    const { id } = (await r.json()) as { id: string };
    const mse = await both(['--view', 'mse', '--input', KOREA, '--seed', '3'], `/api/view/mse?result=${id}`);
    expect(mse.charts.length).toBeGreaterThan(0);
  }, 180_000);

  it('refusals: an unknown series or chart is exit 2 / 404, a bad method exit 2 / 400, a missing result 400', async () => {
    expect((await sides.cli(['report', '--view', 'series', '--series', 'no.such', '--view-json'])).code).toBe(2);
    expect((await sides.api('/api/view/series?series=no.such')).status).toBe(404);
    expect(
      (await sides.cli(['report', '--view', 'court', '--method', 'chainladder', '--chart', 'nope', '--view-json']))
        .code,
    ).toBe(2);
    expect((await sides.api('/api/view/court?method=chainladder&chart=nope')).status).toBe(404);
    expect((await sides.cli(['report', '--view', 'court', '--method', 'magic', '--view-json'])).code).toBe(2);
    expect((await sides.api('/api/view/court?method=magic')).status).toBe(400);
    expect((await sides.api('/api/view/mse')).status).toBe(400);
    expect((await sides.api('/api/view/nowhere')).status).toBe(404);
    expect((await sides.cli(['report', '--view', 'overview'])).code).toBe(2);
  }, 120_000);
});
