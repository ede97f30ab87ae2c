import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { bundledScenarioNames, readScenario } from '../cli/scenario-files.ts';
import { runEnsemble } from '../sim/ensemble/pool.ts';
import { resolveScenario, type ResolvedScenario } from '../sim/scenario.ts';
import type { RunSummary } from '../sim/summary.ts';
import { JobBook } from './job-book.ts';
import { summariseScenario, type ScenarioResult } from '../report/scenario-result.ts';

/** What the page may ask for: small ensembles only (the server is shared; the CLI runs big ones). */
export const SimJobRequest = z.strictObject({
  scenarios: z.array(z.string().regex(/^[a-z0-9-]+$/)).min(1).max(6),
  runs: z.number().int().min(1).max(20).default(2),
  agents: z.number().int().min(1000).max(200_000).default(20_000),
  seed: z.number().int().min(0).max(2 ** 32 - 1).default(1),
  start: z.iso.date().default('2022-02-24'),
  end: z.iso.date().default('2025-12-31'),
});
export type SimJobRequest = z.output<typeof SimJobRequest>;

export interface SimJobState {
  id: string;
  status: 'running' | 'done' | 'failed';
  request: SimJobRequest;
  done: number;
  total: number;
  started: string;
  error?: string;
  results?: ScenarioResult[];
}

/**
 * Background simulation jobs by id. Each scenario's ensemble runs on a worker-thread pool
 * (runEnsemble with two or more threads), so the event loop keeps answering other requests.
 * Finished jobs are kept (a few) so that a reloaded page can reattach and read the result.
 */
export class SimJobRegistry {
  private readonly book: JobBook<SimJobState>;

  constructor(private readonly opts: { threads?: number; keep?: number } = {}) {
    this.book = new JobBook('sim', opts.keep ?? 20);
  }

  /** Check the request (bad scenario names are the caller's fault) and start the job; returns its state. */
  start(req: SimJobRequest): SimJobState {
    const known = new Set(bundledScenarioNames());
    const unknown = req.scenarios.filter((s) => !known.has(s));
    if (unknown.length) throw new RangeError(`unknown scenario(s): ${unknown.join(', ')}; bundled ones: ${[...known].join(', ')}`);
    if (req.end < req.start) throw new RangeError(`the run ends (${req.end}) before it starts (${req.start})`);
    // Resolve every scenario now, so that one which does not fit the dates is refused at once (a 400), not a failed job.
    const resolved = req.scenarios.map((name) => {
      const { json, file } = readScenario(name);
      try {
        return resolveScenario(json, file, req.start, req.end);
      } catch (e) {
        throw new RangeError((e as Error).message);
      }
    });
    const { job, signal } = this.book.add((id) => ({ id, status: 'running', request: req, done: 0, total: req.runs * req.scenarios.length, started: new Date().toISOString() }));
    void this.work(job, resolved, signal);
    return job;
  }

  get(id: string): SimJobState | undefined {
    return this.book.get(id);
  }

  private async work(job: SimJobState, scenarios: ResolvedScenario[], signal: AbortSignal): Promise<void> {
    const r = job.request;
    // Two threads at least: runEnsemble runs one thread in-process, which would block the server.
    const threads = Math.max(2, Math.min(this.opts.threads ?? availableParallelism(), r.runs));
    try {
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
        if (out.stopped) throw new Error('stopped');
        results.push(summariseScenario(name, out.summaries as RunSummary[]));
      }
      job.results = results;
      job.status = 'done';
    } catch (e) {
      job.status = 'failed';
      job.error = e instanceof Error ? e.message : String(e);
    } finally {
      this.book.ended(job.id);
    }
  }

  /** Stop running jobs (server shutdown). */
  close(): Promise<void> {
    return this.book.close();
  }
}
