import { p, type ParamSpecs } from '../params-spec.ts';
import { State } from '../states.ts';
import { dayNumber } from '../../domain/dates.ts';

// docs/model.md §4: each soldier considering or doing AWOL sends a help request with p_ngo(t), growing
// with the NGO's reach (desertion requests 28 in Jan 2023 → 284 in Jan 2024, I01/I02). Soldiers at
// the front rarely can. Help works only if contacted before leaving (mt-2023-12-05).
export const params = {
  awol: p(0.00016, 0, 0.2, 'per day at reach 1', 'docs/model.md §4 p_ngo; I01–I04', 'daily request probability for an AWOL soldier'),
  rear: p(0.000001, 0, 0.01, 'per day at reach 1', 'docs/model.md §4 (considering leaving: on leave, hospital, rear)', 'daily request probability on leave, in hospital or in the rear'),
  front: p(0.0000005, 0, 0.001, 'per day at reach 1', 'docs/model.md §4 (front: limited communication, documents taken)', 'daily request probability at the front'),
  growth: p(12, 1, 100, 'ratio', 'I01/I02 (28 → 284 requests, Jan 2023 → Jan 2024)', 'reach at the end of the growth period relative to its start'),
  reach: p(1, 0, 10, 'multiplier', 'docs/model.md §8', 'scenario multiplier on the NGO’s reach'),
} satisfies ParamSpecs;

const G0 = dayNumber('2023-01-01');
const G1 = dayNumber('2024-01-31');
const LAUNCH = dayNumber('2022-03-01');

/** Reach on a day: 0 before launch, 1 until Jan 2023, then log-linear growth to `growth` by Jan 2024. */
export function reach(day: number, P: Record<string, number>): number {
  if (day < LAUNCH) return 0;
  const g = P['ngo.growth'];
  const r = day <= G0 ? 1 : day >= G1 ? g : Math.pow(g, (day - G0) / (G1 - G0));
  return r * P['ngo.reach'];
}

/** Daily request probability by state (0 where a request cannot be made). */
export function contactProbability(state: number, day: number, P: Record<string, number>): number {
  const r = reach(day, P);
  switch (state) {
    case State.AWOL_HOME: return Math.min(1, P['ngo.awol'] * r);
    case State.ON_LEAVE: case State.HOSPITAL: case State.TRAINING: return Math.min(1, P['ngo.rear'] * r);
    case State.FRONT: return Math.min(1, P['ngo.front'] * r);
    default: return 0;
  }
}
