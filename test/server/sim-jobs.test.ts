import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundled } from '../../src/ingest/bundled.ts';
import { createApp } from '../../src/server/app.ts';
import { SimJobRegistry } from '../../src/server/sim-jobs.ts';
import { summariseScenario } from '../../src/report/scenario-result.ts';
import { comparators, scenarioCharts } from '../../src/report/scenarios.ts';
import type { RunSummary } from '../../src/sim/summary.ts';
import { freshStore, type TestStore } from '../support/stores.ts';

const MINI = new URL('../fixtures/mini/', import.meta.url).pathname;

interface Job {
  id: string;
  status: string;
  done: number;
  total: number;
  results?: Array<{
    scenario: string;
    runs: number;
    fan: Array<{ x: string; median: number; lo50: number; hi50: number; lo90: number; hi90: number }>;
    flows: Array<{ from: string; to: string; value: number }>;
    share: { median: number; lo90: number; hi90: number };
  }>;
}

describe('scenario jobs: POST starts an ensemble in the background, GET polls it', () => {
  let ts: TestStore;
  let app: ReturnType<typeof createApp>;
  const jobs = new SimJobRegistry({ threads: 2 });

  beforeAll(async () => {
    ts = await freshStore('sqlite');
    await loadBundled(ts.store, MINI);
    app = createApp({ store: ts.store, simJobs: jobs, access: { open: true } });
  });
  afterAll(async () => {
    await jobs.close();
    await ts.cleanup();
  });

  const post = (body: unknown) =>
    app.request('/api/sim-jobs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('lists the bundled scenarios with descriptions', async () => {
    const r = (await (await app.request('/api/scenarios')).json()) as {
      scenarios: Array<{ name: string; description: string }>;
    };
    expect(r.scenarios.map((s) => s.name)).toContain('baseline');
    expect(r.scenarios.every((s) => s.description.length > 0)).toBe(true);
  });

  it('refuses bad requests and unknown scenarios; unknown job ids are 404', async () => {
    expect((await post({ scenarios: [] })).status).toBe(400);
    expect((await post({ scenarios: ['baseline'], runs: 0 })).status).toBe(400);
    expect((await post({ scenarios: ['baseline'], agents: 10 })).status).toBe(400);
    const unknown = await post({ scenarios: ['no-such-scenario'] });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: string }).error).toContain('no-such-scenario');
    expect((await app.request('/api/sim-jobs/sim-nope')).status).toBe(404);
    // rotation starts in March 2023: a run that ends before is refused before anything starts.
    const early = await post({ scenarios: ['rotation'], end: '2022-12-31' });
    expect(early.status).toBe(400);
    expect(((await early.json()) as { error: string }).error).toContain('outside the run');
  });

  it('runs two scenarios off the event loop, reports progress, and returns fans that nest', async () => {
    const started = await post({
      scenarios: ['baseline', 'rotation'],
      runs: 2,
      agents: 3000,
      start: '2022-02-24',
      end: '2023-06-30',
    });
    expect(started.status).toBe(202);
    const job = (await started.json()) as Job;
    expect(job).toMatchObject({ status: 'running', total: 4 });
    // The server keeps answering while the job runs.
    let answeredWhileRunning = false;
    let last: Job = job;
    const seen = new Set<number>();
    while (last.status === 'running') {
      const health = await app.request('/api/health');
      last = (await (await app.request(`/api/sim-jobs/${job.id}`)).json()) as Job;
      if (health.status === 200 && last.status === 'running') answeredWhileRunning = true;
      seen.add(last.done);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(last.status, (last as { error?: string }).error).toBe('done');
    expect(answeredWhileRunning).toBe(true);
    expect(last.done).toBe(4);
    expect([...seen].every((d) => d >= 0 && d <= 4)).toBe(true);
    const res = last.results!;
    expect(res.map((r) => r.scenario)).toEqual(['baseline', 'rotation']);
    for (const r of res) {
      expect(r.runs).toBe(2);
      expect(r.fan.map((p) => p.x)).toHaveLength(17); // Feb 2022 – Jun 2023
      for (const p of r.fan)
        expect(p.lo90 <= p.lo50 && p.lo50 <= p.median && p.median <= p.hi50 && p.hi50 <= p.hi90).toBe(true);
      expect(r.share.median).toBeGreaterThan(0);
      expect(r.share.median).toBeLessThan(100);
      const awol = r.flows.find((f) => f.to === 'AWOL')!.value;
      expect(awol).toBeGreaterThan(0);
      expect(r.flows.find((f) => f.to === 'Abroad')!.value).toBeLessThanOrEqual(awol);
    }
  }, 60_000);
});

