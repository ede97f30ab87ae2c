import { p, type ParamSpecs } from '../params-spec.ts';
import { Flag } from '../states.ts';

// docs/model.md §4 AWOL_HOME: caught with daily probability p_catch · surveillance(t) (easy: most hide at
// home; cameras, banks, phone operators report whereabouts, rerussia-2023-09-22); returns by himself with p_return
// (brief respite, rerussia-2023-09-22); moves abroad with p_abroad, raised by NGO contact made before leaving (mt-2023-12-05).
export const params = {
  pCatch: p(0.006, 0, 0.5, 'per AWOL-day', 'docs/model.md §4 p_catch; rerussia-2023-09-22 (almost all defendants hiding at home)', 'daily probability of being caught at home at surveillance 1'),
  surveillance: p(1, 0, 10, 'multiplier', 'docs/model.md §8 surveillance-up; rerussia-2023-09-22', 'surveillance multiplier on catching'),
  pReturn: p(0.02, 0, 0.5, 'per AWOL-day', 'docs/model.md §4 p_return; rerussia-2023-09-22 (brief-respite AWOL usually returns)', 'daily probability of returning by himself'),
  pAbroad: p(0.001, 0, 0.1, 'per AWOL-day', 'docs/model.md §4 p_abroad', 'daily probability of setting out abroad from home'),
  abroadNgo: p(5, 1, 50, 'multiplier', 'docs/model.md §4; mt-2023-12-05 (help works only if contacted in advance)', 'multiplier on p_abroad after contact with the NGO'),
  caseOnReturn: p(0.15, 0, 1, 'probability', 'docs/model.md §2 (returns by himself: often still prosecuted)', 'chance that a man who returns by himself is detained and processed'),
} satisfies ParamSpecs;

/** [catch, return, abroad] daily probabilities for an AWOL soldier. */
export function awolProbabilities(flags: number, P: Record<string, number>): [number, number, number] {
  const abroad = P['capture.pAbroad'] * ((flags & Flag.CONTACTED_NGO) ? P['capture.abroadNgo'] : 1);
  return [Math.min(1, P['capture.pCatch'] * P['capture.surveillance']), P['capture.pReturn'], abroad];
}
