import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { perAgentByDay, splitTheta, checkObservationParam } from '../../src/calibrate/observation-params.ts';
import { buildTargets, type TargetSpec } from '../../src/calibrate/targets.ts';
import { BadInputError } from '../../src/domain/errors.ts';
import type { Observation } from '../../src/domain/observation.ts';
import { simCalibrate } from '../../src/jobs/handlers/sim-calibrate.ts';

describe('the force the agents stand for', () => {
  it('is flat without growth and grows linearly after mid-2023 with it', () => {
    const flat = perAgentByDay('2023-01-01', 1000, 5000, 300_000);
    expect(new Set(flat).size).toBe(1);
    expect(flat[0]).toBe(60);
    const grown = perAgentByDay('2023-01-01', 1000, 5000, 300_000, {
      'obs.force2023': 250_000,
      'obs.forceGrowth': 0.4,
    });
    // Before 2023-07-01 (day 181) the force is its mid-2023 size; a year later it is 40% larger.
    expect(grown[100]).toBe(50);
    expect(grown[181 + 365]).toBeCloseTo(50 * (1 + 0.4 * (365 / 365.25)), 6);
  });

  it('scales every count day by day: a cumulative total weights each period by the force of its time', async () => {
    const base = {
      seed: 3,
      agents: 2000,
      start: '2023-01-01',
      end: '2024-12-31',
      force: 300_000,
      summaries: [
        'flow:casesReceived:2023-01-01:2023-06-30',
        'flow:casesReceived:2024-07-01:2024-12-31',
        'share:suspendedVerdicts:verdicts:2023-01-01:2024-12-31',
      ],
    };
    const a = (await simCalibrate({ ...base, theta: { 'obs.force2023': 300_000 } })) as {
      summaries: Record<string, number>;
      series: Record<string, number[]>;
    };
    const b = (await simCalibrate({
      ...base,
      theta: { 'obs.force2023': 300_000, 'obs.forceGrowth': 0.5 },
    })) as typeof a;
    const [early, late, share] = base.summaries;
    // Same run (the observation layer never changes it): before mid-2023 nothing moves, later counts grow, shares do not.
    expect(b.summaries[early!]).toBeCloseTo(a.summaries[early!]!, 6);
    expect(b.summaries[late!]! / a.summaries[late!]!).toBeGreaterThan(1.5);
    expect(b.summaries[late!]! / a.summaries[late!]!).toBeLessThan(1.8);
    expect(b.summaries[share!]).toBe(a.summaries[share!]);
    expect(b.series.awolEver!.at(-1)!).toBeGreaterThan(a.series.awolEver!.at(-1)!);
  });

  it('refuses an observation parameter outside its range, naming it', async () => {
    expect(checkObservationParam('obs.forceGrowth', -1)).toMatch(/obs\.forceGrowth.*outside/);
    expect(checkObservationParam('obs.forceGrowht', 0.1)).toMatch(/unknown observation parameter/);
    expect(() =>
      simCalibrate({
        theta: { 'obs.matchRecall': 2 },
        seed: 1,
        agents: 1000,
        start: '2023-01-01',
        end: '2023-02-01',
        force: 1000,
        summaries: [],
      }),
    ).toThrow(/obs\.matchRecall/);
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom('obs.force2023', 'hazard.onLeave', 'obs.matchRecall', 'courts.suspendedShare'),
          fc.double({ noNaN: true }),
        ),
        (theta) => {
          const { model, obs } = splitTheta(theta);
          expect({ ...model, ...obs }).toEqual(theta);
          expect(Object.keys(model).some((k) => k.startsWith('obs.'))).toBe(false);
        },
      ),
    );
  });
});

describe('one definition per target', () => {
  const obs = (id: string, value: number, extra: Partial<Observation> = {}) =>
    ({ id, value, qualifier: '=', ...extra }) as Observation;
  const store = [
    obs('mz-337', 5000),
    obs('share-a', 88.4),
    obs('share-b', 90.4),
    obs('req', 6000, { qualifier: '>' }),
    obs('serving', 15, { qualifier: '~' }),
  ];

  it("divides a figure for part of what the model counts by that part's share, widening the interval", () => {
    const spec = {
      id: 'cases',
      summary: 'flow:casesReceived:2023-01-01:2023-12-31',
      observation: 'mz-337',
      relSd: 0.15,
      approx: 0.1,
      weight: 1,
      partShare: { low: 88.4, high: 90.4, observations: ['share-a', 'share-b'] },
    } as TargetSpec;
    const [t] = buildTargets('cal.json', [spec], store);
    expect(t!.lo).toBeCloseTo(5000 / 0.904, 6);
    expect(t!.hi).toBeCloseTo(5000 / 0.884, 6);
    expect(t!.value).toBeGreaterThan(t!.lo);
    expect(t!.value).toBeLessThan(t!.hi);
    expect(t!.observationIds).toEqual(['mz-337', 'share-a', 'share-b']);
  });

  it('names the observations a literal figure comes from, and refuses one that is not there', () => {
    const spec = {
      id: 'ngo',
      summary: 'flow:ngoRequests:2025-09-01:2025-10-31',
      value: 900,
      qualifier: '>',
      from: ['req', 'serving'],
      relSd: 0.3,
      approx: 0.1,
      weight: 1,
    } as TargetSpec;
    expect(buildTargets('cal.json', [spec], store)[0]).toMatchObject({
      lo: 900,
      hi: Number.POSITIVE_INFINITY,
      observationIds: ['req', 'serving'],
    });
    const bad = { ...spec, from: ['req', 'nope'] };
    expect(() => buildTargets('cal.json', [bad], store)).toThrow(BadInputError);
    const error = (() => {
      try {
        buildTargets(
          'cal.json',
          [bad, { ...spec, partShare: { low: 90, high: 80, observations: ['gone'] } } as TargetSpec],
          store,
        );
      } catch (e) {
        return e as BadInputError;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(BadInputError);
    expect(error!.issues.map((i) => i.field)).toEqual(
      expect.arrayContaining(['targets[0].from[1]', 'targets[1].partShare.observations[0]', 'targets[1].partShare']),
    );
  });
});
