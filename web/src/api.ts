import type { Observation } from '../../src/domain/observation.ts';
import type { Series } from '../../src/domain/series.ts';
import type { Source } from '../../src/domain/source.ts';
import type { ViewData } from '../../src/report/dataset.ts';
import type { BundledEstimates } from '../../src/report/estimate-schema.ts';

export interface SeriesSummary extends Series {
  observations: number;
  first: string | null;
  last: string | null;
}

async function getJson<T>(path: string): Promise<T> {
  const r = await fetch(path, { headers: { accept: 'application/json' } });
  if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
  return (await r.json()) as T;
}

export interface LoadedData extends ViewData {
  summaries: SeriesSummary[];
  /** Why the bundled estimate could not be loaded, if it could not. */
  estimatesError?: string;
}

let cache: Promise<LoadedData> | undefined;

/** The whole (small) dataset, fetched once per page load; views filter it in the browser. */
export function loadData(): Promise<LoadedData> {
  cache ??= Promise.all([
    getJson<{ series: SeriesSummary[] }>('/api/series'),
    getJson<{ sources: Source[] }>('/api/sources'),
    getJson<{ observations: Observation[] }>('/api/observations'),
    // The estimate is an addition: without it (or when it fails) the page shows what is recorded and says so.
    getJson<{ estimates: BundledEstimates | null }>('/api/estimates').catch((e: Error) => ({
      estimates: null,
      error: e.message,
    })),
  ]).then(([s, src, o, e]) => ({
    summaries: s.series,
    series: s.series,
    sources: src.sources,
    observations: o.observations,
    ...(e.estimates && { estimates: e.estimates }),
    estimatesError: 'error' in e ? e.error : undefined,
  }));
  return cache;
}

/** A JSON response, or the server's error message as an Error. */
export async function readJson<T>(r: Response): Promise<T> {
  const body = (await r.json()) as T & { error?: string };
  if (!r.ok) throw new Error(body.error ?? `HTTP ${r.status}`);
  return body;
}

export const postJson = (path: string, body: unknown): Promise<Response> =>
  fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
