import { nowcastPublished, type PublishedInput } from '../jobs/index.ts';
import type { PublishedNowcast, PublishedReading, PublishedSeries, ViewData } from '../report/index.ts';

/** The one counter whose running totals are chained (another counter's figure for the same date counts differently). */
const ORGANISATION = 'Mediazona';
const SCOPE = 'since_mobilisation';
const START = '2022-09-21';

/**
 * The published running totals the court view nowcasts, the headline first: cases received by article
 * (and all three together) and verdicts, nationwide since mobilisation, as Mediazona counts them.
 */
const TARGETS: ReadonlyArray<{ seriesId: string; articles: string[]; label: string }> = [
  {
    seriesId: 'court.cases_received',
    articles: ['337'],
    label: 'art. 337 (AWOL) cases received by military courts since mobilisation',
  },
  {
    seriesId: 'court.cases_received',
    articles: ['338'],
    label: 'art. 338 (desertion) cases received since mobilisation',
  },
  {
    seriesId: 'court.cases_received',
    articles: ['332'],
    label: 'art. 332 (refusing orders) cases received since mobilisation',
  },
  {
    seriesId: 'court.cases_received',
    articles: ['332', '337', '338'],
    label: 'cases received under arts 332, 337 and 338 together since mobilisation',
  },
  {
    seriesId: 'court.sentences',
    articles: ['332', '337', '338'],
    label: 'verdicts under arts 332, 337 and 338 since mobilisation',
  },
];

/** The dataset's newest date: the end of the newest period any figure covers (the "now" of the bundled data). */
export function datasetNewestDate(data: Pick<ViewData, 'observations'>): string | undefined {
  return data.observations.reduce<string | undefined>(
    (m, o) => (m === undefined || o.periodEnd > m ? o.periodEnd : m),
    undefined,
  );
}

/**
 * Each target's published running totals, to be nowcast to the dataset's newest date. Derived rows and
 * other counters are left out: chaining two counters' totals would read their difference in method as
 * cases. A target with fewer than three totals (two intervals: nothing to say how its rate moves) is left
 * out; the headline (art. 337 cases) comes first when it is there.
 */
export function publishedCourtSeries(data: Pick<ViewData, 'observations' | 'sources'>): PublishedInput | undefined {
  const org = new Map(data.sources.map((s) => [s.id, s.organisation]));
  const now = datasetNewestDate(data);
  if (!now) return undefined;
  const series: PublishedSeries[] = TARGETS.flatMap((t) => {
    const key = [...t.articles].sort().join('+');
    const readings: PublishedReading[] = data.observations
      .filter(
        (o) =>
          o.seriesId === t.seriesId &&
          o.scope === SCOPE &&
          o.valueKind === 'cumulative' &&
          o.derivation === 'reported' &&
          [...o.articles].sort().join('+') === key &&
          org.get(o.sourceId) === ORGANISATION,
      )
      .map((o) => ({
        date: o.periodEnd,
        value: o.value,
        qualifier: o.qualifier,
        observationId: o.id,
        sourceId: o.sourceId,
      }))
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    if (readings.length < 3 || now < readings.at(-1)!.date) return [];
    return [{ ...t, scope: SCOPE, organisation: ORGANISATION, start: START, readings }];
  });
  return series.length ? { series, now } : undefined;
}

/** The nowcasts of the published court series, in-process (the court view runs them with its job). */
export function publishedCourtNowcasts(data: Pick<ViewData, 'observations' | 'sources'>, seed = 1): PublishedNowcast[] {
  const input = publishedCourtSeries(data);
  return input ? nowcastPublished(input, seed) : [];
}
