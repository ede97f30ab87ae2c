import { p, type ParamSpecs } from '../params-spec.ts';
import { defineMechanism, type Resolved } from '../mechanism.ts';
import { counterStream, u01 } from '../rng.ts';
import { log, toFront, type CaseRecord, type Day, type World } from '../world.ts';
import { articlePart, receiveDelay, sentence, verdictDelay } from './courts.ts';
import { Flag, Route, State } from '../states.ts';
import { AMENDMENTS } from './deterrence.ts';
import { dayNumber } from '../../domain/index.ts';

// docs/model.md §4 DETAINED: most are returned to the front without a case (mt-2023-12-05); a case is opened with
// p_case(t), which rises after the 24 Sept 2022 amendments; since June 2023 a case can be suspended
// if the man signs a contract (270-FZ), and such cases never reach court. Refuseniks are held in
// pits and "basements" (rerussia-2023-09-22).
export const LAW_270FZ = dayNumber('2023-06-24');

export const params = {
  days: p(
    10,
    1,
    90,
    'days',
    'docs/model.md §4 DETAINED; S27 (refuseniks held)',
    'days held before being returned or charged',
    true,
  ),
  pCaseBefore: p(
    0.4,
    0,
    1,
    'probability',
    'docs/model.md §4 p_case; R01 (343 art. 337 cases Feb–Aug 2022)',
    'chance that a case is opened before the 2022 amendments',
  ),
  pCaseAfter: p(
    0.4,
    0,
    1,
    'probability',
    'docs/model.md §4 p_case (rises after the amendments); mt-2023-12-05 (rarely to court)',
    'chance that a case is opened after the 2022 amendments',
  ),
  abroadCaseFactor: p(
    2.5,
    0,
    10,
    'multiplier',
    'docs/model.md §4 (desertion, 338, when intent to leave for good is shown)',
    'case multiplier for men caught going abroad or extradited',
  ),
  refuseCaseFactor: p(
    0.5,
    0,
    10,
    'multiplier',
    'docs/model.md §4 (refusal, 332); S27 (held, not tried)',
    'case multiplier for refuseniks',
  ),
  pContractSuspend: p(
    0.25,
    0,
    1,
    'probability',
    'docs/model.md §4 (270-FZ: case suspended for a contract)',
    'chance after June 2023 that a case is suspended for a contract',
  ),
  minAbsenceDays: p(
    2,
    0,
    30,
    'days',
    'docs/model.md §4 (art. 337 starts at 2 days)',
    'absences shorter than this are not an offence',
    true,
  ),
} satisfies ParamSpecs;

export type DetentionParams = Resolved<typeof params>;

export function caseProbability(day: number, route: number, absenceDays: number, p: DetentionParams): number {
  if (route !== Route.REFUSE && route !== Route.ABROAD && absenceDays < p.minAbsenceDays) return 0;
  const base = day >= AMENDMENTS ? p.pCaseAfter : p.pCaseBefore;
  const f = route === Route.ABROAD ? p.abroadCaseFactor : route === Route.REFUSE ? p.refuseCaseFactor : 1;
  return Math.min(1, base * f);
}

export function contractSuspendProbability(day: number, p: DetentionParams): number {
  return day >= LAW_270FZ ? p.pContractSuspend : 0;
}

/** Detention (caught, refused, or processed after returning): held, and a case opened or not. */
export function detain(w: World, s: number, u: number, t: Day): void {
  if (w.events) log(w, w.events.detained, s, t.d, w.route[s]);
  w.state[s] = State.DETAINED;
  w.entered[s] = t.dAbs;
  w.timer[s] = t.dAbs + t.detentionDays;
  const absence = t.dAbs - w.absenceStart[s]!;
  if (u01(w.keys.CASE, w.pid[s]!, t.dAbs) < caseProbability(t.dAbs, w.route[s]!, absence, w.R.detention)) {
    w.flags[s]! |= Flag.CASE_OPEN;
    openCase(w, s, u, absence, t);
  } else {
    w.flags[s]! &= ~Flag.CASE_OPEN;
  }
}

/** A case is opened: suspended for a contract (270-FZ), or on its way to court and a verdict. */
export function openCase(w: World, s: number, u: number, absence: number, t: Day): void {
  const d = t.d;
  const rs = counterStream(w.keys.COURT, w.pid[s]!, t.dAbs);
  const [article, part] = articlePart(w.route[s]!, absence, w.absenceStart[s]!);
  const rec: CaseRecord = {
    personId: w.pid[s]!,
    unit: u,
    category: w.cat[s]!,
    offenceDay: w.absenceStart[s]! - w.start,
    openDay: d,
    receivedDay: -1,
    verdictDay: -1,
    article,
    part,
    sentence: -1,
    absenceDays: absence,
  };
  w.flows.casesOpened[d]!++;
  if (rs() < contractSuspendProbability(t.dAbs, w.R.detention)) {
    w.flows.casesSuspended270[d]!++;
  } else {
    rec.receivedDay = d + receiveDelay(rs, w.R.courts);
    rec.verdictDay = rec.receivedDay + verdictDelay(rs, w.R.courts);
    rec.sentence = sentence(rs(), w.R.courts);
    if (rec.receivedDay < w.days) w.flows.casesReceived[rec.receivedDay]!++;
    if (rec.verdictDay < w.days) w.verdictsDue[rec.verdictDay]!.push(w.cases.length);
  }
  w.cases.push(rec);
}

/** DETAINED: held until his release day, then back to the front (counted if no case was opened). */
export function stepDetained(w: World, s: number, _u: number, t: Day): number {
  if (t.dAbs < w.timer[s]!) return 1;
  if (!(w.flags[s]! & Flag.CASE_OPEN)) w.flows.returnedWithoutCase[t.d]!++;
  toFront(w, s, t.dAbs);
  return 1;
}

export const mechanism = defineMechanism({
  name: 'detention',
  summary: 'the detained: held, returned to the front, or charged (a case opened)',
  params,
  states: ['detained'],
  flags: ['CASE_OPEN'],
  flows: ['casesOpened', 'casesSuspended270'],
  transitions: { detained: stepDetained },
  hooks: (p) => ({
    day: (t) => {
      t.detentionDays = Math.round(p.days);
    },
  }),
});
