import { Hono } from 'hono';
import type { RouteDeps } from './deps.ts';

/** /api/health: the store answers, and how busy the work queue is. */
export function healthRoutes({ store, queue }: Pick<RouteDeps, 'store' | 'queue'>): Hono {
  return new Hono().get('/', async (c) =>
    c.json({ status: 'ok', engine: store.engine, observations: await store.countObservations(), queue: queue.stats() }),
  );
}
