import { dayNumber } from '../domain/index.ts';
import { counterStream, mix32, streamKey, u01 } from './rng.ts';
import { Category, CATEGORY_COUNT, Flag, State, STATE_COUNT, STATE_NAMES } from './states.ts';
import type { Params } from './params.ts';
import type { ResolvedScenario } from './scenario.ts';
import type { Transition } from './mechanism.ts';
import { bindHooks, MECHANISMS, resolveAll, type ResolvedParams } from './mechanisms/index.ts';
import { categoryFactors, hazardToProb } from './mechanisms/hazard-base.ts';
import { drawAttributes, FAMILY_LEVELS } from './mechanisms/force.ts';
import { contractCategory, contractToday, mobilisedToday } from './mechanisms/recruitment.ts';
import { killProbability, woundProbability } from './mechanisms/casualties.ts';
import { treatmentDays, woundFactors } from './mechanisms/hospital.ts';
import { newcomerFactors } from './mechanisms/integration.ts';
import { nextCohesion, nextMorale } from './mechanisms/cohesion.ts';
import { ewmaWeight } from './mechanisms/contagion.ts';
import { eligible as groupEligible } from './mechanisms/collective.ts';
import { leaveUnit } from './mechanisms/routes.ts';
import { contactNgo } from './mechanisms/ngo.ts';
import { FLOW_NAMES, STOCK_NAMES, type FlowName, type StockName } from './series.ts';
import {
  D,
  emptyDay,
  EXTRA_APPLIED,
  log,
  retire,
  type CaseRecord,
  type Day,
  type Keys,
  type SimEvents,
  type UnitState,
  type World,
} from './world.ts';

export type { CaseRecord, PersonEvent, SimEvents } from './world.ts';

// The engine: struct-of-arrays state, a fixed daily phase order, counter-based draws addressed by
// (run seed, decision, person, day). Today's hazards read only yesterday's unit aggregates, so the
// result does not depend on the order in which soldiers are visited. Parameters are read once per run
// (and at each intervention) into typed per-mechanism objects (w.R); the η terms of the hazard and the
// unit-level changes come from the mechanisms' hooks (src/sim/mechanisms/index.ts).
//
// The soldier pass is fused: the front (nine soldiers in ten) is stepped here, inline, with one draw and
// two comparisons in the common case; every other state is stepped by the transition of the mechanism
// that owns it (TRANSITIONS, one indirect call per soldier off the front).
//
// Daily phases: 1 interventions → 2 day scalars and factors → 3 unit factors (rotation, group events)
// → 4 recruitment → 5 soldiers (one pass, by unit) → 6 end of day (verdicts due) → 7 unit aggregates → 8 series.

/** Per state, the transition of the mechanism that owns it; the front and the empty slot are the engine's. */
const TRANSITIONS: Transition[] = (() => {
  const none: Transition = () => 0;
  const table: Transition[] = Array.from({ length: STATE_COUNT }, () => none);
  const owner: string[] = [];
  for (const m of MECHANISMS) {
    for (const [name, fn] of Object.entries(m.transitions)) {
      const st = STATE_NAMES.indexOf(name as (typeof STATE_NAMES)[number]);
      if (st === State.FRONT || st === State.POOL)
        throw new Error(`mechanism ${m.name}: the ${name} state is stepped by the engine`);
      if (owner[st]) throw new Error(`state ${name} has two transitions: ${owner[st]} and ${m.name}`);
      owner[st] = m.name;
      table[st] = fn as Transition;
    }
  }
  return table;
})();

/** End-of-day hooks in registry order (e.g. courts: the verdicts due today). */
const DAY_ENDS = MECHANISMS.flatMap((m) => ('dayEnd' in m && m.dayEnd ? [m.dayEnd] : []));

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

function newUnits(n: number, R: ResolvedParams): UnitState {
  return {
    cohesion: new Float64Array(n).fill(R.cohesion.initialCohesion),
    morale: new Float64Array(n).fill(R.cohesion.moraleTarget),
    leaveEwma: new Float64Array(n),
    casEwma: new Float64Array(n),
    daysSinceRotation: new Int32Array(n),
    restUntil: new Int32Array(n).fill(-1),
    present: new Int32Array(n),
    left: new Int32Array(n),
    losses: new Int32Array(n),
    arrivals: new Int32Array(n),
    mul: new Float64Array(n),
    pKill: new Float64Array(n),
    pWound: new Float64Array(n),
    group: new Uint8Array(n),
  };
}

