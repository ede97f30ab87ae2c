import { type Observation, Confidence } from '../domain/index.ts';
import type { ViewData } from '../report/index.ts';
import { z } from 'zod';

const list = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .string()
    .optional()
    .transform((v) =>
      v
        ? v
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean)
        : undefined,
    )
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
