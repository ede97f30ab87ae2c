import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import type { Generation } from '../calibrate/abc-smc.ts';
import { parseCalibrationConfig } from '../calibrate/config.ts';
import { calibrate, summarise, type CalibrationResult } from '../calibrate/run.ts';
import { ThreadPoolRunner } from '../jobs/index.ts';
import type { Store } from '../store/index.ts';
import { JobBook } from './job-book.ts';

const DEFAULT_CONFIG = new URL('../../calibration/default.json', import.meta.url).pathname;

/** What the page may ask for: small fits only (the server is shared; `darkfigure calibrate` runs big ones). */
export const CalibrationJobRequest = z.strictObject({
  budget: z.number().int().min(20).max(2000).default(120),
  population: z.number().int().min(10).max(200).default(30),
  agents: z.number().int().min(1000).max(50_000).default(3000),
  seed: z.number().int().min(0).max(2 ** 32 - 1).default(1),
});
export type CalibrationJobRequest = z.output<typeof CalibrationJobRequest>;

export interface CalibrationProgressView {
  /** The generation being filled, the last finished one's tolerance and acceptance rate. */
  generation: number;
  epsilon: number | null;
  acceptanceRate: number | null;
  /** Simulations finished so far, of the budget. */
  jobsDone: number;
  budget: number;
}

export interface CalibrationJobState {
  id: string;
  status: 'running' | 'done' | 'failed';
  request: CalibrationJobRequest;
  started: string;
  progress: CalibrationProgressView;
  error?: string;
  /** The posterior so far (after each generation), and at the end. */
  result?: CalibrationResult;
}

/**
 * Calibrations run in the background: the default calibration file with the page's small budget, the
 * simulations on a worker-thread pool (the ABC-SMC bookkeeping between batches is light), progress after
 * every simulation. Jobs are kept (a few) so that a reloaded page can reattach and read the result.
 */
export class CalibrationJobRegistry {
  private readonly book: JobBook<CalibrationJobState>;

  constructor(private readonly opts: { threads?: number; keep?: number; configFile?: string } = {}) {
    this.book = new JobBook('cal', opts.keep ?? 10);
  }

  start(store: Store, req: CalibrationJobRequest): CalibrationJobState {
    const file = this.opts.configFile ?? DEFAULT_CONFIG;
    const cfg = parseCalibrationConfig(file, JSON.parse(readFileSync(file, 'utf8')));
    cfg.run = { ...cfg.run, budget: req.budget, populationSize: req.population, agents: req.agents, seed: req.seed };
    const { job, signal } = this.book.add((id) => ({ id, status: 'running', request: req, started: new Date().toISOString(), progress: { generation: 0, epsilon: null, acceptanceRate: null, jobsDone: 0, budget: req.budget } }));
    void this.work(job, store, cfg, file, signal);
    return job;
  }

  get(id: string): CalibrationJobState | undefined {
    return this.book.get(id);
  }

  private async work(job: CalibrationJobState, store: Store, cfg: ReturnType<typeof parseCalibrationConfig>, file: string, signal: AbortSignal): Promise<void> {
    // Two threads at least: the simulations must never run on the server's own thread.
    const runner = new ThreadPoolRunner({ threads: Math.max(2, Math.min(this.opts.threads ?? availableParallelism(), 4)) });
    const gens: Generation[] = [];
    let base = 0;
    try {
      const observations = await store.observations();
      const onJobs = (done: number, total: number) => {
        job.progress.jobsDone = base + done;
        if (done === total) base += total;
      };
      for await (const { generation: g, targets } of calibrate(cfg, observations, runner, { file, signal, onJobs })) {
        gens.push(g);
        job.progress = { generation: g.index + 1, epsilon: Number.isFinite(g.epsilon) ? g.epsilon : null, acceptanceRate: g.acceptanceRate, jobsDone: g.totalSimulations, budget: cfg.run.budget };
        // Through JSON once: infinite tolerances become null, as the page will read them.
        job.result = JSON.parse(JSON.stringify(summarise(cfg, targets, gens))) as CalibrationResult;
      }
      if (signal.aborted) throw new Error('stopped');
      if (!job.result) throw new Error('no generation finished');
      job.status = 'done';
    } catch (e) {
      job.status = 'failed';
      job.error = e instanceof Error ? e.message : String(e);
    } finally {
      await runner.close();
      this.book.ended(job.id);
    }
  }

  /** Stop running calibrations (server shutdown). */
  close(): Promise<void> {
    return this.book.close();
  }
}
