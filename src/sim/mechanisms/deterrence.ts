import { p, type ParamSpecs } from '../params-spec.ts';
import { defineMechanism, type Resolved } from '../mechanism.ts';
import { dayNumber } from '../../domain/index.ts';

// docs/model.md §3: − β_deter · deterrence(t), repression decaying with habituation (rerussia-2023-09-22, Krivenko).
// The 24 Sept 2022 amendments (365-FZ) are a shock that fades with the habituation time; a floor
// stays. Scenarios add shocks through `level`.
export const AMENDMENTS = dayNumber('2022-09-24');

export const params = {
  beta: p(
    0.8,
    0,
    4,
    'log-hazard',
    'docs/model.md §3 β_deter; rerussia-2023-09-22 (Krivenko)',
    'protection by deterrence',
  ),
  shock: p(
    1,
    0,
    5,
    '0–5',
    'docs/model.md §4 (24 Sept 2022 amendments)',
    'size of the deterrence shock of the 2022 amendments',
  ),
  habituationDays: p(
    240,
    10,
    3000,
    'days',
    'docs/model.md §3 (decaying with habituation)',
    'e-folding time of habituation to a deterrence shock',
  ),
  floor: p(0.2, 0, 5, '0–5', 'docs/model.md §3', 'deterrence that does not fade'),
  level: p(0, 0, 5, '0–5', 'docs/model.md §8 (scenarios)', 'extra deterrence set by a scenario'),
} satisfies ParamSpecs;

export type DeterrenceParams = Resolved<typeof params>;

export function deterrence(day: number, p: DeterrenceParams): number {
  const shock = day >= AMENDMENTS ? p.shock * Math.exp(-(day - AMENDMENTS) / p.habituationDays) : 0;
  return p.floor + shock + p.level;
}

export function deterrenceTerm(day: number, p: DeterrenceParams): number {
  return -p.beta * deterrence(day, p);
}

export const mechanism = defineMechanism({
  name: 'deterrence',
  summary: 'repression deters, with habituation after the 2022 amendments',
  params,
  hooks: (p) => ({ dayTerm: (c) => deterrenceTerm(c.day, p) }),
});
