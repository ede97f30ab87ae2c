import {
  CalibrationRequest,
  type CalibrationConfig,
  type CalibrationResult,
  configFor,
  DEFAULT_CALIBRATION_FILE,
  runCalibration,
} from '../analyses/index.ts';
import { ThreadPoolRunner, WorkQueue } from '../jobs/index.ts';
import type { Store } from '../store/index.ts';
import { capNumber, type Capped } from './caps.ts';
import { type BookedJob, JobBook } from './job-book.ts';
import type { JobOwner } from './sim-jobs.ts';

/**
 * What a client may ask for: the calibrate analysis's request (src/analyses/calibrate.ts). The server's
 * caps then lower what is too big for a shared server, and the response says so (`capped`).
 */
export const CalibrationJobRequest = CalibrationRequest;
export type CalibrationJobRequest = CalibrationRequest;

export interface CalibrationProgressView {
  /** The generation being filled, the last finished one's tolerance and acceptance rate. */
  generation: number;
  epsilon: number | null;
  acceptanceRate: number | null;
  /** Simulations finished so far, of the budget. */
  jobsDone: number;
  budget: number;
}

/** The most one calibration may use on the server. */
export interface CalibrationCaps {
  budget: number;
  population: number;
  agents: number;
}

export const SERVER_CALIBRATION_CAPS: CalibrationCaps = { budget: 2000, population: 200, agents: 20_000 };

export interface CalibrationJobState extends BookedJob {
  request: CalibrationJobRequest;
  /** What the server lowered, asked and used (absent when nothing was). */
  capped?: Capped;
  started: string;
  progress: CalibrationProgressView;
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
  readonly queue: WorkQueue;
  private readonly caps: CalibrationCaps;

  constructor(
    private readonly opts: {
      threads?: number;
      keep?: number;
      configFile?: string;
      queue?: WorkQueue;
      caps?: Partial<CalibrationCaps>;
      abandonAfterMs?: number;
    } = {},
  ) {
    this.book = new JobBook('cal', opts.keep ?? 10, opts.abandonAfterMs);
    this.queue = opts.queue ?? new WorkQueue({ concurrency: opts.threads });
    // Uncapped unless told (the server passes SERVER_CALIBRATION_CAPS and a lease, see SimJobRegistry).
    this.caps = {
      budget: Number.POSITIVE_INFINITY,
      population: Number.POSITIVE_INFINITY,
      agents: Number.POSITIVE_INFINITY,
      ...opts.caps,
    };
  }

  /** Caps the request and queues the fit; throws QueueFullError / QuotaError when it cannot be queued. */
  start(store: Store, asked: CalibrationJobRequest, owner: JobOwner = { id: 'local' }): CalibrationJobState {
    const req = { ...asked };
    const capped: Capped = {};
    capNumber(req, 'budget', this.caps.budget, capped);
    capNumber(req, 'population', this.caps.population, capped);
    capNumber(req, 'agents', this.caps.agents, capped);
    const file = this.opts.configFile ?? DEFAULT_CALIBRATION_FILE;
    const cfg = configFor(req, file);
    const job: CalibrationJobState = {
      id: this.book.newId(),
      status: 'running',
      request: req,
      ...(Object.keys(capped).length ? { capped } : {}),
      started: new Date().toISOString(),
      progress: { generation: 0, epsilon: null, acceptanceRate: null, jobsDone: 0, budget: req.budget },
    };
    const weight = Math.min(this.queue.concurrency, 4);
    const submitted = this.queue.submit({
      owner: owner.id,
      maxForOwner: owner.maxJobs,
      weight,
      signal: owner.signal,
      run: (signal) => this.work(job, store, cfg, file, weight, signal),
    });
    // The posterior is stored on the job as each generation ends; nothing more to keep at the end.
    this.book.add(job, owner.id, submitted, () => undefined);
    return job;
  }

  get(id: string): CalibrationJobState | undefined {
    return this.book.get(id);
  }

  queueState(id: string) {
    return this.book.queueState(id);
  }

  cancel(id: string, owner: string) {
    return this.book.cancel(id, owner);
  }

  private async work(
    job: CalibrationJobState,
    store: Store,
    cfg: CalibrationConfig,
    file: string,
    weight: number,
    signal: AbortSignal,
  ): Promise<void> {
    // Two threads at least: the simulations must never run on the server's own thread.
    const runner = new ThreadPoolRunner({ threads: Math.max(2, weight) });
    let base = 0;
    try {
      const onJobs = (done: number, total: number) => {
        job.progress.jobsDone = base + done;
        if (done === total) base += total;
      };
      for await (const { generation: g, result } of runCalibration({ store, runner, signal, onJobs }, cfg, file)) {
        job.progress = {
          generation: g.index + 1,
          epsilon: Number.isFinite(g.epsilon) ? g.epsilon : null,
          acceptanceRate: g.acceptanceRate,
          jobsDone: g.totalSimulations,
          budget: cfg.run.budget,
        };
        job.result = result;
      }
      if (signal.aborted) throw new Error('stopped');
      if (!job.result) throw new Error('no generation finished');
    } finally {
      await runner.close();
    }
  }

  /** Stop running calibrations (server shutdown). */
  async close(): Promise<void> {
    await this.book.close();
    if (!this.opts.queue) await this.queue.close();
  }
}
