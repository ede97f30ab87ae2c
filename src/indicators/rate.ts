import { daysBetween } from '../domain/index.ts';
import type { Derived } from './derived.ts';

const PER = { day: 1, week: 7, month: 365.25 / 12, year: 365.25 } as const;

/** A count over an inclusive date span as a rate per day, week, month or year. */
export function rate(count: number, start: string, end: string, per: keyof typeof PER = 'month'): Derived {
  const days = daysBetween(start, end) + 1;
  if (days <= 0) throw new RangeError(`period ends (${end}) before it starts (${start})`);
  return {
    value: (count / days) * PER[per],
    formula: `count / days × ${PER[per].toFixed(4)} (days per ${per})`,
    inputs: { count, start, end, days },
  };
}
