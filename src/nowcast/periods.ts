import { dayNumber, fromDayNumber } from '../domain/index.ts';

/** The time unit of a reporting triangle. Weeks start on Monday (ISO). */
export type PeriodUnit = 'day' | 'week' | 'month';

export const PERIOD_UNITS: readonly PeriodUnit[] = ['day', 'week', 'month'];

// 1970-01-05 (day 4) was a Monday.
const MONDAY_OFFSET = 4;

/** Index of the period containing a day number (days since 1970-01-01). */
export function periodOfDay(day: number, unit: PeriodUnit): number {
  if (unit === 'day') return day;
  if (unit === 'week') return Math.floor((day - MONDAY_OFFSET) / 7);
  const d = new Date(day * 86_400_000);
  return (d.getUTCFullYear() - 1970) * 12 + d.getUTCMonth();
}

/** Day number of the first day of a period. */
export function periodStartDay(period: number, unit: PeriodUnit): number {
  if (unit === 'day') return period;
  if (unit === 'week') return period * 7 + MONDAY_OFFSET;
  const y = 1970 + Math.floor(period / 12);
  const m = period - (y - 1970) * 12;
  return Math.round(Date.UTC(y, m, 1) / 86_400_000);
}

/** Day number of the last day of a period. */
export function periodEndDay(period: number, unit: PeriodUnit): number {
  return periodStartDay(period + 1, unit) - 1;
}

export function periodOfDate(iso: string, unit: PeriodUnit): number {
  return periodOfDay(dayNumber(iso), unit);
}

/** ISO date of the first day of a period (the `period` field of the output). */
export function periodStartDate(period: number, unit: PeriodUnit): string {
  return fromDayNumber(periodStartDay(period, unit));
}

/**
 * The last period that is complete on `nowDay`: the one containing now if now is its last day,
 * otherwise the one before. A partial period would make its newest reporting cell look short.
 */
export function lastCompletePeriod(nowDay: number, unit: PeriodUnit): number {
  const p = periodOfDay(nowDay, unit);
  return periodEndDay(p, unit) === nowDay ? p : p - 1;
}
