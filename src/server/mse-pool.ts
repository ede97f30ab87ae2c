import type { MseResult } from '../report/mse-chart.ts';
import type { MseRequest } from './mse-task.ts';
import { TaskPool } from './task-pool.ts';

export type MseOutcome = { ok: true; result: MseResult } | { ok: false; bad: boolean; error: string };

/** Capture–recapture requests on one worker thread (started on first use), so the server keeps answering. */
export class MsePool extends TaskPool<MseRequest, MseOutcome> {
  constructor() {
    super(new URL('./mse-worker.mjs', import.meta.url));
  }
}
