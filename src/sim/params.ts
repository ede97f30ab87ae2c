import type { ParamSpec } from './params-spec.ts';
import { MECHANISMS, type ParamKey } from './mechanisms/index.ts';

// Every mechanism owns its parameters; here they are gathered under "<mechanism>.<name>", in registry order.
export const PARAMS: Readonly<Record<ParamKey, ParamSpec>> = Object.freeze(
  Object.fromEntries(
    MECHANISMS.flatMap((m) => Object.entries(m.params).map(([k, s]) => [`${m.name}.${k}`, s])),
  ) as Record<ParamKey, ParamSpec>,
);

export type { ParamKey };

/** A full parameter set: every key of PARAMS to a number. `P['cohesion.typo']` does not compile. */
export type Params = Record<ParamKey, number>;

/** Some parameters (a scenario's patch, an intervention), keys checked at load by checkParam. */
export type ParamPatch = Partial<Params>;

export function isParamKey(name: string): name is ParamKey {
  return Object.prototype.hasOwnProperty.call(PARAMS, name);
}

export function defaultParams(): Params {
  return Object.fromEntries(Object.entries(PARAMS).map(([k, s]) => [k, (s as ParamSpec).default])) as Params;
}

/** Problems with one parameter value (unknown name, outside its range, not whole), or null. */
export function checkParam(name: string, value: unknown): string | null {
  if (!isParamKey(name)) {
    const near = Object.keys(PARAMS).filter(
      (k) => k.split('.')[0] === name.split('.')[0] || k.endsWith(`.${name.split('.').pop()}`),
    );
    return `unknown parameter "${name}"${near.length ? ` (known in that family: ${near.slice(0, 12).join(', ')})` : ''}`;
  }
  const spec = PARAMS[name];
  if (typeof value !== 'number' || !Number.isFinite(value)) return `parameter "${name}" must be a finite number`;
  if (value < spec.min || value > spec.max)
    return `parameter "${name}" = ${value} is outside its range [${spec.min}, ${spec.max}] (${spec.unit})`;
  if (spec.integer && !Number.isInteger(value)) return `parameter "${name}" must be a whole number (${spec.unit})`;
  return null;
}
