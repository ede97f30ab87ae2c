import { type ViewData, ESTIMATES_FILE, readEstimates } from '../report/index.ts';
import type { Store } from '../store/index.ts';

/** Everything a view draws from: the store's figures and the bundled estimate (validated; a bad file is refused). */
export async function loadViewData(store: Store, estimatesFile: string = ESTIMATES_FILE): Promise<ViewData> {
  const [series, sources, observations, estimates] = await Promise.all([
    store.listSeries(),
    store.sources(),
    store.observations(),
    readEstimates(estimatesFile),
  ]);
  return {
    series: series.map(({ observations: _n, first: _f, last: _l, ...s }) => s),
    sources,
    observations,
    ...(estimates && { estimates }),
  };
}
