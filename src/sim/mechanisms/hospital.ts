import { p, type ParamSpecs } from '../params-spec.ts';
import { gammaMean } from '../samplers.ts';
import type { Uniform } from '../rng.ts';

// docs/model.md §3 and §5: wounded go to hospital and come back to the front without a medical board
// (mt-2023-12-05); most desert after being wounded and treated (mt-2023-12-05): the β_wound term for 14 days after discharge.
export const params = {
  treatmentDaysMean: p(30, 3, 180, 'days', 'docs/model.md §5 (treatment time)', 'mean days in hospital (gamma, shape 2)'),
  invalidedShare: p(0.08, 0, 1, 'share per wound', 'docs/model.md §5 (a small share is discharged); mt-2023-12-05 (no medical board)', 'chance a wound ends service, times the number of wounds'),
  beta: p(0.8, 0, 4, 'log-hazard per (1 + wounds)', 'docs/model.md §3 β_wound; mt-2023-12-05', 'hazard term in the 14 days after discharge from hospital'),
  windowDays: p(14, 1, 90, 'days', 'docs/model.md §3 (discharged in the last 14 days)', 'days after discharge during which the wound term applies', true),
} satisfies ParamSpecs;

export function treatmentDays(u: Uniform, P: Record<string, number>): number {
  return Math.max(1, Math.round(gammaMean(u, P['hospital.treatmentDaysMean'], 2)));
}

/** Chance that this wound (the n-th) ends service. */
export function invalidedProbability(wounds: number, P: Record<string, number>): number {
  return Math.min(1, P['hospital.invalidedShare'] * wounds);
}

/** Hazard factor exp(β_wound·(1 + wounds)) by wound count (table, wounds capped at 7). */
export function woundFactors(P: Record<string, number>): Float64Array {
  const t = new Float64Array(8);
  for (let w = 0; w < 8; w++) t[w] = Math.exp(P['hospital.beta'] * (1 + w));
  return t;
}
