import { setMaxListeners } from 'node:events';
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';

/** The one worker entry of the project: it dispatches each task to the handler of its kind. */
export const WORKER_ENTRY = new URL('./worker.mjs', import.meta.url);

/** The pool's own queue is full: the caller answers 429 with Retry-After. */
export class PoolBusyError extends Error {
  constructor(readonly retryAfterS = 5) {
    super('the server is busy rendering: try again in a few seconds');
    this.name = 'PoolBusyError';
  }
}

/**
 * A handler in a stage that src/jobs may not import (ingest, which imports jobs): the worker loads its
 * module by URL and calls the named export. Handlers of the stages below jobs are registered by kind
 * in src/jobs/handlers/index.ts instead.
 */
export interface HandlerRef {
  module: URL;
  export: string;
}

export interface JobPoolOptions {
  /** Threads at most (default: the core count). */
  threads?: number;
  /** Threads kept even when idle (default 0: started on first use, stopped after `idleTimeoutMs`). */
  minThreads?: number;
  idleTimeoutMs?: number;
  /** Tasks that may wait for a thread; one more is refused with PoolBusyError (default: no bound). */
  maxQueue?: number;
  /** Per-thread V8 limits (a larger young generation for allocation-heavy handlers). */
  resourceLimits?: { maxYoungGenerationSizeMb?: number; maxOldGenerationSizeMb?: number };
}

/**
 * Worker threads of this process running job handlers (src/jobs/handlers): plain data in, plain data
 * out. Threads start on first use. Every pool in the project is one of these, on the same entry;
 * callers differ only in their thread counts. A signal cancels a task (a running task's thread is stopped).
 */
export class JobPool {
  private pool: Piscina | undefined;
  readonly threads: number;

  constructor(private readonly opts: JobPoolOptions = {}) {
    this.threads = Math.max(1, Math.floor(opts.threads ?? availableParallelism()));
  }

  private piscina(): Piscina {
    this.pool ??= new Piscina({
      filename: WORKER_ENTRY.href,
      minThreads: Math.min(this.threads, this.opts.minThreads ?? 0),
      maxThreads: this.threads,
      idleTimeout: this.opts.idleTimeoutMs ?? 60_000,
      ...(this.opts.resourceLimits ? { resourceLimits: this.opts.resourceLimits } : {}),
    });
    return this.pool;
  }

  /** Runs one job of `kind` (or of a handler by reference) on a thread. Throws PoolBusyError when `maxQueue` tasks already wait. */
  async run<R>(kind: string | HandlerRef, payload: unknown, signal?: AbortSignal): Promise<R> {
    const pool = this.piscina();
    if (pool.queueSize >= (this.opts.maxQueue ?? Number.POSITIVE_INFINITY)) throw new PoolBusyError();
    // A batch legitimately holds more listeners on one signal than Node's default of ten.
    if (signal) setMaxListeners(Math.max(10, pool.queueSize + this.threads + 10), signal);
    const task =
      typeof kind === 'string' ? { kind, payload } : { module: kind.module.href, export: kind.export, payload };
    return (await pool.run(task, signal ? { signal } : {})) as R;
  }

  async close(): Promise<void> {
    const p = this.pool;
    this.pool = undefined;
    await p?.destroy();
  }
}
