import { p, type ParamSpecs } from '../params-spec.ts';
import { defineMechanism, type Resolved } from '../mechanism.ts';
import { dayNumber } from '../../domain/index.ts';

// docs/model.md §3: β_family · familySupport · publicSympathy(t); sympathy with evaders rose from 17%
// (Oct 2022) to 47% (Feb 2023) ("Chronicles" surveys, S60).
export const params = {
  beta: p(
    0.8,
    0,
    4,
    'log-hazard',
    'docs/model.md §3 β_family; literature-rerussia-2023-09-22 (Koehler/Albrecht/Ohl)',
    'hazard term of family support times public sympathy',
  ),
  sympathyScale: p(
    1,
    0,
    2.1,
    'multiplier',
    'docs/model.md §8 sympathy-up; S60 (17% → 47%)',
    'multiplier on the public-sympathy path (capped at 1)',
  ),
} satisfies ParamSpecs;

export type SupportParams = Resolved<typeof params>;

const S0 = dayNumber('2022-10-01');
const S1 = dayNumber('2023-02-01');

/** Share of the public sympathetic to evaders on a day: 0.17 until Oct 2022, 0.47 from Feb 2023, linear between. */
export function publicSympathy(day: number, p: SupportParams): number {
  const base = day <= S0 ? 0.17 : day >= S1 ? 0.47 : 0.17 + (0.3 * (day - S0)) / (S1 - S0);
  return Math.min(1, base * p.sympathyScale);
}

/** η term for family-support level f in [0, 1]. */
export function supportTerm(f: number, day: number, p: SupportParams): number {
  return p.beta * f * publicSympathy(day, p);
}

export const mechanism = defineMechanism({
  name: 'support',
  summary: 'family support times public sympathy with evaders raises leaving',
  params,
  hooks: (p) => ({ dayTerm: (c) => supportTerm(c.family, c.day, p) }),
});
