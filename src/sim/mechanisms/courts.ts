import { p, type ParamSpecs } from '../params-spec.ts';
import { Route } from '../states.ts';
import { AMENDMENTS } from './deterrence.ts';
import { gammaMean } from '../samplers.ts';
import type { Uniform } from '../rng.ts';

// docs/model.md §4 Courts: a case reaches court after a delay (offence → conviction ~5 months, S21) and
// ends in a verdict after a further ~1–2 months. Verdict: suspended (majority, ~60% in 2023, M19)
// back to the front; otherwise prison. Article and part follow the absence length (337 parts
// 2.1 / 3.1 / 5 after Sept 2022), desertion (338) when leaving for good is shown (going abroad),
// refusal to fight (332 part 2.1). docs/model.md §4 has the table of articles and parts.
export const params = {
  receiveDelayMean: p(110, 5, 720, 'days', 'docs/model.md §4 (Gamma, mean ~5 months from the offence); S21', 'mean days from the case being opened to the court receiving it'),
  receiveDelayShape: p(2.5, 0.5, 50, 'gamma shape', 'docs/model.md §4 (Gamma)', 'shape of the gamma delay to receipt'),
  verdictDelayMean: p(45, 1, 365, 'days', 'docs/model.md §4 (~1–2 months)', 'mean days from receipt to the verdict'),
  verdictDelayShape: p(3, 0.5, 50, 'gamma shape', 'docs/model.md §4', 'shape of the gamma delay to the verdict'),
  suspendedShare: p(0.6, 0, 1, 'share', 'docs/model.md §4; M19 (~60% suspended in 2023)', 'share of verdicts that are suspended sentences'),
  restrictionShare: p(0.05, 0, 1, 'share', 'docs/model.md §4 (restriction of military service)', 'share of verdicts that are a restriction of service'),
} satisfies ParamSpecs;

export const Sentence = { SUSPENDED: 0, PRISON: 1, RESTRICTION: 2 } as const;
export const SENTENCE_NAMES = ['suspended', 'prison', 'restriction_of_service'] as const;

export function receiveDelay(u: Uniform, P: Record<string, number>): number {
  return Math.max(1, Math.round(gammaMean(u, P['courts.receiveDelayMean'], P['courts.receiveDelayShape'])));
}

export function verdictDelay(u: Uniform, P: Record<string, number>): number {
  return Math.max(1, Math.round(gammaMean(u, P['courts.verdictDelayMean'], P['courts.verdictDelayShape'])));
}

export function sentence(x: number, P: Record<string, number>): number {
  const s = P['courts.suspendedShare'];
  return x < s ? Sentence.SUSPENDED : x < s + P['courts.restrictionShare'] ? Sentence.RESTRICTION : Sentence.PRISON;
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