function newWorld(cfg: SimConfig, P: Params): World {
  const N = cfg.agents;
  const start = dayNumber(cfg.start);
  const days = dayNumber(cfg.end) - start + 1;
  const R = resolveAll(P);
  const unitSize = Math.round(R.force.unitSize);
  const nUnits = Math.ceil(N / unitSize);
  const unitsPerSector = Math.round(R.force.unitsPerSector);
  const nSectors = Math.ceil(nUnits / unitsPerSector);
  const keys = {} as Keys;
  for (const [name, id] of Object.entries(D)) keys[name as keyof typeof D] = streamKey(cfg.seed, id);
  return {
    N,
    start,
    days,
    unitSize,
    nUnits,
    unitsPerSector,
    nSectors,
    P,
    R,
    H: bindHooks(R),
    cell: { category: 0, discriminated: false, family: 0, day: 0 },
    view: { daysSinceRotation: 0, cohesion: 0, morale: 0, leaveRate: 0, sectorLeaveRate: 0, casualtyRate: 0 },
    state: new Uint8Array(N),
    cat: new Uint8Array(N),
    flags: new Uint8Array(N),
    extra: new Uint8Array(N),
    route: new Uint8Array(N),
    fam: new Uint8Array(N),
    wounds: new Uint8Array(N),
    pid: new Int32Array(N).fill(-1),
    joined: new Int32Array(N),
    entered: new Int32Array(N),
    timer: new Int32Array(N),
    lastDischarge: new Int32Array(N).fill(-1_000_000),
    absenceStart: new Int32Array(N),
    boostUntil: new Int32Array(N),
    units: newUnits(nUnits, R),
    sectorRate: new Float64Array(nSectors),
    sectorPresent: new Float64Array(nSectors),
    unitEverAwol: new Int32Array(nUnits),
    unitPersons: new Int32Array(nUnits),
    flows: Object.fromEntries(FLOW_NAMES.map((k) => [k, new Int32Array(days)])) as Record<FlowName, Int32Array>,
    stocks: Object.fromEntries(STOCK_NAMES.map((k) => [k, new Int32Array(days)])) as Record<StockName, Int32Array>,
    events: cfg.keepEvents
      ? { awol: [], ngo: [], applications: [], surrenders: [], wanted: [], caught: [], detained: [] }
      : null,
    cases: [],
    verdictsDue: Array.from({ length: days }, () => []),
    terminal: new Int32Array(STATE_COUNT),
    stateCount: new Int32Array(STATE_COUNT),
    keys,
    nextPid: 0,
    pool: N,
    cursor: 0,
    mobCarry: 0,
    conCarry: 0,
    dayTab: new Float64Array(CATEGORY_COUNT * 2 * FAMILY_LEVELS),
    newTab: newcomerFactors(R.integration),
    woundTab: woundFactors(R.hospital),
  };
}

/** Today's scalars, written by the mechanisms' `day` hooks. */
function readDay(w: World, d: number): Day {
  const t = emptyDay(d, w.start + d);
  const days = w.H.days;
  for (let i = 0; i < days.length; i++) days[i]!(t);
  return t;
}

function addRecruit(w: World, s: number, dAbs: number, category: number, trainingDays: number): void {
  const id = w.nextPid++;
  const a = drawAttributes(counterStream(w.keys.INIT, id, 0), w.R.force);
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
  w.unitPersons[(s / w.unitSize) | 0]!++;
}

/** Phase 2: category base × exp(the mechanisms' day terms: pay, deterrence, ...), per (category, group, family level). */
function dayFactors(w: World, dAbs: number): void {
  const cf = categoryFactors(w.R.hazard);
  const terms = w.H.dayTerms;
  const cell = w.cell;
  cell.day = dAbs;
  for (let c = 0; c < CATEGORY_COUNT; c++) {
    cell.category = c;
    for (let disc = 0; disc < 2; disc++) {
      cell.discriminated = disc === 1;
      for (let f = 0; f < FAMILY_LEVELS; f++) {
        cell.family = (f + 0.5) / FAMILY_LEVELS;
        // Summed left to right in registry order: the order is part of the output's bytes.
        let eta = 0;
        for (let i = 0; i < terms.length; i++) eta += terms[i]!(cell);
        w.dayTab[(c * 2 + disc) * FAMILY_LEVELS + f] = cf[c]! * Math.exp(eta);
      }
    }
  }
}

