import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueRunner, ThreadPoolRunner, type JobSpec } from '../../src/jobs/index.ts';
import { REDIS_URL, services } from '../support/services.ts';

const BIN = new URL('../../bin/darkfigure.js', import.meta.url).pathname;
const REDIS = REDIS_URL;

// Model runs (small) mixed with hash jobs that sleep, so a worker is certainly mid-job when killed.
const simJob = (i: number): JobSpec => ({
  id: `s${i}`,
  kind: 'sim.calibrate',
  payload: {
    theta: { 'hazard.onLeave': 0.002 + 0.001 * i },
    seed: 77 + i,
    agents: 1000,
    start: '2022-02-24',
    end: '2022-12-31',
    force: 300_000,
    summaries: ['flow:casesReceived:2022-03-01:2022-12-31', 'flow:awolFirst:2022-03-01:2022-12-31'],
  },
});
const jobs = (n: number, sleepMs = 0): JobSpec[] => [
  ...Array.from({ length: n }, (_, i) => ({
    id: `j${i}`,
    kind: 'selftest.hash',
    payload: { seed: 1000 + i, iterations: 20_000 + i, sleepMs },
  })),
  ...Array.from({ length: 4 }, (_, i) => simJob(i)),
];

function startWorker(queue: string, log: string[]): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [BIN, 'worker', '--redis', REDIS, '--queue', queue, '--lock-ms', '1500'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    p.stdout!.on('data', (b: Buffer) => {
      if (b.toString().includes('serving queue')) resolve(p);
    });
    p.stderr!.on('data', (b: Buffer) => log.push(`${p.pid}: ${b.toString()}`));
    p.on('error', reject);
    p.on('exit', (code) => reject(new Error(`worker exited early with ${code}`)));
  });
}

describe('job runners', () => {
  let reference: unknown[];
  beforeAll(async () => {
    const pool = new ThreadPoolRunner({ threads: 2 });
    try {
      reference = (await pool.run(jobs(12))).map((o) => o.result);
    } finally {
      await pool.close();
    }
  });

  it('the thread pool gives the same results whatever the thread count, with progress', async () => {
    const one = new ThreadPoolRunner({ threads: 1 });
    const seen: number[] = [];
    try {
      const out = await one.run(jobs(12), { onProgress: (p) => seen.push(p.done) });
      expect(out.map((o) => o.result)).toEqual(reference);
      expect(out.every((o) => o.ok)).toBe(true);
      expect(seen.at(-1)).toBe(16);
    } finally {
      await one.close();
    }
    // and the results are not trivially equal: different seeds, different checksums
    expect(new Set(reference.slice(0, 12).map((r) => (r as { checksum: number }).checksum)).size).toBe(12);
    // the model runs differ with their parameters, and are real runs (cases and AWOL counted)
    const sims = reference.slice(12) as Array<{ summaries: Record<string, number> }>;
    expect(new Set(sims.map((r) => r.summaries['flow:awolFirst:2022-03-01:2022-12-31'])).size).toBeGreaterThan(1);
  });

  it('a job of unknown kind fails alone, the rest complete', async () => {
    const pool = new ThreadPoolRunner({ threads: 1 });
    try {
      const out = await pool.run([...jobs(2), { id: 'bad', kind: 'no.such', payload: {} }]);
      expect(out.map((o) => o.ok)).toEqual([true, true, true, true, true, true, false]);
      expect(out[6]!.error).toMatch(/no handler/);
    } finally {
      await pool.close();
    }
  });

  describe.skipIf(!services().redis)('on Redis with two worker processes', () => {
    const queue = `darkfigure-test-${process.pid}-${Date.now()}`;
    const log: string[] = [];
    let workers: ChildProcess[] = [];
    let runner: QueueRunner;
    beforeAll(async () => {
      workers = await Promise.all([startWorker(queue, log), startWorker(queue, log)]);
      runner = new QueueRunner({ redis: REDIS, queue });
    });
    afterAll(async () => {
      await runner?.close();
      for (const w of workers) w.kill('SIGKILL');
    });

    it('runs a batch, survives a worker killed mid-job, and matches the single-machine results', async () => {
      const killed: number[] = [];
      // Each job sleeps 300 ms, so the first worker is certainly inside a job when it is killed.
      const batch = jobs(12, 300);
      const started = runner.run(batch);
      await new Promise((r) => setTimeout(r, 700));
      const victim = workers[0]!;
      const startedByVictim = log.some((l) => l.startsWith(`${victim.pid}:`) && l.includes('started'));
      victim.kill('SIGKILL');
      killed.push(victim.pid!);
      const out = await started;
      expect(startedByVictim).toBe(true);
      expect(out.every((o) => o.ok)).toBe(true);
      expect(out.map((o) => o.result)).toEqual(reference);
      // the survivor ran the jobs the dead worker left behind
      const survivor = workers[1]!.pid;
      expect(log.filter((l) => l.startsWith(`${survivor}:`) && l.includes('completed')).length).toBeGreaterThan(0);
    }, 90_000);
  });
});
