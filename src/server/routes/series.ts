import { Hono } from 'hono';
import type { RouteDeps } from './deps.ts';
import { cachedJson } from './cached-json.ts';

/** /api/series: the list and one series with its observations; read far more than the store changes, so served from cached bytes. */
export function seriesRoutes({ api }: Pick<RouteDeps, 'api'>): Hono {
  return new Hono()
    .get('/', async (c) => cachedJson(c, await api.list()))
    .get('/:id', async (c) => {
      const id = c.req.param('id');
      const body = await api.one(id);
      return body === null ? c.json({ error: `unknown series "${id}"` }, 404) : cachedJson(c, body);
    });
}
