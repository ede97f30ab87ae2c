import { daysBetween } from '../domain/index.ts';

export interface CumulativePoint {
  date: string;
  value: number;
  /** Optional id of the observation, carried into the formula. */
  id?: string;
}

export interface IntervalCount {
  start: string;
  end: string;
  days: number;
  count: number;
  /** count scaled to an average month (30.4375 days). */
  perMonth: number;
  formula: string;
}

const DAYS_PER_MONTH = 365.25 / 12;

/**
 * Difference cumulative totals published at irregular dates into counts per interval and a monthly
 * rate. Points are sorted by date; equal dates keep the larger total. A fall in a cumulative total
 * (a correction, deleted records) is kept as a negative count rather than hidden.
 */
export function intervalCounts(points: CumulativePoint[]): IntervalCount[] {
  const sorted = [...points].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : b.value - a.value));
  const dedup = sorted.filter((p, i) => i === 0 || p.date !== sorted[i - 1]!.date);
  const out: IntervalCount[] = [];
  for (let i = 1; i < dedup.length; i++) {
    const a = dedup[i - 1]!;
    const b = dedup[i]!;
    const days = daysBetween(a.date, b.date);
    const count = b.value - a.value;
    out.push({
      start: a.date,
      end: b.date,
      days,
      count,
      perMonth: (count / days) * DAYS_PER_MONTH,
      formula: `(${b.id ?? b.date} − ${a.id ?? a.date}) = ${b.value} − ${a.value}; per month = count / ${days} d × 30.4375`,
    });
  }
  return out;
}
