import { type PeriodUnit, periodStartDate } from './periods.ts';
import { quantileSorted } from '../stats/index.ts';

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
  /** Why a period has no estimate (its figures are then NaN, null in JSON); absent otherwise. */
  note?: string;
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

export type Interval = Omit<PeriodNowcast, 'period' | 'reported' | 'note'>;

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

/**
 * The intervals stretched, where needed, to hold the point and each other (lo95 ≤ lo50 ≤ estimate ≤
 * hi50 ≤ hi95). Chain ladder and baseline report the mean, and when the part still to come is very
 * skewed the mean can lie above a quantile; a band that leaves out its own point misleads a reader,
 * so the band is widened (conservatively) rather than the method's point moved.
 */
export function holdPoint(iv: Interval): Interval {
  const { estimate } = iv;
  if (Number.isNaN(estimate))
    return { estimate, lo50: Number.NaN, hi50: Number.NaN, lo95: Number.NaN, hi95: Number.NaN };
  const lo50 = Math.min(iv.lo50, estimate);
  const hi50 = Math.max(iv.hi50, estimate);
  return { estimate, lo50, hi50, lo95: Math.min(iv.lo95, lo50), hi95: Math.max(iv.hi95, hi50) };
}

export function periodRow(unit: PeriodUnit, period: number, reported: number, iv: Interval): PeriodNowcast {
  return { period: periodStartDate(period, unit), reported, ...holdPoint(iv) };
}

/** A period the method declines to estimate, with the reason (shown next to it in tables and exports). */
export function refusedRow(unit: PeriodUnit, period: number, reported: number, note: string): PeriodNowcast {
  const nan = Number.NaN;
  return {
    period: periodStartDate(period, unit),
    reported,
    estimate: nan,
    lo50: nan,
    hi50: nan,
    lo95: nan,
    hi95: nan,
    note,
  };
}

/**
 * Why a period with nothing reported so far cannot be projected by a method that scales what has been
 * reported (chain ladder, baseline), or undefined when no more cases are expected for it. Scaling zero
 * gives 0 [0, 0] however many cases are still to come, which reads as "none happened"; such a period
 * is refused with this reason. `arrived` is the method's share of cases in by delay k (NaN: unknown).
 */
export function zeroReportedNote(k: number, maxDelay: number, arrived: number, method: string): string | undefined {
  if (k >= maxDelay || arrived >= 1 - 1e-9) return undefined;
  const later =
    k < 0
      ? 'no delay of it is observed yet'
      : arrived > 0
        ? `${arrived <= 0.005 ? 'nearly all' : `about ${Math.round(100 * (1 - arrived))}% of`} cases usually arrive later`
        : 'the delays seen so far cannot say how many are still to come';
  return `nothing reported yet while ${later}; ${method} scales what has been reported, so it cannot estimate this period (the bayes method can)`;
}

/** One warning for the periods a method refused because nothing was reported yet: which, and why (the first one's reason). */
export function zeroRefusalWarning(method: string, periods: ReadonlyArray<PeriodNowcast>): string[] {
  const refused = periods.filter((p) => p.note?.startsWith('nothing reported yet'));
  if (refused.length === 0) return [];
  const list =
    refused.length <= 4
      ? refused.map((p) => p.period).join(', ')
      : `${refused
          .slice(0, 3)
          .map((p) => p.period)
          .join(', ')} and ${refused.length - 3} more`;
  return [
    `${method}: no estimate for ${list} — ${refused.at(-1)!.note} (scaling zero would give 0 [0, 0], as if none had happened)`,
  ];
}
