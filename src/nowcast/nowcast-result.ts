import type { PeriodUnit } from './periods.ts';
import { periodStartDate } from './periods.ts';
import { quantileSorted } from '../stats/quantile-sorted.ts';

export type NowcastMethod = 'chainladder' | 'baseline' | 'bayes';
export const NOWCAST_METHODS: readonly NowcastMethod[] = ['chainladder', 'baseline', 'bayes'];

/** One event period: what has been reported so far and what it will show once all cases are in. */
export interface PeriodNowcast {
  /** ISO date the period starts. */
  period: string;
  reported: number;
  estimate: number;
  lo50: number;
  hi50: number;
  lo95: number;
  hi95: number;
}

export interface Nowcast {
  method: NowcastMethod;
  unit: PeriodUnit;
  /** Period index of periods[0]. */
  firstPeriod: number;
  periods: PeriodNowcast[];
  settings: Record<string, unknown>;
  diagnostics: Record<string, unknown>;
  warnings: string[];
}

export type Interval = Omit<PeriodNowcast, 'period' | 'reported'>;

/** Point estimate and central 50% / 95% intervals from predictive draws of the period total. */
export function summariseDraws(draws: Float64Array, estimate?: number): Interval {
  const s = draws.slice().sort();
  return {
    estimate: estimate ?? quantileSorted(s, 0.5),
    lo50: quantileSorted(s, 0.25),
    hi50: quantileSorted(s, 0.75),
    lo95: quantileSorted(s, 0.025),
    hi95: quantileSorted(s, 0.975),
  };
}

export function periodRow(unit: PeriodUnit, period: number, reported: number, iv: Interval): PeriodNowcast {
  return { period: periodStartDate(period, unit), reported, ...iv };
}
