import { dayNumber, fromDayNumber } from '../domain/dates.ts';
import type { MonthCount } from '../report/court-chart.ts';
import { courtCounts, courtLineList, storedMonthlyCourtCounts } from '../store/court-records.ts';
import type { Store } from '../store/index.ts';
import type { CourtSource } from './court-task.ts';

/**
 * What the court view is drawn from: the store's court records when it has any (their line list and
 * monthly counts), otherwise the simulated line list (made on the worker thread).
 */
export async function readCourtSource(store: Store): Promise<CourtSource> {
  if ((await courtCounts(store)).cases === 0) return { origin: 'simulated' };
  const [lines, monthly] = await Promise.all([courtLineList(store), storedMonthlyCourtCounts(store)]);
  const received = new Int32Array(lines.length);
  const verdict = new Int32Array(lines.length);
  let last = 0;
  lines.forEach((l, i) => {
    received[i] = dayNumber(l.received.slice(0, 10));
    verdict[i] = l.verdict ? dayNumber(l.verdict.slice(0, 10)) : -1;
    last = Math.max(last, received[i], verdict[i]);
  });
  const rows = (name: string, grouped: boolean): MonthCount[] =>
    (monthly.find((q) => q.name === name)?.rows ?? []).filter((r) => /^\d{4}-\d{2}$/.test(r.month)).map((r) => (grouped ? { month: r.month, value: r.value, group: r.group } : { month: r.month, value: r.value }));
  return {
    origin: 'store',
    // The records are as of their latest date: a later "today" would make every recent month look empty.
    now: fromDayNumber(last),
    received,
    verdict,
    counts: { received: rows('cases_received', false), verdicts: rows('verdicts', false), byArticle: rows('defendants_by_article', true), bySentence: rows('sentences', true) },
  };
}
