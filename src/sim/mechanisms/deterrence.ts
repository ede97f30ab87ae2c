import { p, type ParamSpecs } from '../params-spec.ts';
import { dayNumber } from '../../domain/dates.ts';

// docs/model.md §3: − β_deter · deterrence(t), repression decaying with habituation (rerussia-2023-09-22, Krivenko).
// The 24 Sept 2022 amendments (365-FZ) are a shock that fades with the habituation time; a floor
// stays. Scenarios add shocks through `level`.
export const AMENDMENTS = dayNumber('2022-09-24');

export const params = {
  beta: p(0.8, 0, 4, 'log-hazard', 'docs/model.md §3 β_deter; rerussia-2023-09-22 (Krivenko)', 'protection by deterrence'),
  shock: p(1, 0, 5, '0–5', 'docs/model.md §4 (24 Sept 2022 amendments)', 'size of the deterrence shock of the 2022 amendments'),
  habituationDays: p(240, 10, 3000, 'days', 'docs/model.md §3 (decaying with habituation)', 'e-folding time of habituation to a deterrence shock'),
  floor: p(0.2, 0, 5, '0–5', 'docs/model.md §3', 'deterrence that does not fade'),
  level: p(0, 0, 5, '0–5', 'docs/model.md §8 (scenarios)', 'extra deterrence set by a scenario'),
} satisfies ParamSpecs;

export function deterrence(day: number, P: Record<string, number>): number {
  const shock = day >= AMENDMENTS ? P['deterrence.shock'] * Math.exp(-(day - AMENDMENTS) / P['deterrence.habituationDays']) : 0;
  return P['deterrence.floor'] + shock + P['deterrence.level'];
}

export function deterrenceTerm(day: number, P: Record<string, number>): number {
  return -P['deterrence.beta'] * deterrence(day, P);
}
