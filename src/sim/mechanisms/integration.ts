import { p, type ParamSpecs } from '../params-spec.ts';
import { defineMechanism, type Resolved } from '../mechanism.ts';

// docs/model.md §3: β_new · exp(−daysInUnit / 30): newcomers not yet integrated leave more (S40:
// 27% of US deserters cited problems adapting to army life).
export const params = {
  beta: p(
    1.0,
    0,
    4,
    'log-hazard',
    'docs/model.md §3 β_new; S40 (problems adapting)',
    'hazard term for a soldier new to his unit',
  ),
  tauDays: p(30, 1, 365, 'days', 'docs/model.md §3 (exp(−daysInUnit/30))', 'time scale of integration'),
} satisfies ParamSpecs;

export type IntegrationParams = Resolved<typeof params>;

/** Days after which the term is ignored (below 1% of its start value). */
export function horizonDays(p: IntegrationParams): number {
  return Math.ceil(p.tauDays * 4.6);
}

/** Hazard factors exp(β_new·exp(−d/τ)) for d = 0 .. horizon−1. */
export function newcomerFactors(p: IntegrationParams): Float64Array {
  const n = horizonDays(p);
  const t = new Float64Array(n);
  for (let d = 0; d < n; d++) t[d] = Math.exp(p.beta * Math.exp(-d / p.tauDays));
  return t;
}

export const mechanism = defineMechanism({
  name: 'integration',
  summary: 'newcomers not yet integrated in their unit leave more',
  params,
});
