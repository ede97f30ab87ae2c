import { p, type ParamSpecs } from '../params-spec.ts';
import { defineMechanism, type Resolved } from '../mechanism.ts';
import { log, type Day, type World } from '../world.ts';
import { Flag, State } from '../states.ts';
import { dayNumber } from '../../domain/index.ts';

// docs/model.md §4: each soldier considering or doing AWOL sends a help request with p_ngo(t), growing
// with the NGO's reach (desertion requests 28 in Jan 2023 → 284 in Jan 2024, I01/I02). Soldiers at
// the front rarely can. Help works only if contacted before leaving (mt-2023-12-05).
export const params = {
  awol: p(
    0.00016,
    0,
    0.2,
    'per day at reach 1',
    'docs/model.md §4 p_ngo; I01–I04',
    'daily request probability for an AWOL soldier',
  ),
  rear: p(
    0.000001,
    0,
    0.01,
    'per day at reach 1',
    'docs/model.md §4 (considering leaving: on leave, hospital, rear)',
    'daily request probability on leave, in hospital or in the rear',
  ),
  front: p(
    0.0000005,
    0,
    0.001,
    'per day at reach 1',
    'docs/model.md §4 (front: limited communication, documents taken)',
    'daily request probability at the front',
  ),
  growth: p(
    12,
    1,
    100,
    'ratio',
    'I01/I02 (28 → 284 requests, Jan 2023 → Jan 2024)',
    'reach at the end of the growth period relative to its start',
  ),
  reach: p(1, 0, 10, 'multiplier', 'docs/model.md §8', 'scenario multiplier on the NGO’s reach'),
} satisfies ParamSpecs;

export type NgoParams = Resolved<typeof params>;

const G0 = dayNumber('2023-01-01');
const G1 = dayNumber('2024-01-31');
const LAUNCH = dayNumber('2022-03-01');

/** Reach on a day: 0 before launch, 1 until Jan 2023, then log-linear growth to `growth` by Jan 2024. */
export function reach(day: number, p: NgoParams): number {
  if (day < LAUNCH) return 0;
  const g = p.growth;
  const r = day <= G0 ? 1 : day >= G1 ? g : Math.pow(g, (day - G0) / (G1 - G0));
  return r * p.reach;
}

/** Daily request probability by state (0 where a request cannot be made). */
export function contactProbability(state: number, day: number, p: NgoParams): number {
  const r = reach(day, p);
  switch (state) {
    case State.AWOL_HOME:
      return Math.min(1, p.awol * r);
    case State.ON_LEAVE:
    case State.HOSPITAL:
    case State.TRAINING:
      return Math.min(1, p.rear * r);
    case State.FRONT:
      return Math.min(1, p.front * r);
    default:
      return 0;
  }
}

/** A help request to the NGO (once per person: the flag is kept). */
export function contactNgo(w: World, s: number, t: Day): void {
  w.flags[s]! |= Flag.CONTACTED_NGO;
  w.flows.ngoRequests[t.d]!++;
  if (w.events) log(w, w.events.ngo, s, t.d);
}

export const mechanism = defineMechanism({
  name: 'ngo',
  summary: 'help requests to the NGO, growing with its reach',
  params,
  flags: ['CONTACTED_NGO'],
  flows: ['ngoRequests'],
  hooks: (p) => ({
    day: (t) => {
      t.pNgoFront = contactProbability(State.FRONT, t.dAbs, p);
      t.pNgoRear = contactProbability(State.TRAINING, t.dAbs, p);
      t.pNgoAwol = contactProbability(State.AWOL_HOME, t.dAbs, p);
    },
  }),
});
