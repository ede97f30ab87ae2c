import {
  checkSimulateRequest,
  type ResolvedScenario,
  resolveSimulateRequest,
  runSimulate,
  type ScenarioResult,
  SimulateRequest,
} from '../analyses/index.ts';
import { WorkQueue } from '../jobs/index.ts';
import { addYears, capNumber, type Capped } from './caps.ts';
import { type BookedJob, JobBook } from './job-book.ts';

/**
 * What a client may ask for: the simulate analysis's request (src/analyses/simulate.ts). The server's
 * caps (SimCaps) then lower what is too big for a shared server, and the response says so (`capped`).
 */
export const SimJobRequest = SimulateRequest;
export type SimJobRequest = SimulateRequest;

/** The most one job may use (none by default: the CLI's own runs; the server passes SERVER_SIM_CAPS). */
export interface SimCaps {
  runs: number;
  agents: number;
  /** Years from start to end. */
  years: number;
}

export const SERVER_SIM_CAPS: SimCaps = { runs: 8, agents: 50_000, years: 8 };
const NO_CAPS: SimCaps = {
  runs: Number.POSITIVE_INFINITY,
  agents: Number.POSITIVE_INFINITY,
  years: Number.POSITIVE_INFINITY,
};

/** How long a server job may go unpolled before it counts as abandoned (its client went away). */
export const SERVER_JOB_LEASE_MS = 60_000;

export interface SimJobState extends BookedJob {
  request: SimJobRequest;
  /** What the server lowered, asked and used (absent when nothing was). */
  capped?: Capped;
  done: number;
  total: number;
  started: string;
  results?: ScenarioResult[];
}

/** Who starts a job: the owner's id (a token id, or "local") and how many jobs it may have at once. */
export interface JobOwner {
  id: string;
  maxJobs?: number;
  /** Aborts the job (e.g. the client went away before it was accepted). */
  signal?: AbortSignal;
}

/**
 * Background simulation jobs by id. Each job waits its turn in the server's work queue, then runs its
 * scenarios' ensembles on worker threads (as many as the queue gave it), so the event loop keeps
 * answering. Finished jobs are kept (a few) so that a reloaded page can reattach and read the result.
 */
export class SimJobRegistry {
  private readonly book: JobBook<SimJobState>;
  readonly queue: WorkQueue;
  private readonly caps: SimCaps;

  /**
   * `caps` and `abandonAfterMs` (a job nobody reads for that long is cancelled) apply to a shared
   * server; without them, as for the CLI's own runs, nothing is capped and nothing is abandoned.
   */
  constructor(
    private readonly opts: {
      threads?: number;
      keep?: number;
      queue?: WorkQueue;
      caps?: Partial<SimCaps>;
      abandonAfterMs?: number;
    } = {},
  ) {
    this.book = new JobBook('sim', opts.keep ?? 20, opts.abandonAfterMs);
    this.queue = opts.queue ?? new WorkQueue({ concurrency: opts.threads });
    this.caps = { ...NO_CAPS, ...opts.caps };
  }

  /**
   * Check the request (bad scenario names are the caller's fault), cap it, and queue the job; returns its
   * state. Throws RangeError for a bad request, QueueFullError / QuotaError when it cannot be queued.
   */
  start(asked: SimJobRequest, owner: JobOwner = { id: 'local' }): SimJobState {
    checkSimulateRequest(asked);
    const req = { ...asked };
    const capped: Capped = {};
    capNumber(req, 'runs', this.caps.runs, capped);
    capNumber(req, 'agents', this.caps.agents, capped);
    const lastDay = Number.isFinite(this.caps.years) ? addYears(req.start, this.caps.years) : req.end;
    if (req.end > lastDay) {
      capped.end = { asked: req.end, used: lastDay };
      req.end = lastDay;
    }
    // A job runs its runs on up to `weight` threads; the queue lets at most `concurrency` threads' worth run at once.
    const weight = Math.min(this.queue.concurrency, req.runs);
    // Refused now if it cannot be queued, before the scenarios are read and resolved (a flood costs little).
    this.queue.check({ owner: owner.id, maxForOwner: owner.maxJobs, weight });
    // Resolve every scenario now, so that one which does not fit the dates is refused at once (a 400), not a failed job.
    const resolved = resolveSimulateRequest(req);
    const job: SimJobState = {
      id: this.book.newId(),
      status: 'running',
      request: req,
      ...(Object.keys(capped).length ? { capped } : {}),
      done: 0,
      total: req.runs * req.scenarios.length,
      started: new Date().toISOString(),
    };
    const submitted = this.queue.submit({
      owner: owner.id,
      maxForOwner: owner.maxJobs,
      weight,
      signal: owner.signal,
      run: (signal) => this.work(job, resolved, weight, signal),
    });
    this.book.add(job, owner.id, submitted, (results) => (job.results = results));
    return job;
  }

  get(id: string): SimJobState | undefined {
    return this.book.get(id);
  }

  queueState(id: string) {
    return this.book.queueState(id);
  }

  cancel(id: string, owner: string) {
    return this.book.cancel(id, owner);
  }

  private work(
    job: SimJobState,
    resolved: ResolvedScenario[],
    weight: number,
    signal: AbortSignal,
  ): Promise<ScenarioResult[]> {
    // Two threads at least: an ensemble on one thread runs in-process, which would block the server.
    return runSimulate(
      { threads: Math.max(2, weight), signal, resolved, onProgress: (done) => (job.done = done) },
      job.request,
    );
  }

  /** Stop running jobs (server shutdown). */
  async close(): Promise<void> {
    await this.book.close();
    if (!this.opts.queue) await this.queue.close();
  }
}
