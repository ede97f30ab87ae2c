import { dayNumber, fromDayNumber } from '../domain/index.ts';

const DAY_MS = 86_400_000;

/**
 * A time axis that reads in months and years ("Sep 2023"), never in days: the span covers the
 * data's dates padded to whole months and is at least a year, so that a series of one point does
 * not get an axis of a few days ("30, 31, 2026").
 */
export function monthTimeAxis(dates: string[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  const sorted = dates.filter(Boolean).sort();
  const monthStart = (d: string) => `${d.slice(0, 7)}-01`;
  const addMonths = (d: string, n: number) => {
    const y = Number(d.slice(0, 4));
    const m = Number(d.slice(5, 7)) - 1 + n;
    const yy = y + Math.floor(m / 12);
    const mm = ((m % 12) + 12) % 12;
    return `${yy}-${String(mm + 1).padStart(2, '0')}-01`;
  };
  let min: string | undefined;
  let max: string | undefined;
  if (sorted.length) {
    min = addMonths(monthStart(sorted[0]!), -1);
    max = addMonths(monthStart(sorted[sorted.length - 1]!), 2);
    const short = 365 - (dayNumber(max) - dayNumber(min));
    if (short > 0) {
      min = monthStart(fromDayNumber(dayNumber(min) - Math.ceil(short / 2)));
      max = addMonths(monthStart(fromDayNumber(dayNumber(max) + Math.ceil(short / 2))), 1);
    }
  }
  return {
    type: 'time',
    ...(min && max ? { min, max } : {}),
    // Ticks no closer than a month; labels as month and year.
    minInterval: 28 * DAY_MS,
    splitNumber: 4,
    axisLabel: { hideOverlap: true, formatter: '{MMM} {yyyy}' },
    ...extra,
  };
}
