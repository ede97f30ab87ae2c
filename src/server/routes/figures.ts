import { Hono } from 'hono';
import { filterObservations, ObservationFilter } from '../view-data.ts';
import { cachedJson } from './cached-json.ts';
import type { RouteDeps } from './deps.ts';
import { zodQuery } from './validate.ts';

/** /api/sources, /api/estimates, /api/observations: the published figures besides the series. */
export function figureRoutes({
  api,
  cache,
  published,
  viewData,
}: Pick<RouteDeps, 'api' | 'cache' | 'published' | 'viewData'>): Hono {
  return (
    new Hono()
      .get('/sources', async (c) => cachedJson(c, await api.sources()))
      // The bundled model estimate of the whole (null when none is bundled), serialised once like the series.
      .get('/estimates', async (c) => {
        try {
          return cachedJson(
            c,
            await cache.get('estimates-json', async () =>
              new TextEncoder().encode(JSON.stringify({ estimates: (await viewData()).estimates ?? null })),
            ),
          );
        } catch (e) {
          // A bad bundled file is the server's fault, named with its field so that it can be fixed.
          return c.json({ error: (e as Error).message }, 500);
        }
      })
      .get('/observations', zodQuery(ObservationFilter), async (c) => {
        const f = c.req.valid('query');
        const { data, suppression } = await published();
        const withheld = f.series
          ? suppression.withheld.filter((w) => f.series!.includes(w.seriesId))
          : suppression.withheld;
        return c.json({ observations: filterObservations(data, f), suppression: { k: suppression.k, withheld } });
      })
  );
}
