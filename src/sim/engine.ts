import { dayNumber } from '../domain/dates.ts';
import { counterStream, mix32, streamKey, u01 } from './rng.ts';
import { Category, CATEGORY_COUNT, Flag, Route, State, STATE_COUNT } from './states.ts';
import type { Params } from './params.ts';
import type { ResolvedScenario } from './scenario.ts';
import { categoryFactors, hazardToProb } from './mechanisms/hazard-base.ts';
import { drawAttributes, FAMILY_LEVELS } from './mechanisms/force.ts';
import { contractCategory, contractToday, mobilisedToday } from './mechanisms/recruitment.ts';
import { casualtyTerm, killProbability, woundProbability } from './mechanisms/casualties.ts';
import { invalidedProbability, treatmentDays, woundFactors } from './mechanisms/hospital.ts';
import { fatigueTerm } from './mechanisms/fatigue.ts';
import { newcomerFactors } from './mechanisms/integration.ts';
import { cohesionTerm, nextCohesion, nextMorale } from './mechanisms/cohesion.ts';
import { contagionTerm, ewmaWeight, PER_100_MONTH } from './mechanisms/contagion.ts';
import { eligible as groupEligible } from './mechanisms/collective.ts';
import { discriminationTerm } from './mechanisms/discrimination.ts';
import { supportTerm } from './mechanisms/support.ts';
import { payTerm } from './mechanisms/pay.ts';
import { deterrenceTerm } from './mechanisms/deterrence.ts';
import { leaveProbability } from './mechanisms/leave.ts';
import { rotationDue } from './mechanisms/rotation.ts';
import { chooseRoute } from './mechanisms/routes.ts';
import { awolProbabilities } from './mechanisms/capture.ts';
import { contactProbability } from './mechanisms/ngo.ts';
import { abroadProbabilities, stopProbability } from './mechanisms/border.ts';
import { caseProbability, contractSuspendProbability } from './mechanisms/detention.ts';
import { articlePart, receiveDelay, sentence, Sentence, verdictDelay } from './mechanisms/courts.ts';
import { applyProbability, LAUNCH as SURRENDER_LAUNCH } from './mechanisms/surrender.ts';
import { FLOW_NAMES, STOCK_NAMES, type FlowName, type StockName } from './series.ts';

// The engine: struct-of-arrays state, a fixed daily phase order, counter-based draws addressed by
// (run seed, decision, person, day). Today's hazards read only yesterday's unit aggregates, so the
// result does not depend on the order in which soldiers are visited.
//
// Daily phases: 1 interventions → 2 day-level factors → 3 unit factors (rotation, group events)
// → 4 recruitment → 5 soldiers (one pass, by unit) → 6 verdicts due → 7 unit aggregates → 8 series.

/** Decision streams: each decision has its own stream so that scenarios share draws (CRN). */
const D = {
  INIT: 1, FRONT: 2, ROUTE: 3, REAR: 4, AWOL: 5, WANTED: 6, NGO: 7, TRANSIT: 8, ABROAD: 9, CASE: 10,
  COURT: 11, GROUP: 12, GROUP_MEMBER: 13, HOSPITAL: 14, RETURN: 15, RECRUIT: 16,
} as const;

const EXTRA_APPLIED = 1;

export interface SimConfig {
  seed: number;
  /** Agent slots: the force's size in theatre when full. */
  agents: number;
  start: string;
  end: string;
  scenario: ResolvedScenario;
  /** Keep individual-level event logs (for the lists). Off in ensembles to save memory. */
  keepEvents?: boolean;
}

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

export interface SimResult {
  seed: number;
  scenario: string;
  start: string;
  days: number;
  agents: number;
  units: number;
  unitSize: number;
  persons: number;
  flows: Record<FlowName, Int32Array>;
  stocks: Record<StockName, Int32Array>;
  /** Per unit: persons ever AWOL while in it. */
  unitEverAwol: Int32Array;
  /** Per unit: persons who ever served in it. */
  unitPersons: Int32Array;
  /** Cases opened (including those suspended under 270-FZ, with receivedDay = −1). */
  cases: CaseRecord[];
  events: SimEvents | null;
}

