import type { HandlerRef } from '../jobs/index.ts';

/**
 * Where an analysis runs its heavy part: a job pool's threads (src/jobs/pool.ts), or in-process when absent.
 * A job is a kind registered in src/jobs/handlers, or a handler of this stage by reference.
 */
export interface JobsDep {
  run<R>(kind: string | HandlerRef, payload: unknown, signal?: AbortSignal): Promise<R>;
}
