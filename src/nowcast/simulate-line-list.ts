import { dayNumber } from '../domain/index.ts';
import { type PeriodUnit, periodOfDay } from './periods.ts';
import { logGamma } from '../stats/index.ts';
import { Rng } from './rng.ts';
import type { CaseRecord } from './triangle.ts';

/**
 * A seeded world of court cases with a known truth, for backtests and coverage studies until the
 * simulation's own court list exists. Offences arrive as a Poisson process whose log rate follows a
 * yearly cycle plus a slow random walk; each case reaches its verdict after a delay drawn from a
 * discretised gamma (about five months by default), so recent months look like a fall.
 */
export interface SimulateLineListOptions {
  seed: number;
  /** First offence date (ISO). */
  start: string;
  /** Number of offence days. */
  days: number;
  /** Expected number of cases over the whole span (sets the base rate). */
  expectedCases: number;
  /** Delay from offence to verdict, in days: discretised gamma, truncated at maxDays. */
  delayMeanDays?: number;
  delaySdDays?: number;
  delayMaxDays?: number;
  /** Amplitude of the yearly cycle of the log rate. */
  seasonalAmplitude?: number;
  /** Standard deviation per day of the random walk on the log rate. */
  randomWalkSd?: number;
}

export interface SimulatedLineList {
  cases: CaseRecord[];
  /** Delay pmf in days (index = days from offence to verdict). */
  delayPmfDays: Float64Array;
  /** First offence day (day number) and true offences per day. */
  firstDay: number;
  trueDaily: Int32Array;
  /** Last verdict day among all cases: once the list reaches it, every case is in. */
  lastReportDay: number;
}

/** Discretised gamma pmf on 0 … maxDays (density at day midpoints, normalised). */
export function gammaDelayPmf(meanDays: number, sdDays: number, maxDays: number): Float64Array {
  const shape = (meanDays / sdDays) ** 2;
  const rate = meanDays / (sdDays * sdDays);
  const pmf = new Float64Array(maxDays + 1);
  let s = 0;
  for (let d = 0; d <= maxDays; d++) {
    const x = d + 0.5;
    pmf[d] = Math.exp(shape * Math.log(rate) + (shape - 1) * Math.log(x) - rate * x - logGamma(shape));
    s += pmf[d]!;
  }
  for (let d = 0; d <= maxDays; d++) pmf[d]! /= s;
  return pmf;
}

export function simulateLineList(opts: SimulateLineListOptions): SimulatedLineList {
  const rng = new Rng(opts.seed);
  const pmf = gammaDelayPmf(opts.delayMeanDays ?? 150, opts.delaySdDays ?? 60, opts.delayMaxDays ?? 365);
  const cdf = new Float64Array(pmf.length);
  pmf.reduce((s, p, d) => (cdf[d] = s + p), 0);
  cdf[cdf.length - 1] = 1;
  const amp = opts.seasonalAmplitude ?? 0.2;
  const rwSd = opts.randomWalkSd ?? 0.01;
  const firstDay = dayNumber(opts.start);

  const logRate = new Float64Array(opts.days);
  let walk = 0;
  let norm = 0;
  for (let i = 0; i < opts.days; i++) {
    walk += rwSd * rng.normal();
    logRate[i] = walk + amp * Math.sin((2 * Math.PI * i) / 365.25);
    norm += Math.exp(logRate[i]!);
  }
  const scale = opts.expectedCases / norm;
  const trueDaily = new Int32Array(opts.days);
  const cases: CaseRecord[] = [];
  let lastReportDay = firstDay;
  for (let i = 0; i < opts.days; i++) {
    const n = rng.poisson(scale * Math.exp(logRate[i]!));
    trueDaily[i] = n;
    for (let c = 0; c < n; c++) {
      const delay = drawFromCdf(cdf, rng.uniform());
      const report = firstDay + i + delay;
      if (report > lastReportDay) lastReportDay = report;
      cases.push({ event: firstDay + i, report });
    }
  }
  return { cases, delayPmfDays: pmf, firstDay, trueDaily, lastReportDay };
}

function drawFromCdf(cdf: Float64Array, u: number): number {
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cdf[mid]! > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** True offences per period (period index → count), from the simulated daily truth. */
export function trueCountsByPeriod(sim: SimulatedLineList, unit: PeriodUnit): Map<number, number> {
  const out = new Map<number, number>();
  for (let i = 0; i < sim.trueDaily.length; i++) {
    const p = periodOfDay(sim.firstDay + i, unit);
    out.set(p, (out.get(p) ?? 0) + sim.trueDaily[i]!);
  }
  return out;
}
