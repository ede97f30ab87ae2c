import { p, type ParamSpecs } from '../params-spec.ts';

// docs/model.md §3: β_disc · discriminated · (1 + suspicion(t)): discrimination and self-fulfilling
// suspicion (rerussia-2023-09-22, Lyall; Syria; McLauchlin: punishment without an attempt provokes desertion).
export const params = {
  beta: p(0.4, 0, 3, 'log-hazard', 'docs/model.md §3 β_disc; lyall-rerussia-2023-09-22 (military inequality)', 'extra hazard for a soldier from a discriminated group'),
  suspicion: p(0.5, 0, 5, '≥0', 'docs/model.md §3 suspicion(t); rerussia-2023-09-22 (McLauchlin)', 'level of indiscriminate suspicion of the group'),
} satisfies ParamSpecs;

export function discriminationTerm(discriminated: boolean, P: Record<string, number>): number {
  return discriminated ? P['discrimination.beta'] * (1 + P['discrimination.suspicion']) : 0;
}
