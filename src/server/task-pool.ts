import { JobPool, PoolBusyError } from '../jobs/index.ts';

export { PoolBusyError };

/**
 * Work that takes seconds (capture–recapture, nowcasts, chart rendering) as jobs of one kind on the job
 * pool's threads, started on first use, so the event loop keeps answering. `maxQueue` bounds the tasks
 * waiting for a thread (more are refused with PoolBusyError).
 */
export class TaskPool<In, Out> {
  private readonly pool: JobPool;

  constructor(
    private readonly kind: string,
    threads = 1,
    maxQueue = Number.POSITIVE_INFINITY,
  ) {
    this.pool = new JobPool({ threads, minThreads: 0, maxQueue });
  }

  /** Runs one task; `signal` cancels it (a running task's thread is stopped). */
  run(input: In, signal?: AbortSignal): Promise<Out> {
    return this.pool.run<Out>(this.kind, input, signal);
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}
