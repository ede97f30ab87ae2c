import type { Store } from '../../store/index.ts';
import type { StoreCache } from '../cache.ts';
import type { CourtPool } from '../court-pool.ts';
import { type CourtTask, type NowcastMethod, runCourt, type JobsDep, loadViewData } from '../../analyses/index.ts';
import { suppressCourtView, suppressObservations } from '../suppress.ts';
import type { RouteDeps } from './deps.ts';

/**
 * The published views of the figures, once per store content: every one has the small counts of
 * imported records withheld (and says where).
 */
export function publishedViews(opts: {
  store: Store;
  cache: StoreCache;
  k: number;
  estimatesFile?: string;
  courtPool: CourtPool;
}): Pick<RouteDeps, 'published' | 'viewData' | 'courtView'> {
  const { store, cache, k, estimatesFile, courtPool } = opts;
  const published = () =>
    cache.get('view-data', async () => {
      const data = await loadViewData(store, estimatesFile);
      const out = suppressObservations(data.observations, k);
      return { data: { ...data, observations: out.observations }, suppression: out.suppression };
    });
  // The court view per nowcast method: the court summary analysis, its nowcast on the court pool's worker thread.
  const jobs: JobsDep = {
    run: async <R>(_kind: unknown, task: unknown, signal?: AbortSignal) =>
      (await courtPool.run(task as CourtTask, signal)) as R,
  };
  const courtView = (method: NowcastMethod) =>
    cache.get(`court/${method}`, async () => {
      const view = await runCourt({ store, jobs }, { method, seed: 1 });
      if (view.origin !== 'store') return view;
      const all = Object.fromEntries((await store.court.storedMonthlyCounts()).map((q) => [q.name, q.rows]));
      return suppressCourtView(view, all, k);
    });
  return { published, viewData: async () => (await published()).data, courtView };
}
