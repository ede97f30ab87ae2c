import { p, type ParamSpecs } from '../params-spec.ts';
import { defineMechanism, type Resolved } from '../mechanism.ts';

// docs/model.md §3: a unit whose cohesion is above a threshold and morale below one has a daily chance
// of a group event in which a large share leaves together (S33, S34: deserters reported ~80% of their
// units leaving, ~15% of those caught).
export const params = {
  pEvent: p(
    0.002,
    0,
    0.2,
    'per unit-day',
    'docs/model.md §3 collective desertion; S33, S34',
    'daily probability of a group event in an eligible unit',
  ),
  cohesionMin: p(
    0.6,
    0,
    1,
    '0–1',
    'docs/model.md §3 (cohesion above a threshold)',
    'cohesion above which a group event can happen',
  ),
  moraleMax: p(0.3, 0, 1, '0–1', 'docs/model.md §3 (morale below one)', 'morale below which a group event can happen'),
  share: p(
    0.5,
    0,
    1,
    'share of the unit at the front',
    'docs/model.md §3; S33 (~80% of units leaving)',
    'share of front soldiers who leave in a group event',
  ),
} satisfies ParamSpecs;

export type CollectiveParams = Resolved<typeof params>;

export function eligible(C: number, M: number, p: CollectiveParams): boolean {
  return C > p.cohesionMin && M < p.moraleMax;
}

export const mechanism = defineMechanism({
  name: 'collective',
  summary: 'group events: a cohesive unit with broken morale leaves together',
  params,
  flows: ['groupEvents', 'groupLeavers'],
  hooks: (p) => ({
    day: (t) => {
      t.groupShare = p.share;
    },
  }),
});
