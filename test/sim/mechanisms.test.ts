import { describe, expect, it } from 'vitest';
import { run, total } from './helpers.ts';
import { defaultParams, PARAMS } from '../../src/sim/params.ts';
import { resolveAll } from '../../src/sim/mechanisms/index.ts';
import { dayNumber } from '../../src/domain/dates.ts';
import { cohesionTerm, nextCohesion, nextMorale } from '../../src/sim/mechanisms/cohesion.ts';
import { fatigueTerm } from '../../src/sim/mechanisms/fatigue.ts';
import { newcomerFactors } from '../../src/sim/mechanisms/integration.ts';
import { contagionTerm } from '../../src/sim/mechanisms/contagion.ts';
import { publicSympathy } from '../../src/sim/mechanisms/support.ts';
import { deterrence } from '../../src/sim/mechanisms/deterrence.ts';
import { payTerm } from '../../src/sim/mechanisms/pay.ts';
import { chooseRoute } from '../../src/sim/mechanisms/routes.ts';
import { reach } from '../../src/sim/mechanisms/ngo.ts';
import { caseProbability } from '../../src/sim/mechanisms/detention.ts';
import { articlePart } from '../../src/sim/mechanisms/courts.ts';
import { Flag, Route, State } from '../../src/sim/states.ts';
import type { SimResult } from '../../src/sim/engine.ts';

const P = defaultParams();
const R = resolveAll(P);
const awol = (r: SimResult) => total(r.flows.awolFirst);
const left = (r: SimResult) => total(r.flows.left);

// One baseline per test file (same seed: the comparisons below use common random numbers).
const base = run();

describe('every parameter is documented', () => {
  it('has a default inside its range, a unit and a model.md source line', () => {
    for (const [k, s] of Object.entries(PARAMS)) {
      expect(s.default, k).toBeGreaterThanOrEqual(s.min);
      expect(s.default, k).toBeLessThanOrEqual(s.max);
      expect(s.unit.length, k).toBeGreaterThan(0);
      expect(s.source, k).toMatch(/model\.md|figures\.md|[SMHILR]\d\d/);
    }
  });
});

describe('mechanism functions: direction of effect', () => {
  it('cohesion is U-shaped: protective at high morale, a driver of flight at low morale', () => {
    expect(cohesionTerm(0.9, 0.9, R.cohesion)).toBeLessThan(cohesionTerm(0.1, 0.9, R.cohesion));
    expect(cohesionTerm(0.9, 0.05, R.cohesion)).toBeGreaterThan(cohesionTerm(0.5, 0.05, R.cohesion));
    expect(nextCohesion(0.5, 0, R.cohesion)).toBeGreaterThan(0.5);
    expect(nextCohesion(0.5, 0.2, R.cohesion)).toBeLessThan(0.5);
    expect(nextMorale(0.5, 0.05, 0, 0, R.cohesion)).toBeLessThan(nextMorale(0.5, 0, 0, 0, R.cohesion));
  });
  it('fatigue grows with time without rotation, capped at two years', () => {
    expect(fatigueTerm(400, R.fatigue)).toBeGreaterThan(fatigueTerm(100, R.fatigue));
    expect(fatigueTerm(2000, R.fatigue)).toBe(fatigueTerm(730, R.fatigue));
  });
  it('newcomers are at higher risk, fading with time in the unit', () => {
    const t = newcomerFactors(R.integration);
    expect(t[0]).toBeGreaterThan(t[30]!);
    expect(t[30]).toBeGreaterThan(t[t.length - 1]!);
  });
  it('contagion rises with recent leaving in the unit and sector, and is bounded', () => {
    expect(contagionTerm(0.001, 0, R.contagion)).toBeGreaterThan(contagionTerm(0, 0, R.contagion));
    expect(contagionTerm(0, 0.001, R.contagion)).toBeGreaterThan(0);
    expect(contagionTerm(1, 1, R.contagion)).toBe(contagionTerm(0.5, 0.5, R.contagion));
  });
  it('public sympathy follows 17% → 47% (Oct 2022 → Feb 2023)', () => {
    expect(publicSympathy(dayNumber('2022-06-01'), R.support)).toBeCloseTo(0.17);
    expect(publicSympathy(dayNumber('2023-06-01'), R.support)).toBeCloseTo(0.47);
  });
  it('deterrence jumps with the Sept 2022 amendments and fades with habituation', () => {
    const before = deterrence(dayNumber('2022-09-01'), R.deterrence);
    const after = deterrence(dayNumber('2022-09-25'), R.deterrence);
    const later = deterrence(dayNumber('2024-09-25'), R.deterrence);
    expect(after).toBeGreaterThan(before);
    expect(later).toBeLessThan(after);
  });
  it('higher pay protects', () => {
    expect(payTerm(1, R.pay)).toBeLessThan(payTerm(3, R.pay));
  });
  it('routes: surrender only from the front; abroad more likely with a passport and NGO contact', () => {
    let abroadPlain = 0;
    let abroadHelped = 0;
    for (let i = 0; i < 10_000; i++) {
      const x = (i + 0.5) / 10_000;
      expect(chooseRoute(x, State.ON_LEAVE, 0, 0.5, true, R.routes)).not.toBe(Route.SURRENDER);
      if (chooseRoute(x, State.ON_LEAVE, 0, 0.5, false, R.routes) === Route.ABROAD) abroadPlain++;
      if (
        chooseRoute(x, State.ON_LEAVE, Flag.FOREIGN_PASSPORT | Flag.CONTACTED_NGO, 0.5, false, R.routes) ===
        Route.ABROAD
      )
        abroadHelped++;
    }
    expect(abroadHelped).toBeGreaterThan(3 * abroadPlain);
  });
  it('NGO reach grows about tenfold from Jan 2023 to Jan 2024', () => {
    expect(reach(dayNumber('2024-02-01'), R.ngo) / reach(dayNumber('2023-01-01'), R.ngo)).toBeCloseTo(P['ngo.growth']);
  });
  it('cases: more likely after the amendments, none for absences under two days, 338 for going abroad', () => {
    expect(caseProbability(dayNumber('2023-01-01'), Route.HOME, 20, R.detention)).toBeGreaterThanOrEqual(
      caseProbability(dayNumber('2022-05-01'), Route.HOME, 20, R.detention),
    );
    expect(caseProbability(dayNumber('2023-01-01'), Route.HOME, 1, R.detention)).toBe(0);
    expect(articlePart(Route.ABROAD, 30, dayNumber('2023-01-01'))).toEqual([338, 30]);
    expect(articlePart(Route.HOME, 5, dayNumber('2023-01-01'))).toEqual([337, 21]);
    expect(articlePart(Route.HOME, 40, dayNumber('2023-01-01'))).toEqual([337, 50]);
    expect(articlePart(Route.REFUSE, 0, dayNumber('2023-01-01'))).toEqual([332, 21]);
  });
});

