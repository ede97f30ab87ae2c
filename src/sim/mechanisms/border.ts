import { p, type ParamSpecs } from '../params-spec.ts';
import { defineMechanism, type Resolved } from '../mechanism.ts';
import { u01 } from '../rng.ts';
import { log, retire, type Day, type World } from '../world.ts';
import { detain } from './detention.ts';
import { Flag, State } from '../states.ts';

// docs/model.md §4: IN_TRANSIT is stopped at the border with a probability higher if wanted and with
// checkpoints; only the internal passport is needed for Kazakhstan/Armenia. ABROAD_TRANSIT has an
// extradition hazard (0 by default; rerussia-2023-09-22: one Kazakhstan precedent) and goes on to ABROAD_SAFE with a
// foreign passport or asylum (Germany had granted 55 by Sept 2023, S61).
export const params = {
  transitDays: p(3, 1, 30, 'days', 'docs/model.md §4 IN_TRANSIT', 'days on the road to the border', true),
  pStop: p(
    0.03,
    0,
    1,
    'per transit-day',
    'docs/model.md §4 (stopped at the border)',
    'daily chance of being stopped on the way',
  ),
  wantedMultiplier: p(
    3,
    1,
    20,
    'multiplier',
    'docs/model.md §4 (higher if wanted)',
    'stop multiplier for a wanted man',
  ),
  checkpoints: p(
    1,
    0,
    20,
    'multiplier',
    'docs/model.md §4 (checkpoints); §8 border-closed',
    'stop multiplier for checkpoints',
  ),
  pExtradite: p(
    0.00005,
    0,
    0.05,
    'per day abroad',
    'docs/model.md §4; rerussia-2023-09-22 (one Kazakhstan precedent)',
    'daily extradition hazard in Kazakhstan/Armenia',
  ),
  pOnward: p(
    0.004,
    0,
    0.2,
    'per day abroad',
    'docs/model.md §4 (onward needs a foreign passport)',
    'daily chance of moving on to safety with a foreign passport',
  ),
  asylumFactor: p(
    0.05,
    0,
    1,
    'multiplier',
    'docs/model.md §4; S61 (55 asylum grants in Germany); §8 eu-asylum',
    'onward chance without a foreign passport, relative to with one',
  ),
} satisfies ParamSpecs;

export type BorderParams = Resolved<typeof params>;

export function stopProbability(flags: number, p: BorderParams): number {
  return Math.min(1, p.pStop * p.checkpoints * (flags & Flag.WANTED ? p.wantedMultiplier : 1));
}

/** [extradition, onward] daily probabilities abroad. */
export function abroadProbabilities(flags: number, p: BorderParams): [number, number] {
  const onward = p.pOnward * (flags & Flag.FOREIGN_PASSPORT ? 1 : p.asylumFactor);
  return [p.pExtradite, onward];
}

/** IN_TRANSIT: stopped on the way (then detained), or arrives in Kazakhstan/Armenia when the journey is done. */
export function stepInTransit(w: World, s: number, u: number, t: Day): number {
  const F = w.flows;
  const { d, dAbs } = t;
  const x = u01(w.keys.TRANSIT, w.pid[s]!, dAbs);
  if (x < (w.flags[s]! & Flag.WANTED ? t.stopWanted : t.stopPlain)) {
    F.caught[d]!++;
    F.stoppedAtBorder[d]!++;
    if (w.events) log(w, w.events.caught, s, d);
    detain(w, s, u, t);
  } else if (dAbs >= w.timer[s]!) {
    w.state[s] = State.ABROAD_TRANSIT;
    w.entered[s] = dAbs;
    F.arrivedAbroad[d]!++;
  }
  return 0;
}

/** ABROAD_TRANSIT: extradited (then detained), or onward to safety (a foreign passport, or asylum). */
export function stepAbroadTransit(w: World, s: number, u: number, t: Day): number {
  const F = w.flows;
  const d = t.d;
  const x = u01(w.keys.ABROAD, w.pid[s]!, t.dAbs);
  const [pe, po] = w.flags[s]! & Flag.FOREIGN_PASSPORT ? t.abroadPassport : t.abroadNoPassport;
  if (x < pe) {
    F.caught[d]!++;
    F.extradited[d]!++;
    if (w.events) log(w, w.events.caught, s, d);
    detain(w, s, u, t);
  } else if (x < pe + po) {
    F.reachedSafety[d]!++;
    retire(w, s, State.ABROAD_SAFE);
  }
  return 0;
}

export const mechanism = defineMechanism({
  name: 'border',
  summary: 'on the road abroad and in Kazakhstan/Armenia: stopped, extradited, or onward to safety',
  params,
  states: ['inTransit', 'abroadTransit', 'abroadSafe'],
  flags: ['FOREIGN_PASSPORT', 'WANTED'],
  flows: ['stoppedAtBorder', 'arrivedAbroad', 'extradited', 'reachedSafety'],
  transitions: { inTransit: stepInTransit, abroadTransit: stepAbroadTransit },
  hooks: (p) => ({
    day: (t) => {
      t.transitDays = Math.round(p.transitDays);
      t.stopPlain = stopProbability(0, p);
      t.stopWanted = stopProbability(Flag.WANTED, p);
      t.abroadPassport = abroadProbabilities(Flag.FOREIGN_PASSPORT, p);
      t.abroadNoPassport = abroadProbabilities(0, p);
    },
  }),
});
