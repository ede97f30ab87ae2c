import { Piscina } from 'piscina';
import type { ChartRenderer, RenderTask } from './render-task.ts';

const WORKER = new URL('./render-worker.mjs', import.meta.url).href;

/**
 * Chart exports on one worker thread (started on first use): server-side rendering and PNG encoding
 * take tens to hundreds of milliseconds, which would otherwise stall every other request.
 */
export function poolRenderer(threads = 1): ChartRenderer {
  let pool: Piscina | undefined;
  return {
    render: async (t: RenderTask) => {
      pool ??= new Piscina({ filename: WORKER, minThreads: 0, maxThreads: threads, idleTimeout: 60_000 });
      return (await pool.run(t)) as string | Uint8Array;
    },
    close: async () => {
      await pool?.destroy();
      pool = undefined;
    },
  };
}
