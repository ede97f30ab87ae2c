import { p, type ParamSpecs } from '../params-spec.ts';
import { defineMechanism, type Resolved } from '../mechanism.ts';
import { retire, type Day, type World } from '../world.ts';
import { Flag, Route, State } from '../states.ts';
import { AMENDMENTS } from './deterrence.ts';
import { gammaMean } from '../samplers.ts';
import type { Uniform } from '../rng.ts';

// docs/model.md §4 Courts: a case reaches court after a delay (offence → conviction ~5 months, S21) and
// ends in a verdict after a further ~1–2 months. Verdict: suspended (majority, ~60% in 2023, M19)
// back to the front; otherwise prison. Article and part follow the absence length (337 parts
// 2.1 / 3.1 / 5 after Sept 2022), desertion (338) when leaving for good is shown (going abroad),
// refusal to fight (332 part 2.1). docs/model.md §4 has the table of articles and parts.
export const params = {
  receiveDelayMean: p(
    110,
    5,
    720,
    'days',
    'docs/model.md §4 (Gamma, mean ~5 months from the offence); S21',
    'mean days from the case being opened to the court receiving it',
  ),
  receiveDelayShape: p(2.5, 0.5, 50, 'gamma shape', 'docs/model.md §4 (Gamma)', 'shape of the gamma delay to receipt'),
  verdictDelayMean: p(45, 1, 365, 'days', 'docs/model.md §4 (~1–2 months)', 'mean days from receipt to the verdict'),
  verdictDelayShape: p(3, 0.5, 50, 'gamma shape', 'docs/model.md §4', 'shape of the gamma delay to the verdict'),
  suspendedShare: p(
    0.6,
    0,
    1,
    'share',
    'docs/model.md §4; M19 (~60% suspended in 2023)',
    'share of verdicts that are suspended sentences',
  ),
  restrictionShare: p(
    0.05,
    0,
    1,
    'share',
    'docs/model.md §4 (restriction of military service)',
    'share of verdicts that are a restriction of service',
  ),
} satisfies ParamSpecs;

export type CourtsParams = Resolved<typeof params>;

export const Sentence = { SUSPENDED: 0, PRISON: 1, RESTRICTION: 2 } as const;
export const SENTENCE_NAMES = ['suspended', 'prison', 'restriction_of_service'] as const;

export function receiveDelay(u: Uniform, p: CourtsParams): number {
  return Math.max(1, Math.round(gammaMean(u, p.receiveDelayMean, p.receiveDelayShape)));
}

export function verdictDelay(u: Uniform, p: CourtsParams): number {
  return Math.max(1, Math.round(gammaMean(u, p.verdictDelayMean, p.verdictDelayShape)));
}

export function sentence(x: number, p: CourtsParams): number {
  const s = p.suspendedShare;
  return x < s ? Sentence.SUSPENDED : x < s + p.restrictionShare ? Sentence.RESTRICTION : Sentence.PRISON;
}

/** Article and part (as codes: article number, part ×10, e.g. 21 = part 2.1) of an offence. */
export function articlePart(route: number, absenceDays: number, offenceDay: number): [number, number] {
  const context = offenceDay >= AMENDMENTS;
  if (route === Route.REFUSE) return [332, context ? 21 : 10];
  if (route === Route.ABROAD) return [338, context ? 30 : 10];
  if (absenceDays <= 10) return [337, context ? 21 : 10];
  if (absenceDays <= 30) return [337, context ? 31 : 30];
  return [337, context ? 50 : 40];
}

export function partLabel(code: number): string {
  return code % 10 === 0 ? String(code / 10) : `${Math.floor(code / 10)}.${code % 10}`;
}

/** The verdicts due today; a prison sentence takes the man out of the force. */
function verdicts(w: World, t: Day): void {
  const F = w.flows;
  const d = t.d;
  for (const ci of w.verdictsDue[d]!) {
    const c = w.cases[ci]!;
    F.verdicts[d]!++;
    if (c.sentence === Sentence.SUSPENDED) F.suspendedVerdicts[d]!++;
    else if (c.sentence === Sentence.PRISON) F.prisonVerdicts[d]!++;
    const slot = findSlot(w, c.personId, c.unit);
    if (slot < 0) continue; // killed, abroad, surrendered or otherwise gone
    w.flags[slot]! &= ~Flag.CASE_OPEN;
    if (c.sentence === Sentence.SUSPENDED) w.flags[slot]! |= Flag.SUSPENDED;
    else if (c.sentence === Sentence.PRISON) {
      const st = w.state[slot];
      if (
        st === State.FRONT ||
        st === State.TRAINING ||
        st === State.ON_LEAVE ||
        st === State.HOSPITAL ||
        st === State.DETAINED ||
        st === State.AWOL_HOME
      ) {
        w.stateCount[st]!--;
        F.imprisoned[d]!++;
        retire(w, slot, State.PRISON);
      }
    }
  }
  w.verdictsDue[d] = [];
}

/** A person keeps his slot while he serves; slots are reused only after he leaves for good. */
function findSlot(w: World, personId: number, unit: number): number {
  const end = Math.min(w.N, (unit + 1) * w.unitSize);
  for (let s = unit * w.unitSize; s < end; s++) if (w.pid[s] === personId) return s;
  return -1;
}

export const mechanism = defineMechanism({
  name: 'courts',
  summary: 'cases reach court after a delay and end in a verdict: suspended, restriction or prison',
  params,
  states: ['prison'],
  flags: ['CASE_OPEN', 'SUSPENDED'],
  flows: ['casesReceived', 'verdicts', 'suspendedVerdicts', 'prisonVerdicts', 'imprisoned'],
  dayEnd: verdicts,
});
