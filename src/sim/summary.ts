import type { SimResult } from './engine.ts';
import { isStock, monthly, months, sourceSeries } from './observe.ts';

// What one run contributes to an ensemble: end-of-run totals and monthly series (small, so
// that runs travel between threads cheaply).

export const TOTAL_NAMES = [
  'awolEver',
  'desertedAbroad',
  'surrendered',
  'refused',
  'caught',
  'returnedWithoutCase',
  'casesReceived',
  'verdicts',
  'ngoRequests',
  'killed',
  'strength',
] as const;
export type TotalName = (typeof TOTAL_NAMES)[number];

export interface RunSummary {
  run: number;
  seed: number;
  months: string[];
  totals: Record<TotalName, number>;
  monthly: Record<string, number[]>;
}

function sum(a: Int32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s;
}

export function totals(r: SimResult): Record<TotalName, number> {
  const F = r.flows;
  return {
    awolEver: sum(F.awolFirst),
    desertedAbroad: sum(F.arrivedAbroad),
    surrendered: sum(F.surrendered),
    refused: sum(F.refused),
    caught: sum(F.caught),
    returnedWithoutCase: sum(F.returnedWithoutCase),
    casesReceived: sum(F.casesReceived),
    verdicts: sum(F.verdicts),
    ngoRequests: sum(F.ngoRequests),
    killed: sum(F.killed),
    strength: r.stocks.strength[r.days - 1]!,
  };
}

export function summarise(r: SimResult, run: number): RunSummary {
  const series = sourceSeries(r);
  const monthlySeries: Record<string, number[]> = {};
  for (const [name, values] of Object.entries(series)) monthlySeries[name] = monthly(r, values, isStock(name));
  return { run, seed: r.seed, months: months(r).map((m) => m.month), totals: totals(r), monthly: monthlySeries };
}
