import { p, type ParamSpecs } from '../params-spec.ts';
import { defineMechanism, type Resolved } from '../mechanism.ts';
import { u01 } from '../rng.ts';
import { EXTRA_APPLIED, log, retire, type Day, type World } from '../world.ts';
import { FAMILY_LEVELS } from './force.ts';
import { detain } from './detention.ts';
import { Flag, Route, State } from '../states.ts';

// docs/model.md §3: the route taken (stay home, go abroad, surrender, refuse) is a second draw whose
// weights depend on state and attributes: surrender only from FRONT; going abroad is more likely
// for officers, those with a foreign passport, NGO contact and family support (rerussia-2023-09-22); refusal happens
// at the front. rerussia-2023-09-22: almost all defendants were hiding at home.
export const params = {
  frontSurrender: p(
    0.018,
    0,
    1,
    'weight',
    'docs/model.md §3 (surrender only from FRONT); H06–H10',
    'weight of surrender among those leaving from the front',
  ),
  frontRefuse: p(
    0.5,
    0,
    1,
    'weight',
    'docs/model.md §3 (refusal at the front); S27 (~1,800 refuseniks by Jul 2022)',
    'weight of refusal among those leaving from the front',
  ),
  frontFlee: p(
    0.48,
    0,
    1,
    'weight',
    'docs/model.md §2 (flee: rare)',
    'weight of fleeing home among those leaving from the front',
  ),
  abroad: p(
    0.04,
    0,
    1,
    'weight',
    'docs/model.md §3; rerussia-2023-09-22 (emigrant deserters are a minority)',
    'weight of going abroad at once, when leaving from the rear, leave or hospital',
  ),
  abroadOfficer: p(
    2,
    1,
    10,
    'multiplier',
    'docs/model.md §3; S43, rerussia-2023-09-22 (emigrants better educated, of higher rank)',
    'abroad weight multiplier for officers',
  ),
  abroadPassport: p(
    3,
    1,
    20,
    'multiplier',
    'docs/model.md §3; S09, mt-2023-12-05 (foreign passport)',
    'abroad weight multiplier with a foreign passport',
  ),
  abroadNgo: p(
    4,
    1,
    20,
    'multiplier',
    'docs/model.md §4; mt-2023-12-05 (help works only if contacted in advance)',
    'abroad weight multiplier after contact with the NGO',
  ),
  abroadFamily: p(
    1,
    0,
    5,
    'log-multiplier per family support',
    'docs/model.md §3 (family support)',
    'abroad weight grows as exp(this × family support)',
  ),
  surrenderNoApplication: p(
    0.3,
    0,
    1,
    'multiplier',
    'docs/model.md §4 SURRENDERED (applications far outnumber surrenders)',
    'surrender weight for a soldier who never applied to the programme',
  ),
} satisfies ParamSpecs;

export type RoutesParams = Resolved<typeof params>;

/** Route for a soldier leaving from state `from`, drawn with uniform x. */
export function chooseRoute(
  x: number,
  from: number,
  flags: number,
  family: number,
  applied: boolean,
  p: RoutesParams,
): number {
  if (from === State.FRONT) {
    const s = p.frontSurrender * (applied ? 1 : p.surrenderNoApplication);
    const r = p.frontRefuse;
    const f = p.frontFlee;
    const t = x * (s + r + f);
    return t < s ? Route.SURRENDER : t < s + r ? Route.REFUSE : Route.HOME;
  }
  let a = p.abroad * Math.exp(p.abroadFamily * family);
  if (flags & Flag.OFFICER) a *= p.abroadOfficer;
  if (flags & Flag.FOREIGN_PASSPORT) a *= p.abroadPassport;
  if (flags & Flag.CONTACTED_NGO) a *= p.abroadNgo;
  return x * (1 + a) < a ? Route.ABROAD : Route.HOME;
}

/** A soldier leaves his unit from state `from`: the route is drawn, counted and followed. */
export function leaveUnit(w: World, s: number, from: number, u: number, t: Day): void {
  const { flows: F, flags } = w;
  const d = t.d;
  const r = chooseRoute(
    u01(w.keys.ROUTE, w.pid[s]!, t.dAbs),
    from,
    flags[s]!,
    (w.fam[s]! + 0.5) / FAMILY_LEVELS,
    (w.extra[s]! & EXTRA_APPLIED) !== 0,
    w.R.routes,
  );
  F.left[d]!++;
  w.units.left[u]!++;
  if (!(flags[s]! & Flag.EVER_AWOL)) {
    flags[s]! |= Flag.EVER_AWOL;
    F.awolFirst[d]!++;
    w.unitEverAwol[u]!++;
  }
  if (w.events) log(w, w.events.awol, s, d, r);
  w.route[s] = r;
  w.absenceStart[s] = t.dAbs;
  w.entered[s] = t.dAbs;
  if (r === Route.HOME) {
    w.state[s] = State.AWOL_HOME;
    F.awolHome[d]!++;
  } else if (r === Route.ABROAD) {
    w.state[s] = State.IN_TRANSIT;
    w.timer[s] = t.dAbs + t.transitDays;
    F.setOutAbroad[d]!++;
  } else if (r === Route.SURRENDER) {
    F.surrendered[d]!++;
    if (t.programme) {
      F.programmeSurrenders[d]!++;
      if (w.events) log(w, w.events.surrenders, s, d);
    }
    retire(w, s, State.SURRENDERED);
  } else {
    F.refused[d]!++;
    detain(w, s, u, t);
  }
}

export const mechanism = defineMechanism({
  name: 'routes',
  summary: 'the route taken on leaving: home, abroad, surrender or refusal',
  params,
  states: ['awolHome', 'inTransit'],
  flags: ['EVER_AWOL'],
  flows: ['awolFirst', 'awolHome', 'setOutAbroad', 'refused', 'surrendered'],
});
