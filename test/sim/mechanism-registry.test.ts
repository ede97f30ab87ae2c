import { describe, expect, it } from 'vitest';
import { bindHooks, MECHANISMS, resolveAll } from '../../src/sim/mechanisms/index.ts';
import { mechanism as fatigue, fatigueTerm } from '../../src/sim/mechanisms/fatigue.ts';
import { mechanism as rotation } from '../../src/sim/mechanisms/rotation.ts';
import { defaultParams, PARAMS, type Params } from '../../src/sim/params.ts';
import { resolveScenario } from '../../src/sim/scenario.ts';
import { BadInputError } from '../../src/domain/errors.ts';
import { FLOW_NAMES } from '../../src/sim/series.ts';
import { Flag, STATE_NAMES } from '../../src/sim/states.ts';
import type { UnitView } from '../../src/sim/mechanism.ts';

const P = defaultParams();
const view = (o: Partial<UnitView> = {}): UnitView => ({
  daysSinceRotation: 0,
  cohesion: 0.5,
  morale: 0.7,
  leaveRate: 0,
  sectorLeaveRate: 0,
  casualtyRate: 0,
  ...o,
});

describe('the mechanism registry', () => {
  it('names each mechanism once, and every parameter key belongs to one', () => {
    const names = MECHANISMS.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    const keys = MECHANISMS.flatMap((m) => Object.keys(m.params).map((k) => `${m.name}.${k}`));
    expect(keys.sort()).toEqual(Object.keys(PARAMS).sort());
  });

  it('declares only real states, flags and flows, and gives each state at most one transition', () => {
    const owners = new Map<string, string>();
    for (const m of MECHANISMS) {
      for (const s of m.states) expect(STATE_NAMES, m.name).toContain(s);
      for (const f of m.flags) expect(Object.keys(Flag), m.name).toContain(f);
      for (const f of m.flows) expect(FLOW_NAMES, m.name).toContain(f);
      for (const s of Object.keys(m.transitions)) {
        expect(owners.has(s), `${s}: ${owners.get(s)} and ${m.name}`).toBe(false);
        owners.set(s, m.name);
        expect(m.states, `${m.name} steps ${s} but does not declare it`).toContain(s);
      }
    }
    // Every state but the engine's own (pool, front) and the terminal ones has its transition.
    expect([...owners.keys()].sort()).toEqual([
      'abroadTransit',
      'awolHome',
      'detained',
      'hospital',
      'inTransit',
      'onLeave',
      'training',
    ]);
  });

  it('resolves parameters into frozen objects typed per mechanism', () => {
    const R = resolveAll({ ...P, 'fatigue.beta': 1.25 });
    expect(R.fatigue.beta).toBe(1.25);
    expect(R.cohesion.a).toBe(P['cohesion.a']);
    expect(Object.isFrozen(R.cohesion)).toBe(true);
    // @ts-expect-error: a misspelt parameter is a compile error, not a NaN at run time
    expect(R.cohesion.typo).toBeUndefined();
    // @ts-expect-error: so is a misspelt key of the full set
    expect(P['cohesion.typo']).toBeUndefined();
    const partial = { ...P } as Partial<Params>;
    delete partial['fatigue.beta'];
    expect(() => fatigue.resolve(partial as Record<string, number>)).toThrow(/fatigue\.beta/);
  });

  it('binds hooks by kind, in registry order', () => {
    const H = bindHooks(resolveAll(P));
    expect(H.dayTerms).toHaveLength(4); // pay, deterrence, discrimination, support
    expect(H.unitTerms).toHaveLength(4); // fatigue, cohesion, contagion, casualties
    expect(H.unitDays).toHaveLength(1); // rotation
    // the day's scalars: hazard, hospital, collective, leave, capture, wanted, ngo, border, detention, surrender
    expect(H.days).toHaveLength(10);
  });

  it('a scenario naming an unknown parameter is refused at load, naming the key', () => {
    let err: unknown;
    try {
      resolveScenario(
        { name: 'x', description: 'x', params: { 'cohesion.typo': 1 } },
        'x.json',
        '2022-02-24',
        '2022-12-31',
      );
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BadInputError);
    expect((err as Error).message).toContain('unknown parameter "cohesion.typo"');
  });
});

describe('a mechanism on its own: fatigue (the worked example in CONTRIBUTING.md)', () => {
  const p = fatigue.resolve(P);
  const term = fatigue.hooks(p).unitTerm!;
  it('its unit term is the documented function of its own parameters', () => {
    expect(term(view({ daysSinceRotation: 200 }))).toBe(fatigueTerm(200, p));
    expect(term(view({ daysSinceRotation: 365 }))).toBeCloseTo(p.beta);
  });
  it('grows with time without rotation and stops at two years', () => {
    expect(term(view({ daysSinceRotation: 400 }))).toBeGreaterThan(term(view({ daysSinceRotation: 100 })));
    expect(term(view({ daysSinceRotation: 2000 }))).toBe(term(view({ daysSinceRotation: 730 })));
  });
});

describe('rotation: its unit hook', () => {
  it('rotates a unit out when due: fatigue reset, morale restored, a rest', () => {
    const p = rotation.resolve({
      ...P,
      'rotation.intervalDays': 90,
      'rotation.restDays': 30,
      'rotation.moraleRestore': 0.7,
    });
    const units = {
      cohesion: new Float64Array([0.5, 0.5]),
      morale: new Float64Array([0.2, 0.2]),
      daysSinceRotation: new Int32Array([90, 89]),
      restUntil: new Int32Array([-1, -1]),
    };
    const hook = rotation.hooks(p).unitDay!;
    hook(units, 0, 1000);
    hook(units, 1, 1000);
    expect([units.daysSinceRotation[0], units.restUntil[0], units.morale[0]]).toEqual([0, 1030, 0.7]);
    expect([units.daysSinceRotation[1], units.restUntil[1], units.morale[1]]).toEqual([89, -1, 0.2]);
  });
});
