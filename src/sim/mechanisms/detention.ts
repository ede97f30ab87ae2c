import { p, type ParamSpecs } from '../params-spec.ts';
import { Route } from '../states.ts';
import { AMENDMENTS } from './deterrence.ts';
import { dayNumber } from '../../domain/dates.ts';

// docs/model.md §4 DETAINED: most are returned to the front without a case (mt-2023-12-05); a case is opened with
// p_case(t), which rises after the 24 Sept 2022 amendments; since June 2023 a case can be suspended
// if the man signs a contract (270-FZ), and such cases never reach court. Refuseniks are held in
// pits and "basements" (rerussia-2023-09-22).
export const LAW_270FZ = dayNumber('2023-06-24');

export const params = {
  days: p(10, 1, 90, 'days', 'docs/model.md §4 DETAINED; S27 (refuseniks held)', 'days held before being returned or charged', true),
  pCaseBefore: p(0.4, 0, 1, 'probability', 'docs/model.md §4 p_case; R01 (343 art. 337 cases Feb–Aug 2022)', 'chance that a case is opened before the 2022 amendments'),
  pCaseAfter: p(0.4, 0, 1, 'probability', 'docs/model.md §4 p_case (rises after the amendments); mt-2023-12-05 (rarely to court)', 'chance that a case is opened after the 2022 amendments'),
  abroadCaseFactor: p(2.5, 0, 10, 'multiplier', 'docs/model.md §4 (desertion, 338, when intent to leave for good is shown)', 'case multiplier for men caught going abroad or extradited'),
  refuseCaseFactor: p(0.5, 0, 10, 'multiplier', 'docs/model.md §4 (refusal, 332); S27 (held, not tried)', 'case multiplier for refuseniks'),
  pContractSuspend: p(0.25, 0, 1, 'probability', 'docs/model.md §4 (270-FZ: case suspended for a contract)', 'chance after June 2023 that a case is suspended for a contract'),
  minAbsenceDays: p(2, 0, 30, 'days', 'docs/model.md §4 (art. 337 starts at 2 days)', 'absences shorter than this are not an offence', true),
} satisfies ParamSpecs;

export function caseProbability(day: number, route: number, absenceDays: number, P: Record<string, number>): number {
  if (route !== Route.REFUSE && route !== Route.ABROAD && absenceDays < P['detention.minAbsenceDays']) return 0;
  const base = day >= AMENDMENTS ? P['detention.pCaseAfter'] : P['detention.pCaseBefore'];
  const f = route === Route.ABROAD ? P['detention.abroadCaseFactor'] : route === Route.REFUSE ? P['detention.refuseCaseFactor'] : 1;
  return Math.min(1, base * f);
}

export function contractSuspendProbability(day: number, P: Record<string, number>): number {
  return day >= LAW_270FZ ? P['detention.pContractSuspend'] : 0;
}
