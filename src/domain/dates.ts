import { z } from 'zod';

// Dates travel as ISO calendar strings (YYYY-MM-DD): no time zones, sortable as text.
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

export const isoDate = z.string().refine(isIsoDate, { message: 'not a calendar date in the form YYYY-MM-DD' });

/** Days since 1970-01-01 (UTC) of an ISO date. */
export function dayNumber(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
}

/** ISO date of a day number. */
export function fromDayNumber(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

export function addDays(iso: string, days: number): string {
  return fromDayNumber(dayNumber(iso) + days);
}

/** First day of the month containing the date. */
export function monthStart(iso: string): string {
  return `${iso.slice(0, 7)}-01`;
}

/** Last day of the month containing the date. */
export function monthEnd(iso: string): string {
  const y = +iso.slice(0, 4);
  const m = +iso.slice(5, 7);
  return fromDayNumber(dayNumber(`${iso.slice(0, 7)}-01`) + new Date(Date.UTC(y, m, 0)).getUTCDate() - 1);
}