interface UnitState {
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

type Keys = Record<keyof typeof D, number>;

/** The whole mutable state of a run. Soldier fields are typed arrays indexed by slot. */
interface World {
  N: number;
  start: number;
  days: number;
  unitSize: number;
  nUnits: number;
  unitsPerSector: number;
  nSectors: number;
  P: Params;
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

/** Per-day scalars, read once a day from the parameters (so the soldier loop reads no parameter table). */
interface Day {
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

function newUnits(n: number, P: Params): UnitState {
  return {
    cohesion: new Float64Array(n).fill(P['cohesion.initialCohesion']),
    morale: new Float64Array(n).fill(P['cohesion.moraleTarget']),
    leaveEwma: new Float64Array(n), casEwma: new Float64Array(n),
    daysSinceRotation: new Int32Array(n), restUntil: new Int32Array(n).fill(-1),
    present: new Int32Array(n), left: new Int32Array(n), losses: new Int32Array(n), arrivals: new Int32Array(n),
    mul: new Float64Array(n), pKill: new Float64Array(n), pWound: new Float64Array(n), group: new Uint8Array(n),
  };
}

function newWorld(cfg: SimConfig, P: Params): World {
  const N = cfg.agents;
  const start = dayNumber(cfg.start);
  const days = dayNumber(cfg.end) - start + 1;
  const unitSize = Math.round(P['force.unitSize']);
  const nUnits = Math.ceil(N / unitSize);
  const unitsPerSector = Math.round(P['force.unitsPerSector']);
  const nSectors = Math.ceil(nUnits / unitsPerSector);
  const keys = {} as Keys;
  for (const [name, id] of Object.entries(D)) keys[name as keyof typeof D] = streamKey(cfg.seed, id);
  return {
    N, start, days, unitSize, nUnits, unitsPerSector, nSectors, P,
    state: new Uint8Array(N), cat: new Uint8Array(N), flags: new Uint8Array(N), extra: new Uint8Array(N),
    route: new Uint8Array(N), fam: new Uint8Array(N), wounds: new Uint8Array(N), pid: new Int32Array(N).fill(-1),
    joined: new Int32Array(N), entered: new Int32Array(N), timer: new Int32Array(N),
    lastDischarge: new Int32Array(N).fill(-1_000_000), absenceStart: new Int32Array(N), boostUntil: new Int32Array(N),
    units: newUnits(nUnits, P), sectorRate: new Float64Array(nSectors), sectorPresent: new Float64Array(nSectors),
    unitEverAwol: new Int32Array(nUnits), unitPersons: new Int32Array(nUnits),
    flows: Object.fromEntries(FLOW_NAMES.map((k) => [k, new Int32Array(days)])) as Record<FlowName, Int32Array>,
    stocks: Object.fromEntries(STOCK_NAMES.map((k) => [k, new Int32Array(days)])) as Record<StockName, Int32Array>,
    events: cfg.keepEvents ? { awol: [], ngo: [], applications: [], surrenders: [], wanted: [], caught: [], detained: [] } : null,
    cases: [], verdictsDue: Array.from({ length: days }, () => []),
    terminal: new Int32Array(STATE_COUNT), stateCount: new Int32Array(STATE_COUNT), keys,
    nextPid: 0, pool: N, cursor: 0, mobCarry: 0, conCarry: 0,
    dayTab: new Float64Array(CATEGORY_COUNT * 2 * FAMILY_LEVELS), newTab: newcomerFactors(P), woundTab: woundFactors(P),
  };
}

function readDay(w: World, d: number): Day {
  const P = w.P;
  const dAbs = w.start + d;
  return {
    d, dAbs,
    hFront: P['hazard.front'], hTraining: P['hazard.training'], hLeave: P['hazard.onLeave'], hHospital: P['hazard.hospital'],
    pLeaveGrant: leaveProbability(P), leaveDays: Math.round(P['leave.lengthDays']), pApply: applyProbability(dAbs, P),
    pNgoFront: contactProbability(State.FRONT, dAbs, P), pNgoRear: contactProbability(State.TRAINING, dAbs, P),
    pNgoAwol: contactProbability(State.AWOL_HOME, dAbs, P),
    woundWindow: Math.round(P['hospital.windowDays']), wantedDelay: Math.round(P['wanted.delayDays']), pListed: P['wanted.pListed'],
    detentionDays: Math.round(P['detention.days']), transitDays: Math.round(P['border.transitDays']),
    groupShare: P['collective.share'], caseOnReturn: P['capture.caseOnReturn'], programme: dAbs >= SURRENDER_LAUNCH,
    awolNoNgo: awolProbabilities(0, P), awolNgo: awolProbabilities(Flag.CONTACTED_NGO, P),
    stopPlain: stopProbability(0, P), stopWanted: stopProbability(Flag.WANTED, P),
    abroadPassport: abroadProbabilities(Flag.FOREIGN_PASSPORT, P), abroadNoPassport: abroadProbabilities(0, P),
  };
}

function log(w: World, list: PersonEvent[], s: number, day: number, r = 0): void {
  list.push({ personId: w.pid[s], unit: (s / w.unitSize) | 0, day, category: w.cat[s], route: r });
}

function addRecruit(w: World, s: number, dAbs: number, category: number, trainingDays: number): void {
  const id = w.nextPid++;
  const a = drawAttributes(counterStream(w.keys.INIT, id, 0), w.P);
  w.pid[s] = id;
  w.cat[s] = category;
  w.flags[s] = a.flags;
  w.fam[s] = a.family;
  w.extra[s] = 0;
  w.wounds[s] = 0;
  w.lastDischarge[s] = -1_000_000;
  w.entered[s] = dAbs;
  if (trainingDays > 0) {
    w.state[s] = State.TRAINING;
    w.timer[s] = dAbs + trainingDays;
  } else {
    w.state[s] = State.FRONT;
    w.joined[s] = dAbs;
  }
  w.pool--;
  w.unitPersons[(s / w.unitSize) | 0]++;
}

/** Move to a terminal state: count the person and free the slot. */
function retire(w: World, s: number, st: number): void {
  w.terminal[st]++;
  w.state[s] = State.POOL;
  w.pid[s] = -1;
  w.pool++;
}

function contactNgo(w: World, s: number, t: Day): void {
  w.flags[s] |= Flag.CONTACTED_NGO;
  w.flows.ngoRequests[t.d]++;
  if (w.events) log(w, w.events.ngo, s, t.d);
}

function leaveUnit(w: World, s: number, from: number, u: number, t: Day): void {
  const { flows: F, flags } = w;
  const d = t.d;
  const r = chooseRoute(u01(w.keys.ROUTE, w.pid[s], t.dAbs), from, flags[s], (w.fam[s] + 0.5) / FAMILY_LEVELS, (w.extra[s] & EXTRA_APPLIED) !== 0, w.P);
  F.left[d]++;
  w.units.left[u]++;
  if (!(flags[s] & Flag.EVER_AWOL)) {
    flags[s] |= Flag.EVER_AWOL;
    F.awolFirst[d]++;
    w.unitEverAwol[u]++;
  }
  if (w.events) log(w, w.events.awol, s, d, r);
  w.route[s] = r;
  w.absenceStart[s] = t.dAbs;
  w.entered[s] = t.dAbs;
  if (r === Route.HOME) {
    w.state[s] = State.AWOL_HOME;
    F.awolHome[d]++;
  } else if (r === Route.ABROAD) {
    w.state[s] = State.IN_TRANSIT;
    w.timer[s] = t.dAbs + t.transitDays;
    F.setOutAbroad[d]++;
  } else if (r === Route.SURRENDER) {
    F.surrendered[d]++;
    if (t.programme) {
      F.programmeSurrenders[d]++;
      if (w.events) log(w, w.events.surrenders, s, d);
    }
    retire(w, s, State.SURRENDERED);
  } else {
    F.refused[d]++;
    detain(w, s, u, t);
  }
}

function detain(w: World, s: number, u: number, t: Day): void {
  if (w.events) log(w, w.events.detained, s, t.d, w.route[s]);
  w.state[s] = State.DETAINED;
  w.entered[s] = t.dAbs;
  w.timer[s] = t.dAbs + t.detentionDays;
  const absence = t.dAbs - w.absenceStart[s];
  if (u01(w.keys.CASE, w.pid[s], t.dAbs) < caseProbability(t.dAbs, w.route[s], absence, w.P)) {
    w.flags[s] |= Flag.CASE_OPEN;
    openCase(w, s, u, absence, t);
  } else {
    w.flags[s] &= ~Flag.CASE_OPEN;
  }
}

function openCase(w: World, s: number, u: number, absence: number, t: Day): void {
  const d = t.d;
  const rs = counterStream(w.keys.COURT, w.pid[s], t.dAbs);
  const [article, part] = articlePart(w.route[s], absence, w.absenceStart[s]);
  const rec: CaseRecord = {
    personId: w.pid[s], unit: u, category: w.cat[s], offenceDay: w.absenceStart[s] - w.start, openDay: d,
    receivedDay: -1, verdictDay: -1, article, part, sentence: -1, absenceDays: absence,
  };
  w.flows.casesOpened[d]++;
  if (rs() < contractSuspendProbability(t.dAbs, w.P)) {
    w.flows.casesSuspended270[d]++;
  } else {
    rec.receivedDay = d + receiveDelay(rs, w.P);
    rec.verdictDay = rec.receivedDay + verdictDelay(rs, w.P);
    rec.sentence = sentence(rs(), w.P);
    if (rec.receivedDay < w.days) w.flows.casesReceived[rec.receivedDay]++;
    if (rec.verdictDay < w.days) w.verdictsDue[rec.verdictDay].push(w.cases.length);
  }
  w.cases.push(rec);
}

function toFront(w: World, s: number, dAbs: number): void {
  w.state[s] = State.FRONT;
  w.entered[s] = dAbs;
}

/** Phase 2: category base × pay × deterrence × discrimination × family support, per (category, group, family level). */
function dayFactors(w: World, dAbs: number): void {
  const P = w.P;
  const cf = categoryFactors(P);
  const deter = deterrenceTerm(dAbs, P);
  for (let c = 0; c < CATEGORY_COUNT; c++) {
    for (let disc = 0; disc < 2; disc++) {
      for (let f = 0; f < FAMILY_LEVELS; f++) {
        const eta = payTerm(c, P) + deter + discriminationTerm(disc === 1, P) + supportTerm((f + 0.5) / FAMILY_LEVELS, dAbs, P);
        w.dayTab[(c * 2 + disc) * FAMILY_LEVELS + f] = cf[c] * Math.exp(eta);
      }
    }
  }
}

/** Phase 3: unit factors from yesterday's aggregates; rotation; group events. */
function unitFactors(w: World, t: Day): void {
  const { units, P } = w;
  const groupP = P['collective.pEvent'];
  const pKillLine = killProbability(P, false);
  const pWoundLine = woundProbability(P, false);
  for (let u = 0; u < w.nUnits; u++) {
    if (rotationDue(units.daysSinceRotation[u], P)) {
      units.daysSinceRotation[u] = 0;
      units.restUntil[u] = t.dAbs + Math.round(P['rotation.restDays']);
      units.morale[u] = Math.max(units.morale[u], P['rotation.moraleRestore']);
    }
    const resting = t.dAbs < units.restUntil[u];
    const C = units.cohesion[u];
    const M = units.morale[u];
    const sector = (u / w.unitsPerSector) | 0;
    const eta = fatigueTerm(units.daysSinceRotation[u], P) + cohesionTerm(C, M, P)
      + contagionTerm(units.leaveEwma[u], w.sectorRate[sector], P) + casualtyTerm(units.casEwma[u] * PER_100_MONTH, P);
    // A resting unit is out of the line: no losses, half the hazard.
    units.mul[u] = Math.exp(eta) * (resting ? 0.5 : 1);
    units.pKill[u] = resting ? 0 : pKillLine;
    units.pWound[u] = resting ? 0 : pWoundLine;
    units.group[u] = groupP > 0 && groupEligible(C, M, P) && u01(w.keys.GROUP, u, t.dAbs) < groupP ? 1 : 0;
    if (units.group[u]) w.flows.groupEvents[t.d]++;
    units.present[u] = 0;
    units.left[u] = 0;
    units.losses[u] = 0;
    units.arrivals[u] = 0;
  }
}

/** Phase 4: recruitment into empty slots (mobilisation waves first, then contract refill). */
function recruit(w: World, t: Day): void {
  const P = w.P;
  w.mobCarry += mobilisedToday(t.dAbs, w.N, P);
  w.conCarry += contractToday(t.dAbs, w.pool, w.N, P);
  const trainingDays = Math.round(P['recruitment.trainingDays']);
  while ((w.mobCarry >= 1 || w.conCarry >= 1) && w.pool > 0) {
    while (w.state[w.cursor] !== State.POOL) w.cursor = w.cursor + 1 === w.N ? 0 : w.cursor + 1;
    let category: number;
    if (w.mobCarry >= 1) {
      w.mobCarry -= 1;
      category = Category.MOBILISED;
      w.flows.mobilised[t.d]++;
    } else {
      w.conCarry -= 1;
      category = contractCategory(t.dAbs, u01(w.keys.RECRUIT, w.nextPid, t.dAbs), P);
    }
    addRecruit(w, w.cursor, t.dAbs, category, trainingDays);
    w.flows.recruited[t.d]++;
  }
  // Unfilled demand does not pile up while the force is full.
  if (w.pool === 0) {
    w.mobCarry = Math.min(w.mobCarry, 1);
    w.conCarry = Math.min(w.conCarry, 1);
  }
}

const FRONT = State.FRONT;
const POOL = State.POOL;
const HOSPITAL = State.HOSPITAL;
const DETAINED = State.DETAINED;
const TWO_POW_M32 = 2.3283064365386963e-10;

/** Phase 5: every soldier, unit by unit. The front branch is the hot path: one draw, two comparisons. */
function stepSoldiers(w: World, t: Day): void {
  const { state, pid, units, dayTab, newTab, woundTab, stateCount, boostUntil, timer } = w;
  const kFront = w.keys.FRONT;
  const { dAbs, hFront, pLeaveGrant, pApply, pNgoFront } = t;
  const unitSize = w.unitSize;
  const N = w.N;
  stateCount.fill(0);
  let dtMax = 0;
  for (let i = 0; i < dayTab.length; i++) if (dayTab[i] > dtMax) dtMax = dayTab[i];
  // The largest hazard a soldier at the front can have today in a unit: the newcomer factor at its
  // largest and the post-hospital factor of a first or second wound. A soldier whose draw lies in the
  // quiet zone cannot leave, be hit, go on leave or apply, so nothing else is computed (the common
  // case). Soldiers above the cap (more wounds, just discharged) are marked in boostUntil.
  const hCap = dtMax * newTab[0] * woundTab[2];
  const dayMix = Math.imul(dAbs + 0x3c6ef372, 0xc2b2ae35);
  let front = 0;
  for (let u = 0; u < w.nUnits; u++) {
    const pKWLA = units.pKill[u] + units.pWound[u] + pLeaveGrant + pApply;
    const hMax = units.mul[u] * hFront * hCap;
    const quiet = units.group[u] !== 0 ? 0 : 1 - (hMax < 0.02 ? hMax : 1 - Math.exp(-hMax)) - pNgoFront;
    const sEnd = Math.min(N, (u + 1) * unitSize);
    let present = 0;
    for (let s = u * unitSize; s < sEnd; s++) {
      const st = state[s];
      if (st === FRONT) {
        // u01(kFront, id, dAbs), inlined with the day's half of the hash hoisted out of the loop.
        const x = mix32(mix32(kFront ^ Math.imul(pid[s] + 1, 0x9e3779b1)) ^ dayMix) * TWO_POW_M32;
        if (x >= pKWLA && x < quiet && dAbs >= boostUntil[s]) {
          front++;
          present++;
        } else {
          const r = frontEvent(w, s, u, x, t);
          present += r & 1;
          front += r >> 1;
        }
      } else if ((st === HOSPITAL || st === DETAINED) && dAbs < timer[s]) {
        // waiting for discharge or release: nothing to draw today
        present++;
        stateCount[st]++;
      } else if (st !== POOL) {
        present += stepOther(w, s, st, u, t);
      }
    }
    units.present[u] = present;
  }
  stateCount[FRONT] += front;
}

/**
 * A front soldier whose draw is outside the quiet zone: killed, wounded, leave, application, or the
 * exact hazard of leaving. Returns bit 0 = still present with the unit, bit 1 = still at the front.
 */
function frontEvent(w: World, s: number, u: number, x: number, t: Day): number {
  const { state, flags, extra, wounds, units, stateCount } = w;
  const F = w.flows;
  const { d, dAbs } = t;
  const id = w.pid[s];
  const pKill = units.pKill[u];
  const pKW = pKill + units.pWound[u];
  const pKWL = pKW + t.pLeaveGrant;
  if (x < pKW) {
    units.losses[u]++;
    if (x < pKill) {
      F.killed[d]++;
      retire(w, s, State.KILLED);
      return 0;
    }
    F.wounded[d]++;
    if (wounds[s] < 255) wounds[s]++;
    state[s] = State.HOSPITAL;
    w.entered[s] = dAbs;
    w.timer[s] = dAbs + treatmentDays(counterStream(w.keys.HOSPITAL, id, dAbs), w.P);
    stateCount[State.HOSPITAL]++;
    return 1;
  }
  if (x < pKWL) {
    state[s] = State.ON_LEAVE;
    w.entered[s] = dAbs;
    w.timer[s] = dAbs + t.leaveDays;
    F.leavesGranted[d]++;
    stateCount[State.ON_LEAVE]++;
    return 0;
  }
  if (x < pKWL + t.pApply && !(extra[s] & EXTRA_APPLIED)) {
    extra[s] |= EXTRA_APPLIED;
    F.applications[d]++;
    if (w.events) log(w, w.events.applications, s, d);
  }
  const f = flags[s];
  let h = units.mul[u] * t.hFront * w.dayTab[(w.cat[s] * 2 + (f & Flag.DISCRIMINATED)) * FAMILY_LEVELS + w.fam[s]];
  const since = dAbs - w.joined[s];
  if (since < w.newTab.length) h *= w.newTab[since];
  if (dAbs - w.lastDischarge[s] < t.woundWindow) h *= w.woundTab[wounds[s] > 7 ? 7 : wounds[s]];
  const pL = hazardToProb(h);
  const group = units.group[u] !== 0;
  if (x >= 1 - pL || (group && u01(w.keys.GROUP_MEMBER, id, dAbs) < t.groupShare)) {
    if (group) F.groupLeavers[d]++;
    leaveUnit(w, s, State.FRONT, u, t);
    if (state[s] !== State.POOL) stateCount[state[s]]++;
    return 0; // counted among the unit's leavers, not its present
  }
  if (x >= 1 - pL - t.pNgoFront && !(f & Flag.CONTACTED_NGO)) contactNgo(w, s, t);
  return 3;
}

/** Everyone not at the front (a minority). Returns 1 if the soldier counts as present with his unit. */
function stepOther(w: World, s: number, st: number, u: number, t: Day): number {
  const { flags, pid, timer, state } = w;
  const F = w.flows;
  const { d, dAbs } = t;
  let present = 0;
  switch (st) {
    case State.TRAINING:
    case State.ON_LEAVE: {
      const x = u01(w.keys.REAR, pid[s], dAbs);
      const ci = (w.cat[s] * 2 + (flags[s] & Flag.DISCRIMINATED)) * FAMILY_LEVELS + w.fam[s];
      const h = (st === State.TRAINING ? t.hTraining * w.newTab[0] : t.hLeave * w.units.mul[u]) * w.dayTab[ci];
      if (x >= 1 - hazardToProb(h)) {
        leaveUnit(w, s, st, u, t);
      } else if (dAbs >= timer[s]) {
        toFront(w, s, dAbs);
        present = 1;
        if (st === State.TRAINING) {
          w.joined[s] = dAbs;
          w.units.arrivals[u]++;
        }
      } else if (x < t.pNgoRear && !(flags[s] & Flag.CONTACTED_NGO)) {
        contactNgo(w, s, t);
      }
      break;
    }
    case State.HOSPITAL: {
      present = 1;
      if (dAbs < timer[s]) break;
      const x = u01(w.keys.HOSPITAL, pid[s], dAbs + 0x10000);
      const ci = (w.cat[s] * 2 + (flags[s] & Flag.DISCRIMINATED)) * FAMILY_LEVELS + w.fam[s];
      const pInv = invalidedProbability(w.wounds[s], w.P);
      if (x < pInv) {
        F.invalided[d]++;
        retire(w, s, State.DISCHARGED);
      } else if (x >= 1 - Math.min(1 - pInv, hazardToProb(t.hHospital * w.units.mul[u] * w.dayTab[ci]))) {
        leaveUnit(w, s, State.HOSPITAL, u, t);
      } else {
        toFront(w, s, dAbs);
        w.lastDischarge[s] = dAbs;
        if (w.wounds[s] > 2) w.boostUntil[s] = Math.max(w.boostUntil[s], dAbs + Math.round(w.P['hospital.windowDays']));
      }
      break;
    }
    case State.AWOL_HOME: {
      const id = pid[s];
      const [pc, pr, pa] = flags[s] & Flag.CONTACTED_NGO ? t.awolNgo : t.awolNoNgo;
      const x = u01(w.keys.AWOL, id, dAbs);
      if (x < pc) {
        F.caught[d]++;
        if (w.events) log(w, w.events.caught, s, d);
        detain(w, s, u, t);
      } else if (x < pc + pr) {
        F.returnedSelf[d]++;
        if (u01(w.keys.RETURN, id, dAbs) < t.caseOnReturn) detain(w, s, u, t);
        else {
          F.returnedWithoutCase[d]++;
          toFront(w, s, dAbs);
        }
      } else if (x < pc + pr + pa) {
        state[s] = State.IN_TRANSIT;
        timer[s] = dAbs + t.transitDays;
        w.route[s] = Route.ABROAD;
        F.setOutAbroad[d]++;
      } else {
        if (dAbs - w.entered[s] === t.wantedDelay && !(flags[s] & Flag.WANTED) && u01(w.keys.WANTED, id, dAbs) < t.pListed) {
          flags[s] |= Flag.WANTED;
          F.wantedDeclared[d]++;
          if (w.events) log(w, w.events.wanted, s, d);
        }
        if (!(flags[s] & Flag.CONTACTED_NGO) && u01(w.keys.NGO, id, dAbs) < t.pNgoAwol) contactNgo(w, s, t);
      }
      break;
    }
    case State.IN_TRANSIT: {
      const x = u01(w.keys.TRANSIT, pid[s], dAbs);
      if (x < (flags[s] & Flag.WANTED ? t.stopWanted : t.stopPlain)) {
        F.caught[d]++;
        F.stoppedAtBorder[d]++;
        if (w.events) log(w, w.events.caught, s, d);
        detain(w, s, u, t);
      } else if (dAbs >= timer[s]) {
        state[s] = State.ABROAD_TRANSIT;
        w.entered[s] = dAbs;
        F.arrivedAbroad[d]++;
      }
      break;
    }
    case State.ABROAD_TRANSIT: {
      const x = u01(w.keys.ABROAD, pid[s], dAbs);
      const [pe, po] = flags[s] & Flag.FOREIGN_PASSPORT ? t.abroadPassport : t.abroadNoPassport;
      if (x < pe) {
        F.caught[d]++;
        F.extradited[d]++;
        if (w.events) log(w, w.events.caught, s, d);
        detain(w, s, u, t);
      } else if (x < pe + po) {
        F.reachedSafety[d]++;
        retire(w, s, State.ABROAD_SAFE);
      }
      break;
    }
    case State.DETAINED: {
      present = 1;
      if (dAbs < timer[s]) break;
      if (!(flags[s] & Flag.CASE_OPEN)) F.returnedWithoutCase[d]++;
      toFront(w, s, dAbs);
      break;
    }
  }
  if (state[s] !== State.POOL) w.stateCount[state[s]]++;
  return present;
}

/** Phase 6: verdicts due today; a prison sentence takes the man out of the force. */
function verdicts(w: World, t: Day): void {
  const F = w.flows;
  const d = t.d;
  for (const ci of w.verdictsDue[d]) {
    const c = w.cases[ci];
    F.verdicts[d]++;
    if (c.sentence === Sentence.SUSPENDED) F.suspendedVerdicts[d]++;
    else if (c.sentence === Sentence.PRISON) F.prisonVerdicts[d]++;
    const slot = findSlot(w, c.personId, c.unit);
    if (slot < 0) continue; // killed, abroad, surrendered or otherwise gone
    w.flags[slot] &= ~Flag.CASE_OPEN;
    if (c.sentence === Sentence.SUSPENDED) w.flags[slot] |= Flag.SUSPENDED;
    else if (c.sentence === Sentence.PRISON) {
      const st = w.state[slot];
      if (st === State.FRONT || st === State.TRAINING || st === State.ON_LEAVE || st === State.HOSPITAL || st === State.DETAINED || st === State.AWOL_HOME) {
        w.stateCount[st]--;
        F.imprisoned[d]++;
        retire(w, slot, State.PRISON);
      }
    }
  }
  w.verdictsDue[d] = [];
}

/** A person keeps his slot while he serves; slots are reused only after he leaves for good. */
function findSlot(w: World, personId: number, unit: number): number {
  const end = Math.min(w.N, (unit + 1) * w.unitSize);
  for (let s = unit * w.unitSize; s < end; s++) if (w.pid[s] === personId) return s;
  return -1;
}

/** Phase 7: unit aggregates (leaving and casualty rates, cohesion, morale) and sector rates. */
function unitAggregates(w: World): void {
  const { units, P, sectorRate, sectorPresent } = w;
  const wt = ewmaWeight(P);
  sectorRate.fill(0);
  sectorPresent.fill(0);
  for (let u = 0; u < w.nUnits; u++) {
    const n = Math.max(1, units.present[u] + units.left[u] + units.losses[u]);
    const leaveShare = units.left[u] / n;
    const casShare = units.losses[u] / n;
    units.leaveEwma[u] += wt * (leaveShare - units.leaveEwma[u]);
    units.casEwma[u] += wt * (casShare - units.casEwma[u]);
    units.cohesion[u] = nextCohesion(units.cohesion[u], units.arrivals[u] / n, P);
    units.morale[u] = nextMorale(units.morale[u], casShare, leaveShare, units.daysSinceRotation[u] / 365, P);
    units.daysSinceRotation[u]++;
    const sector = (u / w.unitsPerSector) | 0;
    sectorRate[sector] += units.leaveEwma[u] * n;
    sectorPresent[sector] += n;
  }
  for (let s = 0; s < w.nSectors; s++) sectorRate[s] = sectorPresent[s] > 0 ? sectorRate[s] / sectorPresent[s] : 0;
}

/** Phase 8: end-of-day stocks. */
function recordStocks(w: World, d: number): void {
  const S = w.stocks;
  const c = w.stateCount;
  const T = w.terminal;
  S.front[d] = c[State.FRONT];
  S.training[d] = c[State.TRAINING];
  S.onLeave[d] = c[State.ON_LEAVE];
  S.hospital[d] = c[State.HOSPITAL];
  S.awolHome[d] = c[State.AWOL_HOME];
  S.inTransit[d] = c[State.IN_TRANSIT];
  S.abroadTransit[d] = c[State.ABROAD_TRANSIT];
  S.detained[d] = c[State.DETAINED];
  S.abroadSafe[d] = T[State.ABROAD_SAFE];
  S.prison[d] = T[State.PRISON];
  S.surrenderedTotal[d] = T[State.SURRENDERED];
  S.killedTotal[d] = T[State.KILLED];
  S.discharged[d] = T[State.DISCHARGED];
  S.strength[d] = c[State.FRONT] + c[State.TRAINING] + c[State.ON_LEAVE] + c[State.HOSPITAL] + c[State.DETAINED];
  S.persons[d] = w.nextPid;
  S.pool[d] = w.pool;
}

/** Run one simulation. `onDay` is called after each day (progress). */
export function simulate(cfg: SimConfig, onDay?: (day: number, days: number) => void): SimResult {
  let P: Params = { ...cfg.scenario.base };
  const changes = cfg.scenario.changes;
  const start = dayNumber(cfg.start);
  let next = 0;
  // Interventions dated on or before the start apply from the start.
  while (next < changes.length && changes[next].day <= start) P = { ...P, ...changes[next++].params };
  const w = newWorld(cfg, P);
  if (!(w.days > 0)) throw new Error(`the run ends (${cfg.end}) before it starts (${cfg.start})`);

  // Day 0: the initial force, at the front and already integrated in its units.
  const initial = Math.min(w.N, Math.round(w.N * P['force.initialShare']));
  for (let s = 0; s < initial; s++) {
    addRecruit(w, s, start, u01(w.keys.INIT, s, -1) < 0.9 ? Category.PREWAR_CONTRACT : Category.OTHER, 0);
    w.joined[s] = start - 365;
    w.boostUntil[s] = 0;
  }
  w.cursor = initial % w.N;

  for (let d = 0; d < w.days; d++) {
    const dAbs = start + d;
    let changed = false;
    while (next < changes.length && changes[next].day <= dAbs) {
      w.P = { ...w.P, ...changes[next++].params };
      changed = true;
    }
    if (changed) {
      w.newTab = newcomerFactors(w.P);
      w.woundTab = woundFactors(w.P);
      // The boost windows may have changed length: recompute them from their start days.
      const win = Math.round(w.P['hospital.windowDays']);
      for (let s = 0; s < w.N; s++) w.boostUntil[s] = w.wounds[s] > 2 ? w.lastDischarge[s] + win : 0;
    }
    const t = readDay(w, d);
    dayFactors(w, dAbs);
    unitFactors(w, t);
    recruit(w, t);
    stepSoldiers(w, t);
    verdicts(w, t);
    unitAggregates(w);
    recordStocks(w, d);
    if (onDay) onDay(d, w.days);
  }

  return {
    seed: cfg.seed, scenario: cfg.scenario.name, start: cfg.start, days: w.days, agents: w.N, units: w.nUnits,
    unitSize: w.unitSize, persons: w.nextPid, flows: w.flows, stocks: w.stocks, unitEverAwol: w.unitEverAwol,
    unitPersons: w.unitPersons, cases: w.cases, events: w.events,
  };
}

/** Every person is in exactly one state: non-terminal slots plus terminal counts equal persons ever. */
export function conservationHolds(r: SimResult, d: number): boolean {
  const s = r.stocks;
  const alive = s.front[d] + s.training[d] + s.onLeave[d] + s.hospital[d] + s.awolHome[d] + s.inTransit[d] + s.abroadTransit[d] + s.detained[d];
  const gone = s.abroadSafe[d] + s.prison[d] + s.surrenderedTotal[d] + s.killedTotal[d] + s.discharged[d];
  return alive + gone === s.persons[d] && alive + s.pool[d] === r.agents;
}

