import { backtestProjection, projectTotals } from '../nowcast/index.ts';
import type { PublishedNowcast, PublishedReading, ViewData } from '../report/index.ts';

/** The published running total the court view nowcasts: art. 337 cases received since mobilisation, as Mediazona counts them. */
const TARGET = {
  seriesId: 'court.cases_received',
  articles: ['337'],
  scope: 'since_mobilisation',
  organisation: 'Mediazona',
  start: '2022-09-21',
  label: 'art. 337 (AWOL) cases received by military courts since mobilisation',
};

/** The dataset's newest date: the end of the newest period any figure covers (the "now" of the bundled data). */
export function datasetNewestDate(data: Pick<ViewData, 'observations'>): string | undefined {
  return data.observations.reduce<string | undefined>(
    (m, o) => (m === undefined || o.periodEnd > m ? o.periodEnd : m),
    undefined,
  );
}

/**
 * The published running totals of one counter (derived rows and other counters left out: chaining two
 * counters' totals would read their difference in method as cases), and their projection to the
 * dataset's newest date with the out-of-sample check. Undefined when fewer than three totals are published.
 */
export function publishedCourtNowcast(
  data: Pick<ViewData, 'observations' | 'sources'>,
  seed = 1,
): PublishedNowcast | undefined {
  const org = new Map(data.sources.map((s) => [s.id, s.organisation]));
  const key = TARGET.articles.join('+');
  const readings: PublishedReading[] = data.observations
    .filter(
      (o) =>
        o.seriesId === TARGET.seriesId &&
        o.scope === TARGET.scope &&
        o.valueKind === 'cumulative' &&
        o.derivation === 'reported' &&
        [...o.articles].sort().join('+') === key &&
        org.get(o.sourceId) === TARGET.organisation,
    )
    .map((o) => ({
      date: o.periodEnd,
      value: o.value,
      qualifier: o.qualifier,
      observationId: o.id,
      sourceId: o.sourceId,
    }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const now = datasetNewestDate(data);
  if (readings.length < 3 || !now || now < readings.at(-1)!.date) return undefined;
  const plain = readings.map((r) => ({ date: r.date, value: r.value, qualifier: r.qualifier }));
  return {
    ...TARGET,
    readings,
    projection: projectTotals(plain, { now, start: TARGET.start, seed }),
    backtest: backtestProjection(plain, { start: TARGET.start, seed }),
  };
}
