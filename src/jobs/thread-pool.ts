import { setMaxListeners } from 'node:events';
import { JobPool } from './pool.ts';
import type { JobOutcome, JobSpec, RunOptions, Runner } from './types.ts';

/** Batches of jobs on worker threads of this machine (the job pool), each job's outcome kept apart. */
export class ThreadPoolRunner implements Runner {
  readonly name = 'threads';
  private readonly pool: JobPool;

  constructor(opts: { threads?: number } = {}) {
    this.pool = new JobPool({ threads: opts.threads, minThreads: opts.threads ?? Number.POSITIVE_INFINITY });
  }

  async run<R>(jobs: JobSpec[], opts: RunOptions = {}): Promise<JobOutcome<R>[]> {
    let done = 0;
    let failed = 0;
    // Every queued task listens on the caller's signal until it settles: raise the ceiling for this batch.
    if (opts.signal) setMaxListeners(Math.max(10, jobs.length + 10), opts.signal);
    const outcomes = await Promise.all(
      jobs.map(async (job): Promise<JobOutcome<R>> => {
        let outcome: JobOutcome<R>;
        try {
          const result = await this.pool.run<R>(job.kind, job.payload, opts.signal);
          outcome = { id: job.id, ok: true, result, attempts: 1 };
        } catch (e) {
          failed++;
          outcome = { id: job.id, ok: false, error: e instanceof Error ? e.message : String(e), attempts: 1 };
        }
        done++;
        opts.onProgress?.({ done, total: jobs.length, failed, last: job.id });
        return outcome;
      }),
    );
    return outcomes;
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}