describe('mechanisms in the running model: direction of effect (small force, same seed)', () => {
  it('base hazard: a higher front hazard means more leaving', () => {
    expect(awol(run({ 'hazard.front': 0.0003 }))).toBeGreaterThan(awol(base));
  });
  it('fatigue without rotation raises leaving', () => {
    expect(left(run({ 'fatigue.beta': 2 }))).toBeGreaterThan(left(run({ 'fatigue.beta': 0 })));
  });
  it('rotation lowers desertion', () => {
    expect(left(run({ 'rotation.intervalDays': 90 }))).toBeLessThan(left(base));
  });
  it('wounds: the post-hospital term raises leaving', () => {
    expect(left(run({ 'hospital.beta': 2.5 }))).toBeGreaterThan(left(run({ 'hospital.beta': 0 })));
  });
  it('integration: newcomers not yet integrated leave more', () => {
    expect(left(run({ 'integration.beta': 3 }))).toBeGreaterThan(left(run({ 'integration.beta': 0 })));
  });
  it('cohesion: isolation (low cohesion) adds risk', () => {
    expect(left(run({ 'cohesion.c': 3 }))).toBeGreaterThan(left(run({ 'cohesion.c': 0 })));
  });
  it('contagion raises the clustering of leaving within units', () => {
    const cluster = (r: SimResult) => {
      // variance-to-mean ratio of the ever-AWOL share across units
      const shares: number[] = [];
      for (let u = 0; u < r.units; u++) if (r.unitPersons[u]! > 0) shares.push(r.unitEverAwol[u]! / r.unitPersons[u]!);
      const m = shares.reduce((a, b) => a + b, 0) / shares.length;
      return shares.reduce((a, b) => a + (b - m) ** 2, 0) / shares.length / m;
    };
    const none = run({ 'contagion.betaUnit': 0, 'contagion.betaSector': 0 }, { agents: 8000 });
    const strong = run({ 'contagion.betaUnit': 1.5, 'contagion.betaSector': 0, 'contagion.cap': 30 }, { agents: 8000 });
    expect(cluster(strong)).toBeGreaterThan(cluster(none));
  });
  it('collective desertion: group events take many men at once', () => {
    const r = run({ 'collective.pEvent': 0.05, 'collective.cohesionMin': 0, 'collective.moraleMax': 1 });
    expect(total(r.flows.groupEvents)).toBeGreaterThan(0);
    expect(total(r.flows.groupLeavers)).toBeGreaterThan(total(r.flows.groupEvents));
    expect(awol(r)).toBeGreaterThan(awol(base));
    expect(total(base.flows.groupLeavers)).toBe(0);
  });
  it('discrimination and suspicion raise leaving', () => {
    expect(left(run({ 'discrimination.beta': 2, 'force.discriminatedShare': 0.5 }))).toBeGreaterThan(
      left(run({ 'discrimination.beta': 0, 'force.discriminatedShare': 0.5 })),
    );
  });
  it('family and public support raise leaving', () => {
    expect(left(run({ 'support.sympathyScale': 2, 'support.beta': 3 }))).toBeGreaterThan(
      left(run({ 'support.sympathyScale': 0 })),
    );
  });
  it('pay lowers leaving', () => {
    expect(left(run({ 'pay.scale': 3 }))).toBeLessThan(left(run({ 'pay.scale': 0 })));
  });
  it('deterrence lowers leaving', () => {
    expect(left(run({ 'deterrence.level': 2 }))).toBeLessThan(left(base));
  });
  it('casualties: a higher intensity kills more and, through losses, raises leaving', () => {
    const r = run({ 'casualties.intensity': 2.5 });
    expect(total(r.flows.killed)).toBeGreaterThan(total(base.flows.killed));
    expect(left(run({ 'casualties.beta': 60 }))).toBeGreaterThan(left(run({ 'casualties.beta': 0 })));
  });
  it('leave: regular leave means more men on leave and more leaving from leave', () => {
    const r = run({ 'leave.perYear': 4 });
    expect(total(r.flows.leavesGranted)).toBeGreaterThan(3 * total(base.flows.leavesGranted));
    expect(left(r)).toBeGreaterThan(left(base));
  });
  it('routes: a larger abroad weight sends more men abroad', () => {
    expect(total(run({ 'routes.abroad': 0.3 }).flows.arrivedAbroad)).toBeGreaterThan(total(base.flows.arrivedAbroad));
  });
  it('capture: more surveillance catches more and opens more cases', () => {
    const r = run({ 'capture.surveillance': 4 });
    expect(total(r.flows.caught)).toBeGreaterThan(total(base.flows.caught));
    expect(total(r.flows.casesOpened)).toBeGreaterThan(total(base.flows.casesOpened));
  });
  it('wanted status follows its listing probability', () => {
    expect(total(run({ 'wanted.pListed': 0 }).flows.wantedDeclared)).toBe(0);
    expect(total(run({ 'wanted.pListed': 0.8 }).flows.wantedDeclared)).toBeGreaterThan(
      total(base.flows.wantedDeclared),
    );
  });
  it('NGO contact grows with reach', () => {
    expect(total(run({ 'ngo.reach': 5 }).flows.ngoRequests)).toBeGreaterThan(total(base.flows.ngoRequests));
  });
  it('border closure lowers those reaching abroad and raises those caught', () => {
    const closed = run({ 'border.pExtradite': 0.01, 'border.checkpoints': 5, 'routes.abroad': 0.2 });
    const open = run({ 'routes.abroad': 0.2 });
    expect(total(closed.flows.arrivedAbroad) - total(closed.flows.extradited)).toBeLessThan(
      total(open.flows.arrivedAbroad) - total(open.flows.extradited),
    );
    expect(total(closed.flows.caught)).toBeGreaterThan(total(open.flows.caught));
  });
  it('EU asylum opens the onward route to safety', () => {
    expect(total(run({ 'border.asylumFactor': 1, 'routes.abroad': 0.2 }).flows.reachedSafety)).toBeGreaterThan(
      total(run({ 'routes.abroad': 0.2 }).flows.reachedSafety),
    );
  });
  it('detention: a higher case probability opens more cases', () => {
    expect(total(run({ 'detention.pCaseAfter': 0.9 }).flows.casesOpened)).toBeGreaterThan(
      total(base.flows.casesOpened),
    );
  });
  it('courts: shorter delays bring more cases to court within the run; the suspended share follows its parameter', () => {
    expect(total(run({ 'courts.receiveDelayMean': 20 }).flows.casesReceived)).toBeGreaterThan(
      total(base.flows.casesReceived),
    );
    const r = run({ 'courts.suspendedShare': 0.95, 'courts.restrictionShare': 0 });
    expect(total(r.flows.suspendedVerdicts) / total(r.flows.verdicts)).toBeGreaterThan(0.85);
  });
  it('detention and refusal: a larger refusal weight means more refuseniks', () => {
    expect(total(run({ 'routes.frontRefuse': 1 }).flows.refused)).toBeGreaterThan(
      total(run({ 'routes.frontRefuse': 0.1 }).flows.refused),
    );
  });
  it('surrender: more applications, more surrenders', () => {
    const few = run({ 'routes.frontSurrender': 0.3 });
    const many = run({ 'routes.frontSurrender': 0.3, 'surrender.applyPerDay': 0.01 });
    expect(total(many.flows.applications)).toBeGreaterThan(total(few.flows.applications));
    expect(total(many.flows.surrendered)).toBeGreaterThan(total(few.flows.surrendered));
  });
  it('recruitment: no mobilisation, no mobilised men; a second wave recruits more', () => {
    expect(total(run({ 'recruitment.mobilisationShare': 0 }).flows.mobilised)).toBe(0);
    expect(
      total(
        run(
          {},
          {
            interventions: [
              { date: '2023-01-01', params: { 'recruitment.wavePerDay': 0.01, 'casualties.intensity': 3 } },
            ],
          },
        ).flows.recruited,
      ),
    ).toBeGreaterThan(total(base.flows.recruited));
  });
  it('force: a larger discriminated share means more leaving', () => {
    expect(left(run({ 'force.discriminatedShare': 0.6, 'discrimination.beta': 1.5 }))).toBeGreaterThan(
      left(run({ 'force.discriminatedShare': 0 })),
    );
  });
});
