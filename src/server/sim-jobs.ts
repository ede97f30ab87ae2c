import { z } from 'zod';
import { bundledScenarioNames, readScenario } from '../cli/scenario-files.ts';
import { WorkQueue } from '../jobs/work-queue.ts';
import { runEnsemble } from '../sim/ensemble/pool.ts';
import { resolveScenario, type ResolvedScenario } from '../sim/scenario.ts';
import type { RunSummary } from '../sim/summary.ts';
import { addYears, capNumber, type Capped, RunDate } from './caps.ts';
import { type BookedJob, JobBook } from './job-book.ts';
import { summariseScenario, type ScenarioResult } from '../report/scenario-result.ts';

/**
 * What a client may ask for. Bounds here only refuse nonsense; the server's caps (SimCaps) then lower
 * what is too big for a shared server, and the response says so (`capped`). The CLI runs big ensembles.
 */
export const SimJobRequest = z.strictObject({
  scenarios: z.array(z.string().regex(/^[a-z0-9-]+$/)).min(1).max(6),
  runs: z.number().int().min(1).max(10_000).default(2),
  agents: z.number().int().min(1000).max(100_000_000).default(20_000),
  seed: z.number().int().min(0).max(2 ** 32 - 1).default(1),
  start: RunDate.default('2022-02-24'),
  end: RunDate.default('2025-12-31'),
});
export type SimJobRequest = z.output<typeof SimJobRequest>;

/** The most one job may use (none by default: the CLI's own runs; the server passes SERVER_SIM_CAPS). */
export interface SimCaps {
  runs: number;
  agents: number;
  /** Years from start to end. */
  years: number;
}

export const SERVER_SIM_CAPS: SimCaps = { runs: 8, agents: 50_000, years: 8 };
const NO_CAPS: SimCaps = { runs: Number.POSITIVE_INFINITY, agents: Number.POSITIVE_INFINITY, years: Number.POSITIVE_INFINITY };

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
  constructor(private readonly opts: { threads?: number; keep?: number; queue?: WorkQueue; caps?: Partial<SimCaps>; abandonAfterMs?: number } = {}) {
    this.book = new JobBook('sim', opts.keep ?? 20, opts.abandonAfterMs);
    this.queue = opts.queue ?? new WorkQueue({ concurrency: opts.threads });
    this.caps = { ...NO_CAPS, ...opts.caps };
  }

  /**
   * Check the request (bad scenario names are the caller's fault), cap it, and queue the job; returns its
   * state. Throws RangeError for a bad request, QueueFullError / QuotaError when it cannot be queued.
   */
  start(asked: SimJobRequest, owner: JobOwner = { id: 'local' }): SimJobState {
    const known = new Set(bundledScenarioNames());
    const unknown = asked.scenarios.filter((s) => !known.has(s));
    if (unknown.length) throw new RangeError(`unknown scenario(s): ${unknown.join(', ')}; bundled ones: ${[...known].join(', ')}`);
    if (asked.end < asked.start) throw new RangeError(`the run ends (${asked.end}) before it starts (${asked.start})`);
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
    const resolved = req.scenarios.map((name) => {
      const { json, file } = readScenario(name);
      try {
        return resolveScenario(json, file, req.start, req.end);
      } catch (e) {
        throw new RangeError((e as Error).message);
      }
    });
    const job: SimJobState = { id: this.book.newId(), status: 'running', request: req, ...(Object.keys(capped).length ? { capped } : {}), done: 0, total: req.runs * req.scenarios.length, started: new Date().toISOString() };
    const submitted = this.queue.submit({ owner: owner.id, maxForOwner: owner.maxJobs, weight, signal: owner.signal, run: (signal) => this.work(job, resolved, weight, signal) });
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

  private async work(job: SimJobState, scenarios: ResolvedScenario[], weight: number, signal: AbortSignal): Promise<ScenarioResult[]> {
    const r = job.request;
    // Two threads at least: runEnsemble runs one thread in-process, which would block the server.
    const threads = Math.max(2, weight);
    const results: ScenarioResult[] = [];
    for (const [i, scenario] of scenarios.entries()) {
      const name = r.scenarios[i];
      const base = job.done;
      const out = await runEnsemble({ seed: r.seed, agents: r.agents, start: r.start, end: r.end, scenario }, {
        runs: r.runs,
        threads,
        signal,
        onRunDone: (done) => (job.done = base + done),
      });
      if (out.stopped || signal.aborted) throw new Error('stopped');
      results.push(summariseScenario(name, out.summaries as RunSummary[]));
    }
    return results;
  }

  /** Stop running jobs (server shutdown). */
  async close(): Promise<void> {
    await this.book.close();
    if (!this.opts.queue) await this.queue.close();
  }
}
