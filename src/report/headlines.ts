import { z } from 'zod';
import raw from '../../data/headlines.json' with { type: 'json' };
import { type Observation, ValueKind, type Series, type Source } from '../domain/index.ts';
import { citationText } from './citation.ts';
import type { ViewData } from './dataset.ts';
import { formatFigure, formatPeriod } from './text.ts';

/**
 * The headline indicators (data/headlines.json): the few figures the overview quotes, each defined
 * once by the series and the rows of it that it draws on, with what it counts and what it does not.
 * Everything else stays in the series explorer.
 */
export const HeadlineDef = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  label: z.string().min(1),
  topic: z.string().min(1),
  seriesId: z.string().min(1),
  /** Which rows of the series: one scope, one set of articles, one kind, so that every row counts the same thing. */
  select: z.strictObject({ scope: z.string().min(1), articles: z.array(z.string()), valueKind: ValueKind }),
  unit: z.string().min(1),
  definition: z.string().min(1),
  excludes: z.string().min(1),
});
export type HeadlineDef = z.infer<typeof HeadlineDef>;

/** Validates the headline file: the first problem names the headline and field. */
export function parseHeadlines(v: unknown): HeadlineDef[] {
  const r = z.array(HeadlineDef).min(1).safeParse(v);
  if (!r.success) {
    const i = r.error.issues[0]!; // a failed parse always has an issue
    throw new Error(
      `data/headlines.json: headline ${String(i.path[0] ?? '')} field ${i.path.slice(1).join('.') || '(root)'}: ${i.message}`,
    );
  }
  const ids = new Set<string>();
  for (const [k, d] of r.data.entries()) {
    if (ids.has(d.id)) throw new Error(`data/headlines.json: headline ${k} field id: duplicate id "${d.id}"`);
    ids.add(d.id);
  }
  return r.data;
}

export const HEADLINES: HeadlineDef[] = parseHeadlines(raw);

/** Own arithmetic (a difference, a sum) is never passed off as a published figure. */
export const DERIVED_LABEL = 'derived by darkfigure';
export const isDerived = (o: Pick<Observation, 'derivation' | 'sourceId'>): boolean =>
  o.derivation === 'derived' || o.sourceId === 'darkfigure-derived';

const sameArticles = (a: string[], b: string[]) =>
  a.length === b.length && [...a].sort().join('+') === [...b].sort().join('+');

/** The rows of the dataset a headline draws on, oldest first. */
export function headlineObservations(def: HeadlineDef, observations: Observation[]): Observation[] {
  return observations
    .filter(
      (o) =>
        o.seriesId === def.seriesId &&
        o.scope === def.select.scope &&
        o.valueKind === def.select.valueKind &&
        sameArticles(o.articles, def.select.articles),
    )
    .sort((a, b) => (a.periodEnd < b.periodEnd ? -1 : a.periodEnd > b.periodEnd ? 1 : a.id < b.id ? -1 : 1));
}

/** The newest row: latest period end; on a tie a published row before a derived one, then the larger. */
export function newestObservation(rows: Observation[]): Observation | undefined {
  return rows.reduce<Observation | undefined>((best, o) => {
    if (!best) return o;
    if (o.periodEnd !== best.periodEnd) return o.periodEnd > best.periodEnd ? o : best;
    if (isDerived(o) !== isDerived(best)) return isDerived(o) ? best : o;
    return o.value > best.value ? o : best;
  }, undefined);
}

export interface ResolvedHeadline {
  def: HeadlineDef;
  series?: Series;
  observations: Observation[];
  /** The newest figure, as the card quotes it. */
  figure?: {
    text: string;
    unit: string;
    period: string;
    observationId: string;
    value: number;
    citation: string;
    url?: string;
    derived: boolean;
    sourceId: string;
  };
}

export function resolveHeadlines(
  data: Pick<ViewData, 'series' | 'sources' | 'observations'>,
  defs: HeadlineDef[] = HEADLINES,
): ResolvedHeadline[] {
  const sources = new Map<string, Source>(data.sources.map((s) => [s.id, s]));
  return defs.map((def) => {
    const rows = headlineObservations(def, data.observations);
    const last = newestObservation(rows);
    const src = last && sources.get(last.sourceId);
    return {
      def,
      series: data.series.find((s) => s.id === def.seriesId),
      observations: rows,
      figure: last && {
        text: formatFigure(last),
        unit: last.unit,
        period: formatPeriod(last),
        observationId: last.id,
        value: last.value,
        citation: isDerived(last)
          ? `${DERIVED_LABEL} from published figures (${last.formula ?? ''})`
          : src
            ? citationText(src)
            : last.sourceId,
        url: src?.url,
        derived: isDerived(last),
        sourceId: last.sourceId,
      },
    };
  });
}
