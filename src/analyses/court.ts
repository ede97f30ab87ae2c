import { z } from 'zod';
import { Seed } from './seed.ts';
import { dayNumber, fromDayNumber } from '../domain/index.ts';
import { NOWCAST_METHODS, type NowcastMethod } from '../nowcast/index.ts';
import type { CourtView, MonthCount } from '../report/index.ts';
import type { Store } from '../store/index.ts';
import { computeCourtView, type CourtSource, type CourtTask } from '../jobs/index.ts';
import { publishedCourtSeries } from './court-published.ts';
import type { JobsDep } from './deps.ts';

export { NOWCAST_METHODS, type NowcastMethod };
export {
  COURT_SIMULATION,
  computeCourtView,
  type CourtSource,
  type CourtTask,
  type StoreCourtRecords,
} from '../jobs/index.ts';

/**
 * What the court view is drawn from: the store's court records when it has any (their line list and
 * monthly counts), otherwise the simulated line list (made on the worker thread).
 */
export async function readCourtSource(store: Store): Promise<CourtSource> {
  if ((await store.court.counts()).cases === 0) return { origin: 'simulated' };
  const [lines, monthly] = await Promise.all([store.court.lineList(), store.court.storedMonthlyCounts()]);
  const received = new Int32Array(lines.length);
  const verdict = new Int32Array(lines.length);
  let last = 0;
  lines.forEach((l, i) => {
    received[i] = dayNumber(l.received.slice(0, 10));
    verdict[i] = l.verdict ? dayNumber(l.verdict.slice(0, 10)) : -1;
    last = Math.max(last, received[i], verdict[i]);
  });
  const rows = (name: string, grouped: boolean): MonthCount[] =>
    (monthly.find((q) => q.name === name)?.rows ?? [])
      .filter((r) => /^\d{4}-\d{2}$/.test(r.month))
      .map((r) => (grouped ? { month: r.month, value: r.value, group: r.group } : { month: r.month, value: r.value }));
  return {
    origin: 'store',
    // The records are as of their latest date: a later "today" would make every recent month look empty.
    now: fromDayNumber(last),
    received,
    verdict,
    counts: {
      received: rows('cases_received', false),
      verdicts: rows('verdicts', false),
      byArticle: rows('defendants_by_article', true),
      bySentence: rows('sentences', true),
    },
  };
}

/** What the court summary is asked for: the nowcast method and its seed. */
export const CourtRequest = z.strictObject({
  method: z.enum(NOWCAST_METHODS as [NowcastMethod, ...NowcastMethod[]]).default('bayes'),
  seed: Seed,
});
export type CourtRequest = z.output<typeof CourtRequest>;

/**
 * The court summary (monthly counts and the nowcast of verdicts to come) of the store's records, or of
 * the labelled simulated line list: on the job pool when one is given (`court.nowcast` jobs), else in-process.
 */
export async function runCourt(
  deps: { store: Store; jobs?: JobsDep; signal?: AbortSignal },
  req: CourtRequest,
): Promise<CourtView> {
  const [source, observations, sources] = await Promise.all([
    readCourtSource(deps.store),
    deps.store.observations(),
    deps.store.sources(),
  ]);
  // The published running totals are nowcast in the same job as the line list, off the event loop.
  const published = publishedCourtSeries({ observations, sources });
  const task: CourtTask = { source, method: req.method, seed: req.seed, ...(published && { published }) };
  return deps.jobs ? deps.jobs.run<CourtView>('court.nowcast', task, deps.signal) : computeCourtView(task);
}
