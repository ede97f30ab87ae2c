import { Piscina } from 'piscina';
import type { MseResult } from '../report/mse-chart.ts';
import type { MseRequest } from './mse-task.ts';

const WORKER = new URL('./mse-worker.mjs', import.meta.url).href;

export type MseOutcome = { ok: true; result: MseResult } | { ok: false; bad: boolean; error: string };

/** Capture–recapture requests on one worker thread (started on first use), so the server keeps answering. */
export class MsePool {
  private pool: Piscina | undefined;

  async run(req: MseRequest): Promise<MseOutcome> {
    this.pool ??= new Piscina({ filename: WORKER, minThreads: 0, maxThreads: 1, idleTimeout: 60_000 });
    return (await this.pool.run(req)) as MseOutcome;
  }

  async close(): Promise<void> {
    await this.pool?.destroy();
    this.pool = undefined;
  }
}
