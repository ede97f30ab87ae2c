// Calibration throughput: simulations per hour for the default calibration's simulation size,
// on one core, on the worker-thread pool (all cores), and on a Redis queue with one and two
// `darkfigure worker` processes. Reference: simulation-methods.md §3.1 budgets ~1,400 runs/hour
// (2.5 s per run on 2 cores) as what makes ABC-SMC practical here.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { QueueRunner, runHandler, ThreadPoolRunner, type JobSpec, type Runner } from '../src/jobs/index.ts';

const cfg = JSON.parse(readFileSync(new URL('../calibration/default.json', import.meta.url), 'utf8'));
const N = Number(process.env.JOBS ?? 8);
const REDIS = process.env.REDIS ?? 'redis://127.0.0.1:6379';
const REFERENCE_PER_HOUR = 1400;
const summaries = cfg.targets.map((t: { summary: string }) => t.summary);
const jobs: JobSpec[] = Array.from({ length: N }, (_, i) => ({
  id: `b${i}`,
  kind: 'sim.calibrate',
  payload: {
    theta: {},
    seed: 100 + i,
    agents: cfg.run.agents,
    start: cfg.run.start,
    end: cfg.run.end,
    force: cfg.run.force,
    summaries,
  },
}));

const perHour = (n: number, s: number) => Math.round((n / s) * 3600);
const line = (label: string, n: number, s: number) =>
  console.log(
    `${label.padEnd(34)} ${s.toFixed(1).padStart(6)} s for ${n} runs = ${perHour(n, s).toLocaleString('en-US').padStart(6)} sims/hour (reference ${REFERENCE_PER_HOUR}/h, ratio ${(perHour(n, s) / REFERENCE_PER_HOUR).toFixed(2)})`,
  );

async function timed(runner: Runner): Promise<number> {
  const t0 = performance.now();
  const out = await runner.run(jobs);
  if (out.some((o) => !o.ok)) throw new Error(out.find((o) => !o.ok)!.error);
  return (performance.now() - t0) / 1000;
}

function startWorker(queue: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['bin/darkfigure.js', 'worker', '--redis', REDIS, '--queue', queue, '--quiet'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    p.stdout!.on('data', (b: Buffer) => b.toString().includes('serving') && resolve(p));
    p.on('error', reject);
  });
}

console.log(
  `calibration simulations: ${cfg.run.agents.toLocaleString('en-US')} agents, ${cfg.run.start} to ${cfg.run.end}; ${N} runs per measurement; ${availableParallelism()} cores`,
);
{
  const t0 = performance.now();
  for (const j of jobs.slice(0, Math.max(2, N / 4))) await runHandler(j.kind, j.payload);
  line('one core (in process)', Math.max(2, N / 4), (performance.now() - t0) / 1000);
}
{
  const pool = new ThreadPoolRunner();
  await pool.run(jobs.slice(0, 2)); // warm the threads (tsx load)
  line(`thread pool (${availableParallelism()} threads)`, N, await timed(pool));
  await pool.close();
}
for (const workers of [1, 2]) {
  const queue = `darkfigure-bench-${process.pid}-${workers}`;
  const procs = await Promise.all(Array.from({ length: workers }, () => startWorker(queue)));
  const runner = new QueueRunner({ redis: REDIS, queue });
  try {
    line(`redis queue, ${workers} worker process(es)`, N, await timed(runner));
  } finally {
    await runner.close();
    for (const p of procs) p.kill('SIGTERM');
  }
}
