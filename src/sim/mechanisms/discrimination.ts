import { p, type ParamSpecs } from '../params-spec.ts';
import { defineMechanism, type Resolved } from '../mechanism.ts';

// docs/model.md §3: β_disc · discriminated · (1 + suspicion(t)): discrimination and self-fulfilling
// suspicion (rerussia-2023-09-22, Lyall; Syria; McLauchlin: punishment without an attempt provokes desertion).
export const params = {
  beta: p(
    0.4,
    0,
    3,
    'log-hazard',
    'docs/model.md §3 β_disc; lyall-rerussia-2023-09-22 (military inequality)',
    'extra hazard for a soldier from a discriminated group',
  ),
  suspicion: p(
    0.5,
    0,
    5,
    '≥0',
    'docs/model.md §3 suspicion(t); rerussia-2023-09-22 (McLauchlin)',
    'level of indiscriminate suspicion of the group',
  ),
} satisfies ParamSpecs;

export type DiscriminationParams = Resolved<typeof params>;

export function discriminationTerm(discriminated: boolean, p: DiscriminationParams): number {
  return discriminated ? p.beta * (1 + p.suspicion) : 0;
}

export const mechanism = defineMechanism({
  name: 'discrimination',
  summary: 'discrimination and indiscriminate suspicion raise leaving for a group',
  params,
  flags: ['DISCRIMINATED'],
  hooks: (p) => ({ dayTerm: (c) => discriminationTerm(c.discriminated, p) }),
});
