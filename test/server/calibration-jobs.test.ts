import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundled } from '../../src/ingest/bundled.ts';
import { createApp } from '../../src/server/app.ts';
import { CalibrationJobRegistry } from '../../src/server/calibration-jobs.ts';
import { freshStore, type TestStore } from '../support/stores.ts';

const DATA = new URL('../../data/', import.meta.url).pathname;
const CONFIG = JSON.parse(readFileSync(new URL('../../calibration/default.json', import.meta.url), 'utf8')) as {
  targets: Array<{ id: string }>;
};

interface Job {
  id: string;
  status: string;
  progress: { generation: number; jobsDone: number; budget: number };
  result?: {
    predictive: Array<{ target: string }>;
    unseen: { months: string[]; series: Record<string, unknown[]> };
    generations: unknown[];
  };
}

describe('calibration jobs: POST starts a small fit in the background, GET polls it', () => {
  let ts: TestStore;
  const jobs = new CalibrationJobRegistry({ threads: 2 });
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    ts = await freshStore('sqlite');
    await loadBundled(ts.store, DATA);
    app = createApp({ store: ts.store, calibrationJobs: jobs, access: { open: true } });
  }, 60_000);
  afterAll(async () => {
    await jobs.close();
    await ts.cleanup();
  });

  const post = (body: unknown) =>
    app.request('/api/calibration-jobs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('refuses a fit too large for the page, and unknown fields', async () => {
    expect((await post({ budget: 1_000_000 })).status).toBe(400);
    expect((await post({ budget: 40, threads: 64 })).status).toBe(400);
    expect((await app.request('/api/calibration-jobs/nope')).status).toBe(404);
  });

  it('runs to the budget with progress, then serves the posterior: every target checked, the unseen totals by month', async () => {
    const started = (await (await post({ budget: 20, population: 10, agents: 1000 })).json()) as Job;
    expect(started.status).toBe('running');
    let job = started;
    const seen: number[] = [];
    while (job.status === 'running') {
      await new Promise((r) => setTimeout(r, 200));
      job = (await (await app.request(`/api/calibration-jobs/${started.id}`)).json()) as Job;
      seen.push(job.progress.jobsDone);
    }
    expect(job.status).toBe('done');
    expect(job.progress.jobsDone).toBe(20);
    // Progress never goes back.
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(job.result!.predictive.map((p) => p.target)).toEqual(CONFIG.targets.map((t) => t.id));
    expect(Object.keys(job.result!.unseen.series).sort()).toEqual([
      'awolEver',
      'desertedAbroad',
      'returnedWithoutCase',
    ]);
    const svg = await (
      await app.request(`/api/chart/calibration.svg?job=${started.id}&chart=calibration-predictive`)
    ).text();
    for (const t of CONFIG.targets) expect(svg).toContain(t.id);
  }, 120_000);
});
