import { p, type ParamSpecs } from '../params-spec.ts';
import { defineMechanism, type Resolved } from '../mechanism.ts';

// docs/model.md §3: cohesionTerm(C, M) = −a·C·M + b·C·(1 − M) + c·(1 − C). With high morale cohesion
// protects; once morale breaks the same cohesion drives collective flight; isolation always adds
// risk (rerussia-2023-09-22, McLauchlin). Cohesion grows with time together and falls with churn; morale falls with
// casualties, fatigue and comrades leaving, and recovers with rest or rotation.
export const params = {
  a: p(1.2, 0, 5, 'log-hazard', 'docs/model.md §3 cohesionTerm a', 'protection by cohesion when morale is high'),
  b: p(
    1.0,
    0,
    5,
    'log-hazard',
    'docs/model.md §3 cohesionTerm b',
    'collective flight when cohesion is high and morale low',
  ),
  c: p(0.8, 0, 5, 'log-hazard', 'docs/model.md §3 cohesionTerm c', 'risk of isolation (low cohesion)'),
  buildDays: p(
    90,
    5,
    1000,
    'days',
    'docs/model.md §3 (cohesion grows with time together)',
    'time scale on which cohesion approaches 1',
  ),
  initialCohesion: p(0.5, 0, 1, '0–1', 'docs/model.md §1 unit cohesion', 'cohesion of a new unit'),
  moraleTarget: p(0.7, 0, 1, '0–1', 'docs/model.md §3 (morale recovers with rest)', 'morale a unit recovers towards'),
  moraleRecoveryDays: p(60, 5, 1000, 'days', 'docs/model.md §3', 'time scale of morale recovery'),
  moraleCasualty: p(
    0.5,
    0,
    10,
    'morale per casualty share',
    'docs/model.md §3 (morale falls with casualties)',
    'morale lost per unit of daily casualty share',
  ),
  moraleLeaving: p(
    1,
    0,
    20,
    'morale per leaver share',
    'docs/model.md §3 (comrades leaving)',
    'morale lost per unit of daily leaving share',
  ),
  moraleFatigue: p(
    0.0003,
    0,
    0.01,
    'morale per day',
    'docs/model.md §3 (fatigue)',
    'morale lost per day per year without rotation',
  ),
} satisfies ParamSpecs;

export type CohesionParams = Resolved<typeof params>;

export function cohesionTerm(C: number, M: number, p: CohesionParams): number {
  return -p.a * C * M + p.b * C * (1 - M) + p.c * (1 - C);
}

/** Cohesion after one day with the given share of newcomers (churn). */
export function nextCohesion(C: number, newcomerShare: number, p: CohesionParams): number {
  const c = C + (1 - C) / p.buildDays - C * newcomerShare;
  return c < 0 ? 0 : c > 1 ? 1 : c;
}

/** Morale after one day given today's casualty and leaving shares and the years without rotation. */
export function nextMorale(
  M: number,
  casualtyShare: number,
  leaveShare: number,
  yearsWithoutRotation: number,
  p: CohesionParams,
): number {
  const m =
    M +
    (p.moraleTarget - M) / p.moraleRecoveryDays -
    p.moraleCasualty * casualtyShare -
    p.moraleLeaving * leaveShare -
    p.moraleFatigue * Math.min(yearsWithoutRotation, 2);
  return m < 0 ? 0 : m > 1 ? 1 : m;
}

export const mechanism = defineMechanism({
  name: 'cohesion',
  summary: 'unit cohesion and morale: protective at high morale, a driver of collective flight at low',
  params,
  hooks: (p) => ({ unitTerm: (v) => cohesionTerm(v.cohesion, v.morale, p) }),
});