describe('scenario results and charts', () => {
  const run = (i: number, awol: number[]): RunSummary => ({
    run: i,
    seed: i,
    months: ['2022-02', '2022-03', '2022-04'],
    totals: {
      awolEver: 100 + i,
      desertedAbroad: 10,
      surrendered: 1,
      refused: 5,
      caught: 20,
      returnedWithoutCase: 30,
      casesReceived: 15,
      verdicts: 10,
      ngoRequests: 3,
      killed: 40,
      strength: 900,
    },
    monthly: {
      'truth.awolFirst': awol,
      'truth.persons': [1000, 1000, 1000],
      'truth.front': [800, 800, 800],
      'truth.onLeave': [5, 5, 5],
      'truth.prisonVerdicts': [1, 2, 3],
      'truth.suspendedVerdicts': [0, 1, 0],
    },
  });

  it('reduces runs to quantile bands, median totals and the AWOL share', () => {
    const runs = [0, 1, 2, 3, 4].map((i) => run(i, [i, 10 * i, 2]));
    const r = summariseScenario('x', runs);
    expect(r.fan[1]).toEqual({ x: '2022-03', median: 20, lo50: 10, hi50: 30, lo90: 2, hi90: 38 });
    expect(r.fan[2]!.median).toBe(2);
    expect(r.share.median).toBeCloseTo(10.2, 10); // (100 + 2) / 1000
    expect(r.flows.find((f) => f.to === 'Prison')!.value).toBe(6);
    expect(() => summariseScenario('x', [])).toThrow(/no finished runs/);
  });

  it('draws one fan per scenario, a Sankey, and the shares; the historical comparators are picked from the data but kept off the model axis', () => {
    const a = summariseScenario('a', [run(0, [1, 2, 3]), run(1, [2, 3, 4])]);
    const b = summariseScenario('b', [run(0, [3, 2, 1]), run(1, [4, 3, 2])]);
    const data = {
      series: [],
      sources: [{ id: 's', organisation: 'Org' } as never],
      observations: [
        {
          id: 'w',
          seriesId: 'hist.desertion_rate',
          sourceId: 's',
          scope: 'Germany WWII',
          value: 2,
          qualifier: '=',
        } as never,
        {
          id: 'l',
          seriesId: 'hist.high_desertion_threshold',
          sourceId: 's',
          scope: 'Project Mars',
          value: 10,
          qualifier: '>',
        } as never,
        { id: 'y', seriesId: 'hist.desertion_rate', sourceId: 's', scope: 'Syria', value: 33, qualifier: '~' } as never,
      ],
    };
    const [fan, sankey, share] = scenarioCharts([a, b], data);
    if (!fan || !sankey || !share) throw new Error('expected three charts');
    expect(fan.points).toEqual({ a: 3, b: 3 });
    expect((fan.option.series as unknown[]).length).toBe(10); // 4 band edges + median, per scenario
    expect(sankey.points.links).toBe(a.flows.filter((f) => f.value > 0).length);
    // Comparators count desertion under other definitions: listed apart, not drawn on the share axis.
    expect(comparators(data as never).map((c) => c.value)).toEqual([2, 10]);
    expect((share.option.series as Array<{ markLine?: unknown }>)[0]!.markLine).toBeUndefined();
    expect(share.rows.map((r) => r.scenario)).toEqual(['a', 'b']);
  });
});
