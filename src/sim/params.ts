import type { ParamSpec, ParamSpecs } from './params-spec.ts';
import * as hazard from './mechanisms/hazard-base.ts';
import * as force from './mechanisms/force.ts';
import * as recruitment from './mechanisms/recruitment.ts';
import * as casualties from './mechanisms/casualties.ts';
import * as hospital from './mechanisms/hospital.ts';
import * as fatigue from './mechanisms/fatigue.ts';
import * as integration from './mechanisms/integration.ts';
import * as cohesion from './mechanisms/cohesion.ts';
import * as contagion from './mechanisms/contagion.ts';
import * as collective from './mechanisms/collective.ts';
import * as discrimination from './mechanisms/discrimination.ts';
import * as support from './mechanisms/support.ts';
import * as pay from './mechanisms/pay.ts';
import * as deterrence from './mechanisms/deterrence.ts';
import * as leave from './mechanisms/leave.ts';
import * as rotation from './mechanisms/rotation.ts';
import * as routes from './mechanisms/routes.ts';
import * as capture from './mechanisms/capture.ts';
import * as wanted from './mechanisms/wanted.ts';
import * as ngo from './mechanisms/ngo.ts';
import * as border from './mechanisms/border.ts';
import * as detention from './mechanisms/detention.ts';
import * as courts from './mechanisms/courts.ts';
import * as surrender from './mechanisms/surrender.ts';

// Every mechanism owns its parameters; here they are gathered under "<mechanism>.<name>".
const MODULES: Record<string, ParamSpecs> = {
  hazard: hazard.params, force: force.params, recruitment: recruitment.params, casualties: casualties.params,
  hospital: hospital.params, fatigue: fatigue.params, integration: integration.params, cohesion: cohesion.params,
  contagion: contagion.params, collective: collective.params, discrimination: discrimination.params,
  support: support.params, pay: pay.params, deterrence: deterrence.params, leave: leave.params,
  rotation: rotation.params, routes: routes.params, capture: capture.params, wanted: wanted.params, ngo: ngo.params,
  border: border.params, detention: detention.params, courts: courts.params, surrender: surrender.params,
};

export const PARAMS: Readonly<Record<string, ParamSpec>> = Object.freeze(
  Object.fromEntries(Object.entries(MODULES).flatMap(([m, specs]) => Object.entries(specs).map(([k, s]) => [`${m}.${k}`, s]))),
);

/** A full parameter set: every key of PARAMS to a number. */
export type Params = Record<string, number>;

export function defaultParams(): Params {
  return Object.fromEntries(Object.entries(PARAMS).map(([k, s]) => [k, s.default]));
}

/** Problems with one parameter value (unknown name, outside its range, not whole), or null. */
export function checkParam(name: string, value: unknown): string | null {
  const spec = PARAMS[name];
  if (!spec) {
    const near = Object.keys(PARAMS).filter((k) => k.split('.')[0] === name.split('.')[0] || k.endsWith(`.${name.split('.').pop()}`));
    return `unknown parameter "${name}"${near.length ? ` (known in that family: ${near.slice(0, 12).join(', ')})` : ''}`;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return `parameter "${name}" must be a finite number`;
  if (value < spec.min || value > spec.max) return `parameter "${name}" = ${value} is outside its range [${spec.min}, ${spec.max}] (${spec.unit})`;
  if (spec.integer && !Number.isInteger(value)) return `parameter "${name}" must be a whole number (${spec.unit})`;
  return null;
}
