import { type BaselineOptions, baselineNowcast } from './baseline.ts';
import { type BayesOptions, bayesNowcast } from './bayes.ts';
import { chainLadderNowcast } from './chain-ladder.ts';
import type { Nowcast, NowcastMethod } from './nowcast-result.ts';
import type { ReportingTriangle } from './triangle.ts';

export interface MethodOptions {
  baseline?: BaselineOptions;
  bayes?: BayesOptions;
}

/** Runs one method by name on a triangle. */
export function runNowcast(tri: ReportingTriangle, method: NowcastMethod, opts: MethodOptions = {}): Nowcast {
  if (method === 'chainladder') return chainLadderNowcast(tri);
  if (method === 'baseline') return baselineNowcast(tri, opts.baseline);
  return bayesNowcast(tri, opts.bayes);
}
