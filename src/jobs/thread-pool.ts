import { setMaxListeners } from 'node:events';
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { JobOutcome, JobSpec, RunOptions, Runner } from './types.ts';

const WORKER = new URL('./thread-worker.mjs', import.meta.url).href;

/** Jobs on worker threads of this machine (TypeScript handlers loaded through tsx in each thread). */
export class ThreadPoolRunner implements Runner {
  readonly name = 'threads';
  private readonly pool: Piscina;

  constructor(opts: { threads?: number } = {}) {
    const threads = Math.max(1, opts.threads ?? availableParallelism());
    this.pool = new Piscina({ filename: WORKER, minThreads: threads, maxThreads: threads });
  }

  async run<R>(jobs: JobSpec[], opts: RunOptions = {}): Promise<JobOutcome<R>[]> {
    let done = 0;
    let failed = 0;
    // Every queued task listens on the caller's signal until it settles: a batch legitimately holds more than
    // Node's default of ten listeners, so raise the ceiling for this signal instead of warning of a leak.
    if (opts.signal) setMaxListeners(Math.max(10, jobs.length + 10), opts.signal);
    const outcomes = await Promise.all(
      jobs.map(async (job): Promise<JobOutcome<R>> => {
        let outcome: JobOutcome<R>;
        try {
          const result = (await this.pool.run({ kind: job.kind, payload: job.payload }, { signal: opts.signal })) as R;
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
    await this.pool.destroy();
  }
}