/** Phase 3: unit factors from yesterday's aggregates (the mechanisms' unit hooks and terms); group events. */
function unitFactors(w: World, t: Day): void {
  const { units, R, view } = w;
  const { unitDays, unitTerms } = w.H;
  const groupP = R.collective.pEvent;
  const pKillLine = killProbability(R.casualties, false);
  const pWoundLine = woundProbability(R.casualties, false);
  for (let u = 0; u < w.nUnits; u++) {
    for (let i = 0; i < unitDays.length; i++) unitDays[i]!(units, u, t.dAbs);
    const resting = t.dAbs < units.restUntil[u]!;
    const C = units.cohesion[u]!;
    const M = units.morale[u]!;
    const sector = (u / w.unitsPerSector) | 0;
    view.daysSinceRotation = units.daysSinceRotation[u]!;
    view.cohesion = C;
    view.morale = M;
    view.leaveRate = units.leaveEwma[u]!;
    view.sectorLeaveRate = w.sectorRate[sector]!;
    view.casualtyRate = units.casEwma[u]!;
    // Summed left to right in registry order: the order is part of the output's bytes.
    let eta = 0;
    for (let i = 0; i < unitTerms.length; i++) eta += unitTerms[i]!(view);
    // A resting unit is out of the line: no losses, half the hazard.
    units.mul[u] = Math.exp(eta) * (resting ? 0.5 : 1);
    units.pKill[u] = resting ? 0 : pKillLine;
    units.pWound[u] = resting ? 0 : pWoundLine;
    units.group[u] = groupP > 0 && groupEligible(C, M, R.collective) && u01(w.keys.GROUP, u, t.dAbs) < groupP ? 1 : 0;
    if (units.group[u]) w.flows.groupEvents[t.d]!++;
    units.present[u] = 0;
    units.left[u] = 0;
    units.losses[u] = 0;
    units.arrivals[u] = 0;
  }
}

