import { Piscina } from 'piscina';

/** The pool's own queue is full: the caller answers 429 with Retry-After. */
export class PoolBusyError extends Error {
  constructor(readonly retryAfterS = 5) {
    super('the server is busy rendering: try again in a few seconds');
    this.name = 'PoolBusyError';
  }
}

/**
 * Work that takes seconds (capture–recapture, nowcasts, chart rendering) on worker threads started on
 * first use, so the event loop keeps answering. The worker is a .mjs entry that registers tsx.
 * `maxQueue` bounds the tasks waiting for a thread (more are refused with PoolBusyError).
 */
export class TaskPool<In, Out> {
  private pool: Piscina | undefined;

  constructor(
    private readonly worker: URL,
    private readonly threads = 1,
    private readonly maxQueue = Number.POSITIVE_INFINITY,
  ) {}

  /** Runs one task; `signal` cancels it (a running task's thread is stopped). */
  async run(input: In, signal?: AbortSignal): Promise<Out> {
    this.pool ??= new Piscina({ filename: this.worker.href, minThreads: 0, maxThreads: this.threads, idleTimeout: 60_000 });
    if (this.pool.queueSize >= this.maxQueue) throw new PoolBusyError();
    return (await this.pool.run(input, signal ? { signal } : {})) as Out;
  }

  async close(): Promise<void> {
    await this.pool?.destroy();
    this.pool = undefined;
  }
}
