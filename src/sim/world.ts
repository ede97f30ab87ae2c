import type { Params } from './params.ts';
import type { DayCell, UnitView } from './mechanism.ts';
import type { ResolvedParams, RunHooks } from './mechanisms/index.ts';
import type { FlowName, StockName } from './series.ts';
import { State } from './states.ts';

// The state of a run that the engine and the mechanisms' transitions share: struct-of-arrays soldier
// fields, unit aggregates, the series, and the few primitive moves every transition uses (log an event,
// retire a man from the force, send him to the front). Types and primitives only: no mechanism here.

/** Decision streams: each decision has its own stream so that scenarios share draws (CRN). */
export const D = {
  INIT: 1,
  FRONT: 2,
  ROUTE: 3,
  REAR: 4,
  AWOL: 5,
  WANTED: 6,
  NGO: 7,
  TRANSIT: 8,
  ABROAD: 9,
  CASE: 10,
  COURT: 11,
  GROUP: 12,
  GROUP_MEMBER: 13,
  HOSPITAL: 14,
  RETURN: 15,
  RECRUIT: 16,
} as const;

/** Bits of World.extra. */
export const EXTRA_APPLIED = 1;

export interface CaseRecord {
  personId: number;
  unit: number;
  category: number;
  offenceDay: number; // run-day index
  openDay: number;
  receivedDay: number;
  verdictDay: number;
  article: number;
  part: number; // ×10: 21 = part 2.1
  sentence: number;
  absenceDays: number;
}

/** One logged event about a person: what, who, which unit, which run day. */
export interface PersonEvent {
  personId: number;
  unit: number;
  day: number;
  category: number;
  /** The route for an AWOL event; 0 otherwise. */
  route: number;
}

export interface SimEvents {
  awol: PersonEvent[];
  ngo: PersonEvent[];
  applications: PersonEvent[];
  surrenders: PersonEvent[];
  wanted: PersonEvent[];
  caught: PersonEvent[];
  /** Every detention (caught, refused, or processed after returning), the only way to a case. */
  detained: PersonEvent[];
}

export interface UnitState {
  cohesion: Float64Array;
  morale: Float64Array;
  leaveEwma: Float64Array;
  casEwma: Float64Array;
  daysSinceRotation: Int32Array;
  restUntil: Int32Array;
  present: Int32Array;
  left: Int32Array;
  losses: Int32Array;
  arrivals: Int32Array;
  mul: Float64Array;
  pKill: Float64Array;
  pWound: Float64Array;
  group: Uint8Array;
}

export type Keys = Record<keyof typeof D, number>;

/** The whole mutable state of a run. Soldier fields are typed arrays indexed by slot. */
export interface World {
  N: number;
  start: number;
  days: number;
  unitSize: number;
  nUnits: number;
  unitsPerSector: number;
  nSectors: number;
  P: Params;
  /** P resolved per mechanism, and the hooks bound to it: both renewed at each intervention. */
  R: ResolvedParams;
  H: RunHooks;
  /** Reused argument objects for the hooks (no allocation per unit or per cell). */
  cell: DayCell;
  view: UnitView;
  state: Uint8Array;
  cat: Uint8Array;
  flags: Uint8Array;
  extra: Uint8Array;
  route: Uint8Array;
  fam: Uint8Array;
  wounds: Uint8Array;
  pid: Int32Array;
  joined: Int32Array;
  entered: Int32Array;
  timer: Int32Array;
  lastDischarge: Int32Array;
  absenceStart: Int32Array;
  /** Day until which a soldier's hazard carries a boost above the fast-path cap (twice-wounded, just discharged). */
  boostUntil: Int32Array;
  units: UnitState;
  sectorRate: Float64Array;
  sectorPresent: Float64Array;
  unitEverAwol: Int32Array;
  unitPersons: Int32Array;
  flows: Record<FlowName, Int32Array>;
  stocks: Record<StockName, Int32Array>;
  events: SimEvents | null;
  cases: CaseRecord[];
  verdictsDue: number[][];
  terminal: Int32Array;
  stateCount: Int32Array;
  keys: Keys;
  nextPid: number;
  pool: number;
  cursor: number;
  mobCarry: number;
  conCarry: number;
  dayTab: Float64Array;
  newTab: Float64Array;
  woundTab: Float64Array;
}

/**
 * Per-day scalars, written once a day by the mechanisms' `day` hooks (so the soldier loop reads no
 * parameter table): hazard (h*), leave, surrender (pApply, programme), ngo (pNgo*), hospital (woundWindow),
 * wanted, detention, border (transitDays, stop*, abroad*), collective (groupShare), capture.
 */
export interface Day {
  d: number;
  dAbs: number;
  hFront: number;
  hTraining: number;
  hLeave: number;
  hHospital: number;
  pLeaveGrant: number;
  leaveDays: number;
  pApply: number;
  pNgoFront: number;
  pNgoRear: number;
  pNgoAwol: number;
  woundWindow: number;
  wantedDelay: number;
  pListed: number;
  detentionDays: number;
  transitDays: number;
  groupShare: number;
  caseOnReturn: number;
  programme: boolean;
  awolNoNgo: [number, number, number];
  awolNgo: [number, number, number];
  stopPlain: number;
  stopWanted: number;
  abroadPassport: [number, number];
  abroadNoPassport: [number, number];
}

/** A day with every scalar at zero, for the `day` hooks to fill (one shape, so the reads stay monomorphic). */
export function emptyDay(d: number, dAbs: number): Day {
  return {
    d,
    dAbs,
    hFront: 0,
    hTraining: 0,
    hLeave: 0,
    hHospital: 0,
    pLeaveGrant: 0,
    leaveDays: 0,
    pApply: 0,
    pNgoFront: 0,
    pNgoRear: 0,
    pNgoAwol: 0,
    woundWindow: 0,
    wantedDelay: 0,
    pListed: 0,
    detentionDays: 0,
    transitDays: 0,
    groupShare: 0,
    caseOnReturn: 0,
    programme: false,
    awolNoNgo: [0, 0, 0],
    awolNgo: [0, 0, 0],
    stopPlain: 0,
    stopWanted: 0,
    abroadPassport: [0, 0],
    abroadNoPassport: [0, 0],
  };
}

export function log(w: World, list: PersonEvent[], s: number, day: number, r = 0): void {
  list.push({ personId: w.pid[s]!, unit: (s / w.unitSize) | 0, day, category: w.cat[s]!, route: r });
}

/** Move to a terminal state: count the person and free the slot. */
export function retire(w: World, s: number, st: number): void {
  w.terminal[st]!++;
  w.state[s] = State.POOL;
  w.pid[s] = -1;
  w.pool++;
}

export function toFront(w: World, s: number, dAbs: number): void {
  w.state[s] = State.FRONT;
  w.entered[s] = dAbs;
}
