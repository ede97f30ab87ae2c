// Choosing a log-linear model: the exhaustive AIC/BIC ranking (J ≤ 5) and Chan–Silverman–Vincent stepwise.
import { closure, enumerateHierarchical, defaultMaxOrder, type HierarchicalModel } from './hierarchical-models.ts';
import { fitLoglinear, type LoglinearFit } from './loglinear-fit.ts';
import { poissonTails } from './special.ts';
import type { PatternTable } from './table.ts';

export type Criterion = 'bic' | 'aic';

export interface Ranking {
  /** Models whose estimate exists, best first. */
  ranked: LoglinearFit[];
  /** Models rejected by the existence or identifiability check. */
  rejected: LoglinearFit[];
  criterion: Criterion;
}

export const MAX_EXHAUSTIVE_LISTS = 5;

/** Fit every hierarchical model (up to maxOrder) and rank the admissible ones by AIC or BIC. */
export function rankModels(
  table: PatternTable,
  opts: { maxOrder?: number; criterion?: Criterion; models?: HierarchicalModel[] } = {},
): Ranking {
  const j = table.lists.length;
  const criterion = opts.criterion ?? 'bic';
  if (!opts.models && j > MAX_EXHAUSTIVE_LISTS)
    throw new Error(`the exhaustive search covers at most ${MAX_EXHAUSTIVE_LISTS} lists; use stepwise for ${j}`);
  const models = opts.models ?? enumerateHierarchical(j, opts.maxOrder ?? defaultMaxOrder(j));
  const ranked: LoglinearFit[] = [];
  const rejected: LoglinearFit[] = [];
  for (const m of models) {
    const f = fitLoglinear(table, m);
    if (f.code === 0 && f.converged && Number.isFinite(f.estimate)) ranked.push(f);
    else rejected.push(f);
  }
  ranked.sort((a, b) => a[criterion] - b[criterion]);
  return { ranked, rejected, criterion };
}

export interface StepwiseResult {
  selected: LoglinearFit;
  /** The pairs added, in order, with their p-values. */
  steps: Array<{ added: string; pValue: number; estimate: number }>;
  pThreshold: number;
}

/**
 * Start from independence; add the two-list interaction whose observed overlap is least likely under the
 * current fit (two-sided Poisson tail), while that p-value is below pThreshold (default 0.02).
 */
export function stepwiseSelect(table: PatternTable, pThreshold = 0.02): StepwiseResult {
  const j = table.lists.length;
  const y = table.counts;
  const gens: number[] = [];
  let current = fitLoglinear(table, closure(j, gens));
  if (current.code !== 0) throw new Error('the independence model has no estimate for this table');
  const steps: StepwiseResult['steps'] = [];
  for (;;) {
    let best: { pair: number; p: number } | null = null;
    for (let a = 0; a < j; a++)
      for (let b = a + 1; b < j; b++) {
        const pair = (1 << a) | (1 << b);
        if (current.model.terms.includes(pair)) continue;
        let observed = 0;
        let expected = 0;
        current.prepared.cells.forEach((c, i) => {
          if ((c & pair) === pair) {
            observed += y[c]!;
            expected += current.fit!.mu[i]!;
          }
        });
        const { lower, upper } = poissonTails(observed, expected);
        const p = Math.min(lower, upper);
        if (!best || p < best.p) {
          // A pair whose model has no estimate is not a candidate.
          const trial = fitLoglinear(table, closure(j, [...gens, pair]));
          if (trial.code === 0 && trial.converged) best = { pair, p };
        }
      }
    if (!best || best.p >= pThreshold) break;
    gens.push(best.pair);
    current = fitLoglinear(table, closure(j, gens));
    steps.push({ added: current.name, pValue: best.p, estimate: current.estimate });
  }
  return { selected: current, steps, pThreshold };
}
