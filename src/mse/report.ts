// Run several MSE methods on one table and lay the answers side by side, so a reader sees how much the
// estimate depends on the method's assumptions.
import { checkOverlap, type OverlapCheck } from './overlap.ts';
import { type PairEstimate, pairwiseEstimates } from './pairwise.ts';
import { estimateDga, type DgaOptions } from './dga.ts';
import type { MseEstimate } from './estimate.ts';
import { estimateLcmcr, type LcmcrOptions } from './lcmcr.ts';
import { estimateFixedModel, estimateLoglinear, estimateStepwise, type LoglinearOptions } from './loglinear.ts';
import { observedTotal, type PatternTable } from './table.ts';
import { chapman, lincolnPetersen } from './two-list.ts';

export const METHODS = ['lincoln', 'chapman', 'loglinear', 'stepwise', 'dga', 'lcmcr'] as const;
export type MseMethod = (typeof METHODS)[number];

export interface MseOptions {
  seed?: number;
  level?: number;
  loglinear?: LoglinearOptions;
  /** Fit this one log-linear model (e.g. "[12,3]") instead of selecting one. */
  model?: string;
  dga?: DgaOptions;
  lcmcr?: LcmcrOptions;
}

/** A method that could not produce an estimate for this table, and why. */
export interface MseFailure {
  method: MseMethod;
  error: string;
}

export interface SensitivityRow {
  method: string;
  model: string;
  estimate: number;
  interval: [number, number];
  /** Estimate divided by the median of all methods' estimates. */
  relative: number;
}

export interface MseReport {
  lists: string[];
  observed: number;
  results: MseEstimate[];
  failures: MseFailure[];
  /** One row per method that produced an estimate. */
  sensitivity: SensitivityRow[];
  /** Largest estimate over smallest: 1 means the methods agree. */
  spread: number;
  /** Chapman on every pair of lists against the median estimate (3 lists or more): where lists depend on each other. */
  pairwise: PairEstimate[];
  /** Whether the lists overlap enough to identify the population; a refusal there is every method's failure. */
  overlap: OverlapCheck;
  /** The overlap warnings: the table's, not any one method's. */
  warnings: string[];
}

/** The methods that apply to a table with this many lists ("all"). */
export function applicableMethods(lists: number): MseMethod[] {
  if (lists === 2) return ['lincoln', 'chapman', 'loglinear'];
  return lists <= 5 ? ['loglinear', 'stepwise', 'dga', 'lcmcr'] : ['stepwise', 'lcmcr'];
}

export function runMethod(t: PatternTable, method: MseMethod, opts: MseOptions = {}): MseEstimate {
  const level = opts.level ?? 0.95;
  const seed = opts.seed ?? 1;
  switch (method) {
    case 'lincoln':
      return lincolnPetersen(t, { level });
    case 'chapman':
      return chapman(t, { level });
    case 'loglinear':
      if (opts.model) return estimateFixedModel(t, opts.model, { level });
      return estimateLoglinear(t, { seed, level, ...opts.loglinear });
    case 'stepwise':
      return estimateStepwise(t, { seed, level, ...opts.loglinear });
    case 'dga':
      return estimateDga(t, { level, ...opts.dga });
    case 'lcmcr':
      return estimateLcmcr(t, { seed, level, ...opts.lcmcr });
  }
}

export function runMethods(t: PatternTable, methods: readonly MseMethod[], opts: MseOptions = {}): MseReport {
  const results: MseEstimate[] = [];
  const failures: MseFailure[] = [];
  const overlap = checkOverlap(t);
  for (const m of methods) {
    if (overlap.refusal) {
      failures.push({ method: m, error: overlap.refusal });
      continue;
    }
    try {
      results.push(runMethod(t, m, opts));
    } catch (e) {
      failures.push({ method: m, error: e instanceof Error ? e.message : String(e) });
    }
  }
  const estimates = results
    .map((r) => r.estimate)
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  const mid = estimates.length
    ? (estimates[Math.floor((estimates.length - 1) / 2)]! + estimates[Math.ceil((estimates.length - 1) / 2)]!) / 2
    : NaN;
  const sensitivity = results.map((r) => ({
    method: r.method,
    model: r.model,
    estimate: r.estimate,
    interval: r.interval,
    relative: r.estimate / mid,
  }));
  const spread = estimates.length ? estimates[estimates.length - 1]! / estimates[0]! : NaN;
  // Shown even without a reference (a refused table): which pairs share nobody is the point then.
  const pairwise = t.lists.length >= 3 ? pairwiseEstimates(t, mid, opts.level ?? 0.95) : [];
  return {
    lists: t.lists,
    observed: observedTotal(t),
    results,
    failures,
    sensitivity,
    spread,
    pairwise,
    overlap,
    warnings: overlap.warnings,
  };
}
