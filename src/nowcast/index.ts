// What src/nowcast offers the other stages; they import it only through this file.
export { backtest, backtestDays } from './backtest.ts';
export type { BacktestResult } from './backtest.ts';
export { allocateCumulative, parseReadings } from './cumulative-totals.ts';
export type { CumulativeAllocation } from './cumulative-totals.ts';
export { suggestMaxDelay, validateCaseRows } from './line-list.ts';
export type { OnBadRows, RawCaseRow } from './line-list.ts';
export { NOWCAST_METHODS } from './nowcast-result.ts';
export type { Nowcast, NowcastMethod, PeriodNowcast } from './nowcast-result.ts';
export { DATE_KINDS, alignToLabels, detectPeriodLabels, relabel } from './period-labels.ts';
export type { DateKind, PeriodLabels } from './period-labels.ts';
export { PERIOD_UNITS, lastCompletePeriod, periodEndDay, periodOfDate, periodStartDay } from './periods.ts';
export type { PeriodUnit } from './periods.ts';
export { backtestProjection, borrowedVolatility, pooledVolatility, projectTotals } from './project-totals.ts';
export type {
  PooledSeries,
  ProjectedPeriod,
  ProjectionCheck,
  ProjectionOptions,
  TotalsProjection,
} from './project-totals.ts';
export { runNowcast } from './run-nowcast.ts';
export { simulateLineList } from './simulate-line-list.ts';
export { triangleFromCases } from './triangle.ts';
export type { CaseRecord, ReportingTriangle } from './triangle.ts';
