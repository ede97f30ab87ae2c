import { p, type ParamSpecs } from '../params-spec.ts';
import { defineMechanism, type Resolved } from '../mechanism.ts';
import { Flag, State } from '../states.ts';
import { u01 } from '../rng.ts';
import { toFront, type Day, type World } from '../world.ts';
import { FAMILY_LEVELS } from './force.ts';
import { leaveUnit } from './routes.ts';
import { contactNgo } from './ngo.ts';

// docs/model.md §3: h = base[state] · base[category] · exp(η). Leaving from the front is rare (mt-2023-12-05);
// leave, hospital and redeployment are the common paths (S41: 39% of US Vietnam deserters left on leave).
export const params = {
  front: p(
    0.0001,
    0,
    0.01,
    'per soldier-day',
    'docs/model.md §3 base[state]; mt-2023-12-05 (mines ahead, military police behind)',
    'base daily hazard of leaving from the front line',
  ),
  training: p(
    0.0004,
    0,
    0.05,
    'per soldier-day',
    'docs/model.md §3; S58 (up to 25% of marching companies never reached the front, 1915/16)',
    'base daily hazard of leaving from the rear, training or march',
  ),
  onLeave: p(
    0.004,
    0,
    0.2,
    'per soldier-day',
    'docs/model.md §3; S41 (39% of US deserters left while on leave)',
    'base daily hazard of not returning from leave',
  ),
  hospital: p(
    0.04,
    0,
    0.5,
    'probability at discharge',
    'docs/model.md §3; mt-2023-12-05 (most desert after being wounded and treated)',
    'chance of leaving at discharge from hospital',
  ),
  catPrewar: p(
    0.8,
    0,
    5,
    'multiplier',
    'docs/model.md §3 base[category]; I03 (10% of Idite Lesom deserters pre-war contract)',
    'category factor: pre-war contract soldiers',
  ),
  catWartime: p(
    1.0,
    0,
    5,
    'multiplier',
    'docs/model.md §3; I03 (half of those wanting to leave signed after the invasion)',
    'category factor: wartime contract soldiers',
  ),
  catMobilised: p(
    1.2,
    0,
    5,
    'multiplier',
    'docs/model.md §3; I03 (a third mobilised); M19',
    'category factor: mobilised men',
  ),
  catExPrisoner: p(
    1.5,
    0,
    5,
    'multiplier',
    'docs/model.md §3; S26 (~100 Storm Z escapees)',
    'category factor: ex-prisoners (Storm Z / PMC)',
  ),
  catOther: p(1.0, 0, 5, 'multiplier', 'docs/model.md §3', 'category factor: other (conscripts, volunteers)'),
} satisfies ParamSpecs;

export type HazardParams = Resolved<typeof params>;

export function categoryFactors(p: HazardParams): number[] {
  return [p.catPrewar, p.catWartime, p.catMobilised, p.catExPrisoner, p.catOther];
}

/** Probability of at least one event in a day for a hazard h (exact, cheap for small h). */
export function hazardToProb(h: number): number {
  return h < 0.02 ? h * (1 - 0.5 * h + (h * h) / 6) : 1 - Math.exp(-h);
}

/** TRAINING or ON_LEAVE: leave with the rear or leave hazard, else reach (or go back to) the front when due. */
export function stepRear(w: World, s: number, u: number, t: Day): number {
  const { flags, pid, timer } = w;
  const st = w.state[s]!;
  const dAbs = t.dAbs;
  let present = 0;
  const x = u01(w.keys.REAR, pid[s]!, dAbs);
  const ci = (w.cat[s]! * 2 + (flags[s]! & Flag.DISCRIMINATED)) * FAMILY_LEVELS + w.fam[s]!;
  const h = (st === State.TRAINING ? t.hTraining * w.newTab[0]! : t.hLeave * w.units.mul[u]!) * w.dayTab[ci]!;
  if (x >= 1 - hazardToProb(h)) {
    leaveUnit(w, s, st, u, t);
  } else if (dAbs >= timer[s]!) {
    toFront(w, s, dAbs);
    present = 1;
    if (st === State.TRAINING) {
      w.joined[s] = dAbs;
      w.units.arrivals[u]!++;
    }
  } else if (x < t.pNgoRear && !(flags[s]! & Flag.CONTACTED_NGO)) {
    contactNgo(w, s, t);
  }
  return present;
}

export const mechanism = defineMechanism({
  name: 'hazard',
  summary: 'base daily hazard of leaving, by state and by category (h = base[state] · base[category] · exp(η))',
  params,
  states: ['front', 'training', 'onLeave', 'hospital'],
  flows: ['left'],
  transitions: { training: stepRear, onLeave: stepRear },
  hooks: (p) => ({
    day: (t) => {
      t.hFront = p.front;
      t.hTraining = p.training;
      t.hLeave = p.onLeave;
      t.hHospital = p.hospital;
    },
  }),
});
