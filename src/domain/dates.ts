import { z } from 'zod';

// Dates travel as ISO calendar strings (YYYY-MM-DD): no time zones, sortable as text.
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  // The three groups are not optional, so a match always has them.
  const year = Number(m[1]),
    month = Number(m[2]),
    day = Number(m[3]);
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
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

/** The months (YYYY-MM) from the month of start to the month of end, both included. */
export function monthsBetween(start: string, end: string): string[] {
  const out: string[] = [];
  let y = +start.slice(0, 4);
  let m = +start.slice(5, 7);
  while (`${y}-${String(m).padStart(2, '0')}` <= end.slice(0, 7)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "2025-10" (or "2025-10-31") → "October 2025", as the pages write a month. */
export function monthName(isoMonth: string): string {
  return `${MONTH_NAMES[Number(isoMonth.slice(5, 7)) - 1]} ${isoMonth.slice(0, 4)}`;
}
