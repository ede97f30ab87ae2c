import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimJobView } from '../../src/analyses/job-views.ts';
import { bothSides, postJson } from './harness.ts';

describe('simulate: `simulate --compare --json` holds what a finished POST /api/sim-jobs job holds', () => {
  let sides: Awaited<ReturnType<typeof bothSides>>;
  beforeAll(async () => (sides = await bothSides()));
  afterAll(async () => sides.close());

  it('the same scenarios, runs, agents, seed and dates give the same results', async () => {
    const request = {
      scenarios: ['baseline', 'rotation'],
      runs: 2,
      agents: 2000,
      seed: 7,
      start: '2022-02-24',
      end: '2023-06-30',
    };
    const cli = await sides.cli([
      'simulate',
      '--compare',
      request.scenarios.join(','),
      '--runs',
      '2',
      '--agents',
      '2000',
      '--seed',
      '7',
      '--start',
      request.start,
      '--end',
      request.end,
      '--json',
    ]);
    expect(cli.code).toBe(0);
    const started = await sides.api('/api/sim-jobs', postJson(request));
    expect(started.status).toBe(202);
    const { id } = (await started.json()) as { id: string };
    let job: { status: string; results?: unknown[] };
    do {
      await new Promise((r) => setTimeout(r, 100));
      // The shape the page reads (web/src/views/scenarios.ts), no field more.
      job = SimJobView.strict().parse(await (await sides.api(`/api/sim-jobs/${id}`)).json());
    } while (job.status === 'running');
    expect(job.status).toBe('done');
    const mine = JSON.parse(cli.out) as { results: Array<{ scenario: string; runs: number }> };
    expect(mine.results.map((r) => [r.scenario, r.runs])).toEqual([
      ['baseline', 2],
      ['rotation', 2],
    ]);
    expect(mine.results).toEqual(job.results);
  }, 180_000);

  it('an unknown scenario is bad input on both sides', async () => {
    const cli = await sides.cli(['simulate', '--compare', 'no-such', '--agents', '2000', '--json']);
    expect(cli.code).toBe(2);
    expect(cli.err).toMatch(/unknown scenario/);
    expect((await sides.api('/api/sim-jobs', postJson({ scenarios: ['no-such'] }))).status).toBe(400);
  });
});
