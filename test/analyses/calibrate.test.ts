import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CalibrationJobView } from '../../src/analyses/job-views.ts';
import { bothSides, postJson } from './harness.ts';

describe('calibrate: `calibrate --json` is the posterior a finished POST /api/calibration-jobs job holds', () => {
  let sides: Awaited<ReturnType<typeof bothSides>>;
  const out = mkdtempSync(join(tmpdir(), 'darkfigure-cal-'));
  beforeAll(async () => (sides = await bothSides({ bundled: true })));
  afterAll(async () => {
    await sides.close();
    rmSync(out, { recursive: true, force: true });
  });

  it('the same budget, population, agents and seed on the same figures give the same posterior', async () => {
    const request = { budget: 30, population: 10, agents: 1000, seed: 4 };
    const cli = await sides.cli([
      'calibrate',
      '--budget',
      '30',
      '--population',
      '10',
      '--agents',
      '1000',
      '--seed',
      '4',
      '--threads',
      '2',
      '--out',
      out,
      '--json',
    ]);
    expect(cli.code, cli.err).toBe(0);
    const started = await sides.api('/api/calibration-jobs', postJson(request));
    expect(started.status).toBe(202);
    const { id } = (await started.json()) as { id: string };
    let job: { status: string; result?: unknown; error?: string };
    do {
      await new Promise((r) => setTimeout(r, 100));
      // The shape the page reads (web/src/views/calibration.ts), no field more.
      job = CalibrationJobView.strict().parse(await (await sides.api(`/api/calibration-jobs/${id}`)).json());
    } while (job.status === 'running');
    expect(job.status, job.error).toBe('done');
    const mine = JSON.parse(cli.out) as { generations: unknown[]; parameters: Record<string, unknown> };
    expect(mine.generations.length).toBeGreaterThan(0);
    expect(Object.keys(mine.parameters).length).toBeGreaterThan(0);
    expect(mine).toEqual(job.result);
  }, 300_000);
});
