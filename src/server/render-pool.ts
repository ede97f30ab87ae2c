import type { ChartRenderer, RenderTask } from './render-task.ts';
import { TaskPool } from './task-pool.ts';

/**
 * Chart exports and reports on a worker thread (started on first use): server-side rendering and PNG
 * encoding take tens to hundreds of milliseconds, which would otherwise stall every other request.
 */
export function poolRenderer(threads = 1): ChartRenderer {
  const pool = new TaskPool<RenderTask, string | Uint8Array>(new URL('./render-worker.mjs', import.meta.url), threads);
  return { render: (t) => pool.run(t), close: () => pool.close() };
}
