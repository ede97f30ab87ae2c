import { quantileSorted as quantile } from '../../stats/index.ts';
import { TOTAL_NAMES, type RunSummary, type TotalName } from '../summary.ts';

// Ensembles reduce to the median and 10/50/90% bands per series (Covasim/Starsim convention).

export interface Bands {
  p10: number[];
  p50: number[];
  p90: number[];
}

// The one quantile (type 7) lives in stats; re-exported under the name the ensemble code uses.
export { quantile };

export interface EnsembleSummary {
  runs: number;
  months: string[];
  totals: Record<TotalName, number>;
  totalBands: Record<TotalName, { p10: number; p50: number; p90: number }>;
  series: Record<string, { median: number[]; bands: Bands }>;
}

/** Reduce run summaries (any order; they are sorted by run index first, so the result is order-free). */
export function reduceRuns(summaries: RunSummary[]): EnsembleSummary {
  if (summaries.length === 0) throw new Error('no finished runs to reduce');
  const runs = [...summaries].sort((a, b) => a.run - b.run);
  const first = runs[0]!; // not empty: checked above
  const months = first.months;
  const totals = {} as Record<TotalName, number>;
  const totalBands = {} as Record<TotalName, { p10: number; p50: number; p90: number }>;
  for (const k of TOTAL_NAMES) {
    const v = runs.map((r) => r.totals[k]).sort((a, b) => a - b);
    totals[k] = quantile(v, 0.5);
    totalBands[k] = { p10: quantile(v, 0.1), p50: quantile(v, 0.5), p90: quantile(v, 0.9) };
  }
  const series: EnsembleSummary['series'] = {};
  for (const name of Object.keys(first.monthly)) {
    const b: Bands = { p10: [], p50: [], p90: [] };
    const col = new Float64Array(runs.length);
    for (let m = 0; m < months.length; m++) {
      for (let i = 0; i < runs.length; i++) col[i] = runs[i]!.monthly[name]![m]!;
      col.sort();
      b.p10.push(quantile(col, 0.1));
      b.p50.push(quantile(col, 0.5));
      b.p90.push(quantile(col, 0.9));
    }
    series[name] = { median: b.p50, bands: b };
  }
  return { runs: runs.length, months, totals, totalBands, series };
}
