import type { Nowcast, NowcastMethod } from './nowcast-result.ts';
import { type PeriodUnit, lastCompletePeriod, periodEndDay, periodOfDay, periodStartDate } from './periods.ts';
import { type MethodOptions, runNowcast } from './run-nowcast.ts';
import { weightedIntervalScore } from './scores.ts';
import { type CaseRecord, triangleFromCases } from './triangle.ts';

/**
 * Backtesting: nowcast as of many past dates using only what was reported by then, and score each
 * recent period against what eventually arrived. This is how a user chooses a method.
 */
export interface BacktestOptions {
  unit: PeriodUnit;
  maxDelay: number;
  methods: NowcastMethod[];
  /** The "now" of each backtest (day numbers). Dates whose recent periods are not final yet are skipped. */
  nowDays: number[];
  /** Rows of history each nowcast sees (default: all since the first case). */
  history?: number;
  /** The list is complete up to this day (default: its last report). */
  finalDay?: number;
  /** Eventual true count of a period (default: cases of that period reported within maxDelay periods). */
  truth?: (period: number) => number;
  methodOptions?: MethodOptions;
  onProgress?: (done: number, total: number) => void;
}

/** Scores of one method at one horizon (0 = the newest period), or over all horizons ('all'). */
export interface BacktestScore {
  method: NowcastMethod | 'reported';
  horizon: number | 'all';
  n: number;
  /** Share of (date, period) pairs whose eventual count fell inside the 50% / 95% interval. */
  coverage50: number;
  coverage95: number;
  /** Mean weighted interval score (median = the point estimate; 50% and 95% intervals). */
  wis: number;
  /** Mean of (estimate − truth) / truth over periods with truth > 0. */
  meanRelError: number;
  /** Pairs where the method gave no estimate (e.g. chain ladder dividing by an empty column). */
  undefinedCount: number;
}

export interface BacktestResult {
  dates: string[];
  skippedDates: string[];
  scores: BacktestScore[];
}

export function backtestDays(
  cases: ReadonlyArray<CaseRecord>,
  unit: PeriodUnit,
  maxDelay: number,
  count: number,
  finalDay?: number,
): number[] {
  let minEvent = Number.POSITIVE_INFINITY;
  let maxReport = Number.NEGATIVE_INFINITY;
  for (const c of cases) {
    if (c.event < minEvent) minEvent = c.event;
    if (c.report > maxReport) maxReport = c.report;
  }
  const first = periodOfDay(minEvent, unit) + 2 * (maxDelay + 1); // enough history to estimate the delay
  const last = lastCompletePeriod(finalDay ?? maxReport, unit) - maxDelay;
  if (last < first) return [];
  const n = Math.min(count, last - first + 1);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = n === 1 ? last : Math.round(first + ((last - first) * i) / (n - 1));
    out.push(periodEndDay(p, unit));
  }
  return [...new Set(out)];
}

export function backtest(cases: ReadonlyArray<CaseRecord>, opts: BacktestOptions): BacktestResult {
  const { unit, maxDelay: D } = opts;
  let maxReport = Number.NEGATIVE_INFINITY;
  for (const c of cases) if (c.report > maxReport) maxReport = c.report;
  const finalPeriod = lastCompletePeriod(opts.finalDay ?? maxReport, unit);
  let truth = opts.truth;
  if (!truth) {
    const counts = new Map<number, number>();
    for (const c of cases) {
      const e = periodOfDay(c.event, unit);
      const r = periodOfDay(c.report, unit);
      if (r - e <= D && r <= finalPeriod) counts.set(e, (counts.get(e) ?? 0) + 1);
    }
    truth = (p) => counts.get(p) ?? 0;
  }
  type Acc = {
    n: number;
    c50: number;
    c95: number;
    wis: number;
    wisN: number;
    rel: number;
    relN: number;
    undef: number;
  };
  const blank = (): Acc => ({ n: 0, c50: 0, c95: 0, wis: 0, wisN: 0, rel: 0, relN: 0, undef: 0 });
  const names: Array<NowcastMethod | 'reported'> = [...opts.methods, 'reported'];
  const acc = new Map<string, Acc>();
  const get = (m: string, h: number | 'all') => {
    const key = `${m}:${h}`;
    let a = acc.get(key);
    if (!a) acc.set(key, (a = blank()));
    return a;
  };
  const dates: string[] = [];
  const skipped: string[] = [];
  opts.nowDays.forEach((nowDay, i) => {
    const lastPeriod = lastCompletePeriod(nowDay, unit);
    if (lastPeriod + D > finalPeriod) {
      skipped.push(periodStartDate(lastPeriod + 1, unit));
      return;
    }
    const firstPeriod = opts.history ? lastPeriod - opts.history + 1 : undefined;
    const { triangle } = triangleFromCases(cases as CaseRecord[], { unit, lastPeriod, maxDelay: D, firstPeriod });
    dates.push(periodStartDate(lastPeriod + 1, unit));
    const T = triangle.counts.length;
    const results = new Map<string, Nowcast>();
    for (const m of opts.methods) results.set(m, runNowcast(triangle, m, opts.methodOptions));
    for (let h = 0; h < D && h < T; h++) {
      const t = T - 1 - h;
      const y = truth!(triangle.firstPeriod + t);
      for (const m of names) {
        const r = reportedOf(triangle.counts[t]!);
        const p = m === 'reported' ? { estimate: r, lo50: r, hi50: r, lo95: r, hi95: r } : results.get(m)!.periods[t]!;
        for (const a of [get(m, h), get(m, 'all')]) {
          a.n++;
          if (!Number.isFinite(p.estimate) || !Number.isFinite(p.hi95)) {
            a.undef++;
            continue;
          }
          if (y >= p.lo50 && y <= p.hi50) a.c50++;
          if (y >= p.lo95 && y <= p.hi95) a.c95++;
          a.wis += weightedIntervalScore(
            p.estimate,
            [
              { lo: p.lo50, hi: p.hi50, alpha: 0.5 },
              { lo: p.lo95, hi: p.hi95, alpha: 0.05 },
            ],
            y,
          );
          a.wisN++;
          if (y > 0) {
            a.rel += (p.estimate - y) / y;
            a.relN++;
          }
        }
      }
    }
    opts.onProgress?.(i + 1, opts.nowDays.length);
  });
  const scores: BacktestScore[] = [];
  for (const m of names) {
    for (const h of ['all' as const, ...Array.from({ length: D }, (_, h) => h)]) {
      const a = acc.get(`${m}:${h}`);
      if (!a) continue;
      scores.push({
        method: m,
        horizon: h,
        n: a.n,
        coverage50: a.c50 / a.n,
        coverage95: a.c95 / a.n,
        wis: a.wisN > 0 ? a.wis / a.wisN : Number.NaN,
        meanRelError: a.relN > 0 ? a.rel / a.relN : Number.NaN,
        undefinedCount: a.undef,
      });
    }
  }
  return { dates, skippedDates: skipped, scores };
}

function reportedOf(row: ReadonlyArray<number>): number {
  let s = 0;
  for (const v of row) if (!Number.isNaN(v)) s += v;
  return s;
}
