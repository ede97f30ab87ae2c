import { quantileSorted as quantile } from '../stats/index.ts';
import type { RunSummary } from '../sim/index.ts';
import type { BandPoint } from './fan-chart.ts';
import type { Flow } from './sankey-chart.ts';

/** The monthly series the fan chart shows: persons going AWOL for the first time. */
export const FAN_SERIES = 'truth.awolFirst';

/** One scenario's ensemble, reduced to what the scenarios view draws (plain data: it travels as JSON). */
export interface ScenarioResult {
  scenario: string;
  runs: number;
  /** Median, 50% and 90% bands per month of FAN_SERIES. */
  fan: BandPoint[];
  /** Where soldiers went: median totals over the runs. */
  flows: Flow[];
  /** Persons ever AWOL as a percentage of persons who ever served: median and 90% band over runs. */
  share: { median: number; lo90: number; hi90: number };
}

const sorted = (v: number[]) => [...v].sort((a, b) => a - b);
const median = (v: number[]) => quantile(sorted(v), 0.5);
const sumOf = (a: number[] | undefined) => (a ?? []).reduce((s, x) => s + x, 0);
const last = (a: number[] | undefined) => (a && a.length ? a[a.length - 1]! : 0);

export function summariseScenario(scenario: string, runs: RunSummary[]): ScenarioResult {
  if (runs.length === 0) throw new RangeError(`${scenario}: no finished runs`);
  const months = runs[0]!.months;
  const fan: BandPoint[] = months.map((m, i) => {
    const v = sorted(runs.map((r) => r.monthly[FAN_SERIES]?.[i] ?? 0));
    return {
      x: m,
      median: quantile(v, 0.5),
      lo50: quantile(v, 0.25),
      hi50: quantile(v, 0.75),
      lo90: quantile(v, 0.05),
      hi90: quantile(v, 0.95),
    };
  });
  const med = (f: (r: RunSummary) => number) => median(runs.map(f));
  // Totals are counts over the whole run; the end stocks say where people are on the last day.
  const flows: Flow[] = [
    { from: 'Served', to: 'Front (end)', value: med((r) => last(r.monthly['truth.front'])) },
    { from: 'Served', to: 'On leave (end)', value: med((r) => last(r.monthly['truth.onLeave'])) },
    { from: 'Served', to: 'Killed', value: med((r) => r.totals.killed) },
    { from: 'Served', to: 'Surrendered', value: med((r) => r.totals.surrendered) },
    { from: 'Served', to: 'AWOL', value: med((r) => r.totals.awolEver) },
    { from: 'AWOL', to: 'Abroad', value: med((r) => r.totals.desertedAbroad) },
    { from: 'AWOL', to: 'Caught', value: med((r) => r.totals.caught) },
    { from: 'Caught', to: 'Court', value: med((r) => r.totals.casesReceived) },
    { from: 'Court', to: 'Prison', value: med((r) => sumOf(r.monthly['truth.prisonVerdicts'])) },
    { from: 'Court', to: 'Suspended sentence', value: med((r) => sumOf(r.monthly['truth.suspendedVerdicts'])) },
  ];
  const shares = sorted(runs.map((r) => (100 * r.totals.awolEver) / Math.max(1, last(r.monthly['truth.persons']))));
  return {
    scenario,
    runs: runs.length,
    fan,
    flows,
    share: { median: quantile(shares, 0.5), lo90: quantile(shares, 0.05), hi90: quantile(shares, 0.95) },
  };
}
