import * as hazard from './hazard-base.ts';
import * as force from './force.ts';
import * as recruitment from './recruitment.ts';
import * as hospital from './hospital.ts';
import * as fatigue from './fatigue.ts';
import * as integration from './integration.ts';
import * as cohesion from './cohesion.ts';
import * as contagion from './contagion.ts';
import * as casualties from './casualties.ts';
import * as collective from './collective.ts';
import * as pay from './pay.ts';
import * as deterrence from './deterrence.ts';
import * as discrimination from './discrimination.ts';
import * as support from './support.ts';
import * as leave from './leave.ts';
import * as rotation from './rotation.ts';
import * as routes from './routes.ts';
import * as capture from './capture.ts';
import * as wanted from './wanted.ts';
import * as ngo from './ngo.ts';
import * as border from './border.ts';
import * as detention from './detention.ts';
import * as courts from './courts.ts';
import * as surrender from './surrender.ts';
import type { Hooks, Resolved } from '../mechanism.ts';

// The registry: every mechanism of the model, in order. Order matters in one way: the engine sums the
// day terms, and the unit terms, in this order, and floating-point addition is not associative, so
// moving a mechanism with a term changes the output's last bits (test/sim/scenario-hashes.test.ts).
// A new mechanism goes at the end (CONTRIBUTING.md, "Add a mechanism").
export const MECHANISMS = [
  hazard.mechanism,
  force.mechanism,
  recruitment.mechanism,
  hospital.mechanism,
  fatigue.mechanism,
  integration.mechanism,
  cohesion.mechanism,
  contagion.mechanism,
  casualties.mechanism,
  collective.mechanism,
  pay.mechanism,
  deterrence.mechanism,
  discrimination.mechanism,
  support.mechanism,
  leave.mechanism,
  rotation.mechanism,
  routes.mechanism,
  capture.mechanism,
  wanted.mechanism,
  ngo.mechanism,
  border.mechanism,
  detention.mechanism,
  courts.mechanism,
  surrender.mechanism,
] as const;

type Registry = (typeof MECHANISMS)[number];
export type MechanismName = Registry['name'];

/** Every parameter key, "<mechanism>.<name>": a typo is a compile error wherever a key is written. */
export type ParamKey = { [M in Registry as M['name']]: `${M['name']}.${keyof M['params'] & string}` }[MechanismName];

/** Every mechanism's parameters for one run, typed per mechanism: R.cohesion.a. */
export type ResolvedParams = { readonly [M in Registry as M['name']]: Resolved<M['params']> };

/** Resolve a full parameter set into typed, frozen per-mechanism objects. */
export function resolveAll(values: Readonly<Record<string, number>>): ResolvedParams {
  const out: Record<string, unknown> = {};
  for (const m of MECHANISMS) out[m.name] = m.resolve(values);
  return Object.freeze(out) as ResolvedParams;
}

/** The hooks of a run, gathered by kind in registry order (the engine calls them in these arrays' order). */
export interface RunHooks {
  days: Array<NonNullable<Hooks['day']>>;
  dayTerms: Array<NonNullable<Hooks['dayTerm']>>;
  unitTerms: Array<NonNullable<Hooks['unitTerm']>>;
  unitDays: Array<NonNullable<Hooks['unitDay']>>;
}

export function bindHooks(R: ResolvedParams): RunHooks {
  const h: RunHooks = { days: [], dayTerms: [], unitTerms: [], unitDays: [] };
  for (const m of MECHANISMS) {
    // Each mechanism's hooks get its own resolved parameters (the cast: TS cannot pair them across the union).
    const x = (m.hooks as (p: unknown) => Hooks)(R[m.name]);
    if (x.day) h.days.push(x.day);
    if (x.dayTerm) h.dayTerms.push(x.dayTerm);
    if (x.unitTerm) h.unitTerms.push(x.unitTerm);
    if (x.unitDay) h.unitDays.push(x.unitDay);
  }
  return h;
}
