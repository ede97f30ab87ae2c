import { p, type ParamSpecs } from '../params-spec.ts';
import { defineMechanism, type Resolved } from '../mechanism.ts';
import { Flag, State } from '../states.ts';
import { u01, type Uniform } from '../rng.ts';
import { retire, toFront, type Day, type World } from '../world.ts';
import { FAMILY_LEVELS } from './force.ts';
import { hazardToProb } from './hazard-base.ts';
import { leaveUnit } from './routes.ts';
import { gammaMean } from '../samplers.ts';

// docs/model.md §3 and §5: wounded go to hospital and come back to the front without a medical board
// (mt-2023-12-05); most desert after being wounded and treated (mt-2023-12-05): the β_wound term for 14 days after discharge.
export const params = {
  treatmentDaysMean: p(
    30,
    3,
    180,
    'days',
    'docs/model.md §5 (treatment time)',
    'mean days in hospital (gamma, shape 2)',
  ),
  invalidedShare: p(
    0.08,
    0,
    1,
    'share per wound',
    'docs/model.md §5 (a small share is discharged); mt-2023-12-05 (no medical board)',
    'chance a wound ends service, times the number of wounds',
  ),
  beta: p(
    0.8,
    0,
    4,
    'log-hazard per (1 + wounds)',
    'docs/model.md §3 β_wound; mt-2023-12-05',
    'hazard term in the 14 days after discharge from hospital',
  ),
  windowDays: p(
    14,
    1,
    90,
    'days',
    'docs/model.md §3 (discharged in the last 14 days)',
    'days after discharge during which the wound term applies',
    true,
  ),
} satisfies ParamSpecs;

export type HospitalParams = Resolved<typeof params>;

export function treatmentDays(u: Uniform, p: HospitalParams): number {
  return Math.max(1, Math.round(gammaMean(u, p.treatmentDaysMean, 2)));
}

/** Chance that this wound (the n-th) ends service. */
export function invalidedProbability(wounds: number, p: HospitalParams): number {
  return Math.min(1, p.invalidedShare * wounds);
}

/** Hazard factor exp(β_wound·(1 + wounds)) by wound count (table, wounds capped at 7). */
export function woundFactors(p: HospitalParams): Float64Array {
  const t = new Float64Array(8);
  for (let w = 0; w < 8; w++) t[w] = Math.exp(p.beta * (1 + w));
  return t;
}

/** HOSPITAL: at discharge, invalided out, gone (the hospital hazard), or back to the front with the wound term. */
export function stepHospital(w: World, s: number, u: number, t: Day): number {
  const { flags, pid, timer } = w;
  const F = w.flows;
  const { d, dAbs } = t;
  if (dAbs < timer[s]!) return 1;
  const x = u01(w.keys.HOSPITAL, pid[s]!, dAbs + 0x10000);
  const ci = (w.cat[s]! * 2 + (flags[s]! & Flag.DISCRIMINATED)) * FAMILY_LEVELS + w.fam[s]!;
  const pInv = invalidedProbability(w.wounds[s]!, w.R.hospital);
  if (x < pInv) {
    F.invalided[d]!++;
    retire(w, s, State.DISCHARGED);
  } else if (x >= 1 - Math.min(1 - pInv, hazardToProb(t.hHospital * w.units.mul[u]! * w.dayTab[ci]!))) {
    leaveUnit(w, s, State.HOSPITAL, u, t);
  } else {
    toFront(w, s, dAbs);
    w.lastDischarge[s] = dAbs;
    if (w.wounds[s]! > 2) w.boostUntil[s] = Math.max(w.boostUntil[s]!, dAbs + Math.round(w.R.hospital.windowDays));
  }
  return 1;
}

export const mechanism = defineMechanism({
  name: 'hospital',
  summary: 'wounded soldiers’ treatment, invaliding out, and the raised hazard after discharge',
  params,
  states: ['hospital', 'discharged'],
  flows: ['invalided'],
  transitions: { hospital: stepHospital },
  hooks: (p) => ({
    day: (t) => {
      t.woundWindow = Math.round(p.windowDays);
    },
  }),
});
