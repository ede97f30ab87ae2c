import type { Observation } from '../domain/observation.ts';
import { Confidence } from '../domain/source.ts';
import type { ViewData } from '../report/dataset.ts';
import { ESTIMATES_FILE, readEstimates } from '../report/estimate-file.ts';
import type { Store } from '../store/index.ts';
import { z } from 'zod';

/** Everything a view draws from: the store's figures and the bundled estimate (validated; a bad file is refused). */
export async function loadViewData(store: Store, estimatesFile: string = ESTIMATES_FILE): Promise<ViewData> {
  const [series, sources, observations, estimates] = await Promise.all([store.listSeries(), store.sources(), store.observations(), readEstimates(estimatesFile)]);
  return { series: series.map(({ observations: _n, first: _f, last: _l, ...s }) => s), sources, observations, ...(estimates && { estimates }) };
}

const list = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .string()
    .optional()
    .transform((v) => (v ? v.split(',').map((x) => x.trim()).filter(Boolean) : undefined))
    .pipe(z.array(item).optional());

/** Query filters of /api/observations: series, source, confidence and party to the conflict (comma lists). */
export const ObservationFilter = z.object({
  series: list(z.string().min(1)),
  source: list(z.string().min(1)),
  topic: list(z.string().min(1)),
  confidence: list(Confidence),
  party: z.enum(['true', 'false']).optional(),
});
export type ObservationFilter = z.output<typeof ObservationFilter>;

export function filterObservations(data: ViewData, f: ObservationFilter): Observation[] {
  const sources = new Map(data.sources.map((s) => [s.id, s]));
  const topics = new Map(data.series.map((s) => [s.id, s.topic]));
  return data.observations.filter((o) => {
    const s = sources.get(o.sourceId);
    if (f.series && !f.series.includes(o.seriesId)) return false;
    if (f.source && !f.source.includes(o.sourceId)) return false;
    if (f.topic && !f.topic.includes(topics.get(o.seriesId) ?? '')) return false;
    if (f.confidence && (!s || !f.confidence.includes(s.confidence))) return false;
    if (f.party && (!s || String(s.partyToConflict) !== f.party)) return false;
    return true;
  });
}
