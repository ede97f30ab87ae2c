// Bootstrap intervals with model re-selection inside every replicate, BCa-adjusted (Silverman, Chan & Vincent).
import { multinomial } from '../random/index.ts';
import { normalCdf, normalQuantile, quantileSorted } from '../stats/index.ts';
import { createRng } from './random/rng.ts';
import type { PatternTable } from './table.ts';

/** Selects a model on a table and returns its N̂ (NaN when no model is admissible). */
export type Selector = (table: PatternTable) => number;

export interface BootstrapResult {
  interval: [number, number];
  /** Percentile interval, for comparison with the BCa one. */
  percentile: [number, number];
  level: number;
  replicates: number;
  failedReplicates: number;
  biasCorrection: number;
  acceleration: number;
}

/**
 * Multinomial resampling of the n observed people over the observed cells; each replicate re-runs `select`.
 * The jackknife for the acceleration deletes one person at a time (grouped by cell, so at most 2^J − 1 refits).
 */
export function bootstrapInterval(
  table: PatternTable,
  select: Selector,
  opts: { replicates?: number; seed?: number; level?: number } = {},
): BootstrapResult {
  const b = opts.replicates ?? 1000;
  const level = opts.level ?? 0.95;
  const rng = createRng(opts.seed ?? 1, 7919);
  const y = table.counts;
  let n = 0;
  for (let c = 1; c < y.length; c++) n += y[c]!;
  const theta = select(table);
  const draws: number[] = [];
  const replicate: PatternTable = { lists: table.lists, counts: new Float64Array(y.length) };
  const weights = Float64Array.from(y);
  for (let r = 0; r < b; r++) {
    multinomial(rng.uniform01, n, weights, replicate.counts);
    replicate.counts[0] = 0;
    const est = select(replicate);
    if (Number.isFinite(est)) draws.push(est);
  }
  const sorted = Float64Array.from(draws).sort();
  const alpha = (1 - level) / 2;
  const percentile: [number, number] = [quantileSorted(sorted, alpha), quantileSorted(sorted, 1 - alpha)];
  // Bias correction.
  let below = 0;
  for (const d of draws) below += d < theta ? 1 : d === theta ? 0.5 : 0;
  const prop = Math.min(
    Math.max(below / Math.max(draws.length, 1), 1 / (draws.length + 1)),
    draws.length / (draws.length + 1),
  );
  const z0 = normalQuantile(prop);
  // Acceleration from the grouped jackknife.
  const jack: Array<{ w: number; v: number }> = [];
  const minus: PatternTable = { lists: table.lists, counts: Float64Array.from(y) };
  for (let c = 1; c < y.length; c++) {
    if (y[c]! <= 0) continue;
    minus.counts[c]! -= 1;
    const v = select(minus);
    minus.counts[c]! += 1;
    if (Number.isFinite(v)) jack.push({ w: y[c]!, v });
  }
  let wSum = 0,
    mean = 0;
  for (const { w, v } of jack) {
    wSum += w;
    mean += w * v;
  }
  mean /= wSum || 1;
  let num = 0,
    den = 0;
  for (const { w, v } of jack) {
    const d = mean - v;
    num += w * d * d * d;
    den += w * d * d;
  }
  const acc = den > 0 ? num / (6 * Math.pow(den, 1.5)) : 0;
  const adjust = (q: number) => {
    const zq = normalQuantile(q);
    return normalCdf(z0 + (z0 + zq) / (1 - acc * (z0 + zq)));
  };
  const interval: [number, number] = draws.length
    ? [quantileSorted(sorted, adjust(alpha)), quantileSorted(sorted, adjust(1 - alpha))]
    : [NaN, NaN];
  return {
    interval,
    percentile,
    level,
    replicates: b,
    failedReplicates: b - draws.length,
    biasCorrection: z0,
    acceleration: acc,
  };
}
