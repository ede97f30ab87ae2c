import type { SimOutput } from './abc-smc.ts';
import { type ParamPrior, toWork } from './prior.ts';
import type { Target } from './targets.ts';
import { weightedQuantiles } from './weighted-quantile.ts';

/**
 * The checks a referee asks of a calibration (issue #20), as pure functions of weighted samples:
 * bands, prior against posterior, posterior predictive rows, the Monte Carlo error of the headline and
 * how it widens the published interval. The simulations behind them are run by scripts/bundle-estimate.ts.
 */

export interface Band {
  median: number;
  lo50: number;
  hi50: number;
  lo95: number;
  hi95: number;
}

export interface Weighted {
  theta: number[];
  weight: number;
  output: SimOutput;
}

export function band(values: ArrayLike<number>, weights: ArrayLike<number>): Band {
  // One quantile per probability asked for.
  const [lo95, lo50, median, hi50, hi95] = weightedQuantiles(values, weights, [0.025, 0.25, 0.5, 0.75, 0.975]) as [
    number,
    number,
    number,
    number,
    number,
  ];
  return { median, lo50, hi50, lo95, hi95 };
}

/** The headline (a series' value at its last month, or at month index `at`) over weighted samples. */
export function headlineBand(samples: Weighted[], series: string, at?: number): Band {
  const v = samples.map((s) => {
    const xs = s.output.series?.[series] ?? [];
    const x = xs[at ?? xs.length - 1];
    if (x === undefined) throw new Error(`a sample has no value of series "${series}" at month ${at ?? xs.length - 1}`);
    return x;
  });
  return band(
    v,
    samples.map((s) => s.weight),
  );
}

/** A uniform prior's median and central 95% on its own scale. */
export function priorBand(p: ParamPrior): { low: number; high: number; median: number; lo95: number; hi95: number } {
  const q = (u: number) =>
    p.scale === 'log'
      ? Math.exp(Math.log(p.low) + u * (Math.log(p.high) - Math.log(p.low)))
      : p.low + u * (p.high - p.low);
  return { low: p.low, high: p.high, median: q(0.5), lo95: q(0.025), hi95: q(0.975) };
}

/** Posterior 95% width over the prior's, on the scale the prior is uniform on: near 1, the data did not move it. */
export function widthRatio(p: ParamPrior, post: Band): number {
  const pb = priorBand(p);
  return (toWork(p, post.hi95) - toWork(p, post.lo95)) / (toWork(p, pb.hi95) - toWork(p, pb.lo95));
}

/** The last date in a statistic's name: when the figure it reproduces was counted. */
export function summaryDate(summary: string): string {
  const dates = summary.split(':').filter((x) => /^\d{4}-\d{2}-\d{2}$/.test(x));
  return dates.at(-1) ?? '';
}

const fmt = (x: number) => (Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-US') : x.toPrecision(3));

export interface CheckRowOut {
  id: string;
  label: string;
  summary: string;
  date: string;
  observationIds: string[];
  observed: { value: number; lo: number | null; hi: number | null };
  predicted: Band;
  inside: boolean;
  reason?: string;
}

/**
 * A published figure against fresh simulations: inside when its interval meets the predictive 95%.
 * A miss says by how much, and the target's note says what the figure is.
 */
export function checkRow(t: Target, sims: SimOutput[], weights?: number[], label?: string): CheckRowOut {
  const v = sims.map((s) => {
    const x = s.summaries[t.summary];
    if (x === undefined) throw new Error(`a simulation's output lacks summary "${t.summary}" (target ${t.id})`);
    return x;
  });
  const predicted = band(v, weights ?? v.map(() => 1));
  const inside = t.lo <= predicted.hi95 && t.hi >= predicted.lo95;
  const row: CheckRowOut = {
    id: t.id,
    label: t.note ?? label ?? t.id,
    summary: t.summary,
    date: summaryDate(t.summary),
    observationIds: t.observationIds,
    observed: { value: t.value, lo: Number.isFinite(t.lo) ? t.lo : null, hi: Number.isFinite(t.hi) ? t.hi : null },
    predicted,
    inside,
  };
  if (!inside) {
    const high = t.lo > predicted.hi95;
    const factor = high ? t.lo / Math.max(predicted.median, 1e-9) : predicted.median / Math.max(t.hi, 1e-9);
    row.reason = `observed ${fmt(t.value)} is ${high ? 'above' : 'below'} the predictive 95% (${fmt(predicted.lo95)}–${fmt(predicted.hi95)}): the model's median is ${factor.toFixed(1)}× ${high ? 'lower' : 'higher'}${t.missReason ? `. ${t.missReason}` : ''}`;
  }
  return row;
}

/** Weighted bootstrap of a weighted median: its standard error over `reps` resamples (deterministic in `u`). */
export function bootstrapMedianSe(values: number[], weights: number[], reps: number, u: () => number): number {
  const n = values.length;
  const total = weights.reduce((s, w) => s + w, 0);
  const cum: number[] = [];
  let acc = 0;
  for (const w of weights) cum.push((acc += w / total));
  const meds: number[] = [];
  for (let r = 0; r < reps; r++) {
    const pick: number[] = [];
    for (let i = 0; i < n; i++) {
      const x = u();
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cum[mid]! >= x) hi = mid;
        else lo = mid + 1;
      }
      pick.push(values[lo]!);
    }
    pick.sort((a, b) => a - b);
    meds.push(pick[Math.floor(n / 2)]!);
  }
  const m = meds.reduce((s, x) => s + x, 0) / reps;
  return Math.sqrt(meds.reduce((s, x) => s + (x - m) ** 2, 0) / (reps - 1));
}

/**
 * The published interval with the Monte Carlo error folded in: the widest of the pooled and every
 * replicate's 95% bounds, each end pushed out by two standard errors, then rounded outward.
 */
export function foldMonteCarlo(
  pooled: Band,
  replicates: Array<{ lo95: number; hi95: number }>,
  se: number,
  roundTo: number,
): Band {
  const lo = Math.min(pooled.lo95, ...replicates.map((r) => r.lo95)) - 2 * se;
  const hi = Math.max(pooled.hi95, ...replicates.map((r) => r.hi95)) + 2 * se;
  const down = (x: number) => Math.floor(x / roundTo) * roundTo;
  const up = (x: number) => Math.ceil(x / roundTo) * roundTo;
  return {
    median: pooled.median,
    lo50: down(pooled.lo50),
    hi50: up(pooled.hi50),
    lo95: Math.max(0, down(lo)),
    hi95: up(hi),
  };
}
