import { p, type ParamSpecs } from '../params-spec.ts';
import { defineMechanism, type Resolved } from '../mechanism.ts';

// docs/model.md §3: β_fatigue · min(daysWithoutRotation / 365, 2) — no rotation, no end in sight (mt-2023-12-05).
export const params = {
  beta: p(
    0.7,
    0,
    3,
    'log-hazard per year without rotation',
    'docs/model.md §3 β_fatigue; mt-2023-12-05 (no rotation)',
    'hazard term per year a unit has gone without rotation (capped at 2 years)',
  ),
} satisfies ParamSpecs;

export type FatigueParams = Resolved<typeof params>;

export function fatigueTerm(daysWithoutRotation: number, p: FatigueParams): number {
  return p.beta * Math.min(daysWithoutRotation / 365, 2);
}

export const mechanism = defineMechanism({
  name: 'fatigue',
  summary: 'no rotation, no end in sight: hazard grows with a unit’s time without rotation',
  params,
  hooks: (p) => ({ unitTerm: (v) => fatigueTerm(v.daysSinceRotation, p) }),
});
