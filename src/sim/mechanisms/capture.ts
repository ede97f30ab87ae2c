import { p, type ParamSpecs } from '../params-spec.ts';
import { defineMechanism, type Resolved } from '../mechanism.ts';
import { u01 } from '../rng.ts';
import { log, toFront, type Day, type World } from '../world.ts';
import { detain } from './detention.ts';
import { contactNgo } from './ngo.ts';
import { declareWanted } from './wanted.ts';
import { Flag, Route, State } from '../states.ts';

// docs/model.md §4 AWOL_HOME: caught with daily probability p_catch · surveillance(t) (easy: most hide at
// home; cameras, banks, phone operators report whereabouts, rerussia-2023-09-22); returns by himself with p_return
// (brief respite, rerussia-2023-09-22); moves abroad with p_abroad, raised by NGO contact made before leaving (mt-2023-12-05).
export const params = {
  pCatch: p(
    0.006,
    0,
    0.5,
    'per AWOL-day',
    'docs/model.md §4 p_catch; rerussia-2023-09-22 (almost all defendants hiding at home)',
    'daily probability of being caught at home at surveillance 1',
  ),
  surveillance: p(
    1,
    0,
    10,
    'multiplier',
    'docs/model.md §8 surveillance-up; rerussia-2023-09-22',
    'surveillance multiplier on catching',
  ),
  pReturn: p(
    0.02,
    0,
    0.5,
    'per AWOL-day',
    'docs/model.md §4 p_return; rerussia-2023-09-22 (brief-respite AWOL usually returns)',
    'daily probability of returning by himself',
  ),
  pAbroad: p(
    0.001,
    0,
    0.1,
    'per AWOL-day',
    'docs/model.md §4 p_abroad',
    'daily probability of setting out abroad from home',
  ),
  abroadNgo: p(
    5,
    1,
    50,
    'multiplier',
    'docs/model.md §4; mt-2023-12-05 (help works only if contacted in advance)',
    'multiplier on p_abroad after contact with the NGO',
  ),
  caseOnReturn: p(
    0.15,
    0,
    1,
    'probability',
    'docs/model.md §2 (returns by himself: often still prosecuted)',
    'chance that a man who returns by himself is detained and processed',
  ),
} satisfies ParamSpecs;

export type CaptureParams = Resolved<typeof params>;

/** [catch, return, abroad] daily probabilities for an AWOL soldier. */
export function awolProbabilities(flags: number, p: CaptureParams): [number, number, number] {
  const abroad = p.pAbroad * (flags & Flag.CONTACTED_NGO ? p.abroadNgo : 1);
  return [Math.min(1, p.pCatch * p.surveillance), p.pReturn, abroad];
}

/**
 * AWOL_HOME: caught, returns by himself (detained with caseOnReturn), or sets out abroad; otherwise he may
 * be declared wanted (wanted.ts) and may ask the NGO for help (ngo.ts).
 */
export function stepAwolHome(w: World, s: number, u: number, t: Day): number {
  const { flags, pid, timer, state } = w;
  const F = w.flows;
  const { d, dAbs } = t;
  const id = pid[s]!;
  const [pc, pr, pa] = flags[s]! & Flag.CONTACTED_NGO ? t.awolNgo : t.awolNoNgo;
  const x = u01(w.keys.AWOL, id, dAbs);
  if (x < pc) {
    F.caught[d]!++;
    if (w.events) log(w, w.events.caught, s, d);
    detain(w, s, u, t);
  } else if (x < pc + pr) {
    F.returnedSelf[d]!++;
    if (u01(w.keys.RETURN, id, dAbs) < t.caseOnReturn) detain(w, s, u, t);
    else {
      F.returnedWithoutCase[d]!++;
      toFront(w, s, dAbs);
    }
  } else if (x < pc + pr + pa) {
    state[s] = State.IN_TRANSIT;
    timer[s] = dAbs + t.transitDays;
    w.route[s] = Route.ABROAD;
    F.setOutAbroad[d]!++;
  } else {
    declareWanted(w, s, id, t);
    if (!(flags[s]! & Flag.CONTACTED_NGO) && u01(w.keys.NGO, id, dAbs) < t.pNgoAwol) contactNgo(w, s, t);
  }
  return 0;
}

export const mechanism = defineMechanism({
  name: 'capture',
  summary: 'an absentee at home is caught, returns by himself or sets out abroad',
  params,
  states: ['awolHome'],
  flows: ['caught', 'returnedSelf', 'returnedWithoutCase'],
  transitions: { awolHome: stepAwolHome },
  hooks: (p) => ({
    day: (t) => {
      t.caseOnReturn = p.caseOnReturn;
      t.awolNoNgo = awolProbabilities(0, p);
      t.awolNgo = awolProbabilities(Flag.CONTACTED_NGO, p);
    },
  }),
});