/** Phase 4: recruitment into empty slots (mobilisation waves first, then contract refill). */
function recruit(w: World, t: Day): void {
  const R = w.R;
  w.mobCarry += mobilisedToday(t.dAbs, w.N, R.recruitment);
  w.conCarry += contractToday(t.dAbs, w.pool, w.N, R.force.initialShare, R.recruitment);
  const trainingDays = Math.round(R.recruitment.trainingDays);
  while ((w.mobCarry >= 1 || w.conCarry >= 1) && w.pool > 0) {
    while (w.state[w.cursor] !== State.POOL) w.cursor = w.cursor + 1 === w.N ? 0 : w.cursor + 1;
    let category: number;
    if (w.mobCarry >= 1) {
      w.mobCarry -= 1;
      category = Category.MOBILISED;
      w.flows.mobilised[t.d]!++;
    } else {
      w.conCarry -= 1;
      category = contractCategory(t.dAbs, u01(w.keys.RECRUIT, w.nextPid, t.dAbs), R.recruitment);
    }
    addRecruit(w, w.cursor, t.dAbs, category, trainingDays);
    w.flows.recruited[t.d]!++;
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
  for (let i = 0; i < dayTab.length; i++) if (dayTab[i]! > dtMax) dtMax = dayTab[i]!;
  // The largest hazard a soldier at the front can have today in a unit: the newcomer factor at its
  // largest and the post-hospital factor of a first or second wound. A soldier whose draw lies in the
  // quiet zone cannot leave, be hit, go on leave or apply, so nothing else is computed (the common
  // case). Soldiers above the cap (more wounds, just discharged) are marked in boostUntil.
  const hCap = dtMax * newTab[0]! * woundTab[2]!;
  const dayMix = Math.imul(dAbs + 0x3c6ef372, 0xc2b2ae35);
  let front = 0;
  for (let u = 0; u < w.nUnits; u++) {
    const pKWLA = units.pKill[u]! + units.pWound[u]! + pLeaveGrant + pApply;
    const hMax = units.mul[u]! * hFront * hCap;
    const quiet = units.group[u] !== 0 ? 0 : 1 - (hMax < 0.02 ? hMax : 1 - Math.exp(-hMax)) - pNgoFront;
    const sEnd = Math.min(N, (u + 1) * unitSize);
    let present = 0;
    for (let s = u * unitSize; s < sEnd; s++) {
      const st = state[s]!;
      if (st === FRONT) {
        // u01(kFront, id, dAbs), inlined with the day's half of the hash hoisted out of the loop.
        const x = mix32(mix32(kFront ^ Math.imul(pid[s]! + 1, 0x9e3779b1)) ^ dayMix) * TWO_POW_M32;
        if (x >= pKWLA && x < quiet && dAbs >= boostUntil[s]!) {
          front++;
          present++;
        } else {
          const r = frontEvent(w, s, u, x, t);
          present += r & 1;
          front += r >> 1;
        }
      } else if ((st === HOSPITAL || st === DETAINED) && dAbs < timer[s]!) {
        // waiting for discharge or release: nothing to draw today
        present++;
        stateCount[st]!++;
      } else if (st !== POOL) {
        present += stepOther(w, s, st, u, t);
      }
    }
    units.present[u] = present;
  }
  stateCount[FRONT]! += front;
}

/**
 * A front soldier whose draw is outside the quiet zone: killed, wounded, leave, application, or the
 * exact hazard of leaving. Returns bit 0 = still present with the unit, bit 1 = still at the front.
 */
function frontEvent(w: World, s: number, u: number, x: number, t: Day): number {
  const { state, flags, extra, wounds, units, stateCount } = w;
  const F = w.flows;
  const { d, dAbs } = t;
  const id = w.pid[s]!;
  const pKill = units.pKill[u]!;
  const pKW = pKill + units.pWound[u]!;
  const pKWL = pKW + t.pLeaveGrant;
  if (x < pKW) {
    units.losses[u]!++;
    if (x < pKill) {
      F.killed[d]!++;
      retire(w, s, State.KILLED);
      return 0;
    }
    F.wounded[d]!++;
    if (wounds[s]! < 255) wounds[s]!++;
    state[s] = State.HOSPITAL;
    w.entered[s] = dAbs;
    w.timer[s] = dAbs + treatmentDays(counterStream(w.keys.HOSPITAL, id, dAbs), w.R.hospital);
    stateCount[State.HOSPITAL]!++;
    return 1;
  }
  if (x < pKWL) {
    state[s] = State.ON_LEAVE;
    w.entered[s] = dAbs;
    w.timer[s] = dAbs + t.leaveDays;
    F.leavesGranted[d]!++;
    stateCount[State.ON_LEAVE]!++;
    return 0;
  }
  if (x < pKWL + t.pApply && !(extra[s]! & EXTRA_APPLIED)) {
    extra[s]! |= EXTRA_APPLIED;
    F.applications[d]!++;
    if (w.events) log(w, w.events.applications, s, d);
  }
  const f = flags[s]!;
  let h = units.mul[u]! * t.hFront * w.dayTab[(w.cat[s]! * 2 + (f & Flag.DISCRIMINATED)) * FAMILY_LEVELS + w.fam[s]!]!;
  const since = dAbs - w.joined[s]!;
  if (since < w.newTab.length) h *= w.newTab[since]!;
  if (dAbs - w.lastDischarge[s]! < t.woundWindow) h *= w.woundTab[wounds[s]! > 7 ? 7 : wounds[s]!]!;
  const pL = hazardToProb(h);
  const group = units.group[u] !== 0;
  if (x >= 1 - pL || (group && u01(w.keys.GROUP_MEMBER, id, dAbs) < t.groupShare)) {
    if (group) F.groupLeavers[d]!++;
    leaveUnit(w, s, State.FRONT, u, t);
    if (state[s] !== State.POOL) stateCount[state[s]!]!++;
    return 0; // counted among the unit's leavers, not its present
  }
  if (x >= 1 - pL - t.pNgoFront && !(f & Flag.CONTACTED_NGO)) contactNgo(w, s, t);
  return 3;
}

/** Everyone not at the front (a minority): the transition of the mechanism that owns his state. Returns 1 if present with his unit. */
function stepOther(w: World, s: number, st: number, u: number, t: Day): number {
  const present = TRANSITIONS[st]!(w, s, u, t);
  if (w.state[s] !== State.POOL) w.stateCount[w.state[s]!]!++;
  return present;
}

/** Phase 7: unit aggregates (leaving and casualty rates, cohesion, morale) and sector rates. */
function unitAggregates(w: World): void {
  const { units, R, sectorRate, sectorPresent } = w;
  const wt = ewmaWeight(R.contagion);
  sectorRate.fill(0);
  sectorPresent.fill(0);
  for (let u = 0; u < w.nUnits; u++) {
    const n = Math.max(1, units.present[u]! + units.left[u]! + units.losses[u]!);
    const leaveShare = units.left[u]! / n;
    const casShare = units.losses[u]! / n;
    units.leaveEwma[u]! += wt * (leaveShare - units.leaveEwma[u]!);
    units.casEwma[u]! += wt * (casShare - units.casEwma[u]!);
    units.cohesion[u] = nextCohesion(units.cohesion[u]!, units.arrivals[u]! / n, R.cohesion);
    units.morale[u] = nextMorale(units.morale[u]!, casShare, leaveShare, units.daysSinceRotation[u]! / 365, R.cohesion);
    units.daysSinceRotation[u]!++;
    const sector = (u / w.unitsPerSector) | 0;
    sectorRate[sector]! += units.leaveEwma[u]! * n;
    sectorPresent[sector]! += n;
  }
  for (let s = 0; s < w.nSectors; s++) sectorRate[s] = sectorPresent[s]! > 0 ? sectorRate[s]! / sectorPresent[s]! : 0;
}

/** Phase 8: end-of-day stocks. */
function recordStocks(w: World, d: number): void {
  const S = w.stocks;
  const c = w.stateCount;
  const T = w.terminal;
  S.front[d] = c[State.FRONT]!;
  S.training[d] = c[State.TRAINING]!;
  S.onLeave[d] = c[State.ON_LEAVE]!;
  S.hospital[d] = c[State.HOSPITAL]!;
  S.awolHome[d] = c[State.AWOL_HOME]!;
  S.inTransit[d] = c[State.IN_TRANSIT]!;
  S.abroadTransit[d] = c[State.ABROAD_TRANSIT]!;
  S.detained[d] = c[State.DETAINED]!;
  S.abroadSafe[d] = T[State.ABROAD_SAFE]!;
  S.prison[d] = T[State.PRISON]!;
  S.surrenderedTotal[d] = T[State.SURRENDERED]!;
  S.killedTotal[d] = T[State.KILLED]!;
  S.discharged[d] = T[State.DISCHARGED]!;
  S.strength[d] = c[State.FRONT]! + c[State.TRAINING]! + c[State.ON_LEAVE]! + c[State.HOSPITAL]! + c[State.DETAINED]!;
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
  while (next < changes.length && changes[next]!.day <= start) P = { ...P, ...changes[next++]!.params };
  const w = newWorld(cfg, P);
  if (!(w.days > 0)) throw new Error(`the run ends (${cfg.end}) before it starts (${cfg.start})`);

  // Day 0: the initial force, at the front and already integrated in its units.
  const initial = Math.min(w.N, Math.round(w.N * w.R.force.initialShare));
  for (let s = 0; s < initial; s++) {
    addRecruit(w, s, start, u01(w.keys.INIT, s, -1) < 0.9 ? Category.PREWAR_CONTRACT : Category.OTHER, 0);
    w.joined[s] = start - 365;
    w.boostUntil[s] = 0;
  }
  w.cursor = initial % w.N;

  for (let d = 0; d < w.days; d++) {
    const dAbs = start + d;
    let changed = false;
    while (next < changes.length && changes[next]!.day <= dAbs) {
      w.P = { ...w.P, ...changes[next++]!.params };
      changed = true;
    }
    if (changed) {
      w.R = resolveAll(w.P);
      w.H = bindHooks(w.R);
      w.newTab = newcomerFactors(w.R.integration);
      w.woundTab = woundFactors(w.R.hospital);
      // The boost windows may have changed length: recompute them from their start days.
      const win = Math.round(w.R.hospital.windowDays);
      for (let s = 0; s < w.N; s++) w.boostUntil[s] = w.wounds[s]! > 2 ? w.lastDischarge[s]! + win : 0;
    }
    const t = readDay(w, d);
    dayFactors(w, dAbs);
    unitFactors(w, t);
    recruit(w, t);
    stepSoldiers(w, t);
    for (const end of DAY_ENDS) end(w, t);
    unitAggregates(w);
    recordStocks(w, d);
    if (onDay) onDay(d, w.days);
  }

  return {
    seed: cfg.seed,
    scenario: cfg.scenario.name,
    start: cfg.start,
    days: w.days,
    agents: w.N,
    units: w.nUnits,
    unitSize: w.unitSize,
    persons: w.nextPid,
    flows: w.flows,
    stocks: w.stocks,
    unitEverAwol: w.unitEverAwol,
    unitPersons: w.unitPersons,
    cases: w.cases,
    events: w.events,
  };
}

/** Every person is in exactly one state: non-terminal slots plus terminal counts equal persons ever. */
export function conservationHolds(r: SimResult, d: number): boolean {
  const s = r.stocks;
  const alive =
    s.front[d]! +
    s.training[d]! +
    s.onLeave[d]! +
    s.hospital[d]! +
    s.awolHome[d]! +
    s.inTransit[d]! +
    s.abroadTransit[d]! +
    s.detained[d]!;
  const gone = s.abroadSafe[d]! + s.prison[d]! + s.surrenderedTotal[d]! + s.killedTotal[d]! + s.discharged[d]!;
  return alive + gone === s.persons[d] && alive + s.pool[d]! === r.agents;
}
