import type { ParamSpecs } from './params-spec.ts';
import type { FlowName } from './series.ts';
import type { Flag, STATE_NAMES } from './states.ts';
import type { Day, World } from './world.ts';

// A mechanism of the model (docs/model.md §1–§5), in the manner of Starsim's modules: it owns its
// parameters (with default, range, unit, evidence), says which soldier states, flags and daily series
// it touches, and provides the hooks the engine calls in its fused daily loop. The engine keeps the
// struct-of-arrays state and the loop; src/sim/mechanisms/index.ts lists the mechanisms in order.

/** A mechanism's parameters resolved for one run: one typed number per spec, frozen. */
export type Resolved<S extends ParamSpecs> = { readonly [K in keyof S]: number };

/** Any full parameter set, keyed "<mechanism>.<name>" (src/sim/params.ts types it exactly). */
export type ParamValues = Readonly<Record<string, number>>;

/** Where a soldier stands when a day term is asked for: one cell of the engine's daily hazard table. */
export interface DayCell {
  category: number;
  discriminated: boolean;
  /** Family support in [0, 1] (the middle of the soldier's level). */
  family: number;
  /** Epoch day number. */
  day: number;
}

/** Yesterday's aggregates of one unit, as a unit term reads them. */
export interface UnitView {
  daysSinceRotation: number;
  cohesion: number;
  morale: number;
  /** Exponentially weighted daily leaving share of the unit and of its sector. */
  leaveRate: number;
  sectorLeaveRate: number;
  /** Exponentially weighted daily casualty share. */
  casualtyRate: number;
}

/** The per-unit state a unit hook may change (the engine's arrays, indexed by unit). */
export interface UnitArrays {
  cohesion: Float64Array;
  morale: Float64Array;
  daysSinceRotation: Int32Array;
  restUntil: Int32Array;
}

/** Hooks bound to one run's resolved parameters. All optional; the engine calls those present. */
export interface Hooks {
  /** Start of a day: write this mechanism's scalars for today into t (read by the transitions and the front step). */
  day?(t: Day): void;
  /** η term shared by everyone in a (category, group, family level) cell today: log-hazard of leaving. */
  dayTerm?(cell: DayCell): number;
  /** η term of a unit today, from yesterday's aggregates: log-hazard of leaving for its soldiers. */
  unitTerm?(unit: UnitView): number;
  /** Start-of-day change to a unit's own state (before its terms are read), e.g. rotation out of the line. */
  unitDay?(units: UnitArrays, u: number, day: number): void;
}

/**
 * One day of a soldier in a state this mechanism handles: change his fields and the day's flows, move him
 * on. Returns 1 if he counts as present with his unit today, else 0 (the engine counts his end-of-day state).
 * It reads its parameters from w.R and the day's scalars from t; its draws are counter-based (w.keys).
 */
export type Transition = (w: World, s: number, u: number, t: Day) => number;

export type StateName = (typeof STATE_NAMES)[number];
export type FlagName = keyof typeof Flag;

export interface Mechanism<N extends string = string, S extends ParamSpecs = ParamSpecs> {
  readonly name: N;
  /** One line for docs/model.md and the registry listing. */
  readonly summary: string;
  readonly params: S;
  /** Soldier states whose transitions (or whose time in them) this mechanism decides. */
  readonly states: readonly StateName[];
  /** Soldier flag bits it sets or reads. */
  readonly flags: readonly FlagName[];
  /** Daily flow series it counts. */
  readonly flows: readonly FlowName[];
  /** This mechanism's parameters out of a full set, typed and frozen (read once per run, and at each intervention). */
  resolve(values: ParamValues): Resolved<S>;
  /** The hooks, bound to resolved parameters. */
  hooks(p: Resolved<S>): Hooks;
  /** Daily transitions of soldiers in the states it owns (at most one mechanism per state). */
  readonly transitions: Readonly<Partial<Record<StateName, Transition>>>;
  /** End-of-day work after every soldier has stepped (e.g. the verdicts due today). */
  readonly dayEnd?: (w: World, t: Day) => void;
}

interface Definition<N extends string, S extends ParamSpecs> {
  name: N;
  summary: string;
  params: S;
  states?: readonly StateName[];
  flags?: readonly FlagName[];
  flows?: readonly FlowName[];
  hooks?: (p: Resolved<S>) => Hooks;
  transitions?: Partial<Record<StateName, Transition>>;
  dayEnd?: (w: World, t: Day) => void;
}

/** Build a mechanism from its parts; `resolve` reads exactly the declared keys, so nothing is read by a typo'd string. */
export function defineMechanism<const N extends string, const S extends ParamSpecs>(
  d: Definition<N, S>,
): Mechanism<N, S> {
  const keys = Object.keys(d.params) as (keyof S & string)[];
  return Object.freeze({
    name: d.name,
    summary: d.summary,
    params: d.params,
    states: d.states ?? [],
    flags: d.flags ?? [],
    flows: d.flows ?? [],
    resolve(values: ParamValues): Resolved<S> {
      const out = {} as Record<string, number>;
      for (const k of keys) {
        const v = values[`${d.name}.${k}`];
        if (typeof v !== 'number') throw new Error(`parameter "${d.name}.${k}" is missing`);
        out[k] = v;
      }
      return Object.freeze(out) as Resolved<S>;
    },
    hooks: d.hooks ?? (() => ({})),
    transitions: Object.freeze({ ...d.transitions }),
    ...(d.dayEnd ? { dayEnd: d.dayEnd } : {}),
  });
}
