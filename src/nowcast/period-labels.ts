import { addDays, fromDayNumber } from '../domain/index.ts';
import type { Nowcast } from './nowcast-result.ts';
import { type PeriodUnit, lastCompletePeriod, periodOfDay, periodStartDay } from './periods.ts';
import type { CaseRecord } from './triangle.ts';

/**
 * Line lists come in two kinds: dates of days (an offence on 2024-06-05), or labels of periods, as
 * NobBS and surveillance systems write them (every date the first day of its week or month). With
 * labels, a report dated `now` was known on `now` and the period that starts on `now` is the newest to
 * estimate; with days, a period is estimated only once it has ended (a partial one looks short).
 */
export type DateKind = 'auto' | 'day' | 'period-start';
export const DATE_KINDS: readonly DateKind[] = ['auto', 'day', 'period-start'];

export interface PeriodLabels {
  /** Every date is the first day of its period (of the week's weekday, for weeks). */
  periodStart: boolean;
  /**
   * Days to subtract from every date so that labelled weeks start on Mondays, as periods.ts counts
   * them (6 for Sunday labels); add it back to the output's period dates. 0 otherwise.
   */
  shift: number;
  /** The first date that is not a period start, when `periodStart` is false. */
  counterexample?: string;
}

// 1970-01-05 (day 4) was a Monday: weekday 0 = Monday … 6 = Sunday.
const weekday = (day: number) => (((day - 4) % 7) + 7) % 7;

/**
 * Whether the dates of a line list are period-start labels. For weeks: every event and report date on
 * one weekday; for months: every date the 1st. At least two distinct dates are needed to tell.
 */
export function detectPeriodLabels(cases: ReadonlyArray<CaseRecord>, unit: PeriodUnit): PeriodLabels {
  if (unit === 'day' || cases.length === 0) return { periodStart: false, shift: 0 };
  const first = cases[0]!.event;
  const isStart = (d: number) =>
    unit === 'week' ? weekday(d) === weekday(first) : periodStartDay(periodOfDay(d, unit), unit) === d;
  let distinct = false;
  for (const c of cases) {
    for (const d of [c.event, c.report]) {
      if (!isStart(d)) return { periodStart: false, shift: 0, counterexample: fromDayNumber(d) };
      if (d !== first) distinct = true;
    }
  }
  if (!distinct) return { periodStart: false, shift: 0 };
  return { periodStart: true, shift: unit === 'week' ? weekday(first) : 0 };
}

/** Cases and now moved by the labels' shift, and the newest period to estimate. */
export function alignToLabels(
  cases: ReadonlyArray<CaseRecord>,
  nowDay: number,
  unit: PeriodUnit,
  labels: PeriodLabels,
) {
  const s = labels.shift;
  const aligned = s === 0 ? cases : cases.map((c) => ({ event: c.event - s, report: c.report - s }));
  const now = nowDay - s;
  return { cases: aligned, lastPeriod: labels.periodStart ? periodOfDay(now, unit) : lastCompletePeriod(now, unit) };
}

/** The nowcast's period dates moved back onto the input's labels (e.g. Sunday-start weeks). */
export function relabel(n: Nowcast, labels: PeriodLabels): Nowcast {
  if (labels.shift === 0) return n;
  const moved = new Map(n.periods.map((p) => [p.period, addDays(p.period, labels.shift)]));
  return {
    ...n,
    periods: n.periods.map((p) => ({ ...p, period: moved.get(p.period)! })),
    // Warnings name periods too (a refused week): the same labels there.
    warnings: n.warnings.map((w) => w.replace(/\d{4}-\d{2}-\d{2}/g, (d) => moved.get(d) ?? d)),
  };
}
