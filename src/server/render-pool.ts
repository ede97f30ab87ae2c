import type { ChartRenderer, RenderTask } from '../analyses/index.ts';
import { TaskPool } from './task-pool.ts';

/**
 * Chart exports and reports on a worker thread (started on first use): server-side rendering and PNG
 * encoding take tens to hundreds of milliseconds, which would otherwise stall every other request.
 * At most `maxQueue` exports wait; more are refused (429) rather than piling up in memory.
 */
export function poolRenderer(threads = 1, maxQueue = 32): ChartRenderer {
  const pool = new TaskPool<RenderTask, string | Uint8Array>('report.render', threads, maxQueue);
  return { render: (t) => pool.run(t), close: () => pool.close() };
}
