import { describe, expect, it } from 'vitest';
import { abcSmc, type BatchSimulator, type Generation, posteriorGeneration } from '../../src/calibrate/abc-smc.ts';
import { parameterPosterior, predictiveChecks } from '../../src/calibrate/posterior.ts';
import type { ParamPrior } from '../../src/calibrate/prior.ts';
import { buildTargets, distance, type Target, targetMiss, targetScale } from '../../src/calibrate/targets.ts';
import { BadInputError } from '../../src/domain/errors.ts';
import { normal } from '../../src/sim/samplers.ts';
import { sequence } from '../../src/sim/rng.ts';

// Toy world with a known posterior: 20 draws from N(mu, 1), summarised by their mean and spread.
const toy: BatchSimulator = async (batch) =>
  batch.map(({ theta, seed }) => {
    const u = sequence(seed);
    let s = 0;
    for (let i = 0; i < 20; i++) s += theta.mu! + normal(u);
    return { summaries: { mean: s / 20 }, series: { path: [theta.mu!, 2 * theta.mu!] } };
  });

const priors: ParamPrior[] = [{ name: 'mu', low: -5, high: 5, scale: 'linear' }];
const targetAt = (ybar: number): Target[] => [
  { id: 'mean', summary: 'mean', value: ybar, lo: ybar, hi: ybar, scale: 1, weight: 1, observationIds: [] },
];

async function fit(ybar: number, seed: number, batchSize?: number, resume: Generation[] = []) {
  const gens: Generation[] = [...resume];
  for await (const g of abcSmc(
    toy,
    { priors, targets: targetAt(ybar), populationSize: 200, budget: 6000, maxGenerations: 6, seed, batchSize },
    resume,
  ))
    gens.push(g);
  return gens;
}

describe('targets and distance', () => {
  it('treats ">500" as an interval, "~600" as ±10%, and "=" as a point', () => {
    const obs = [
      { id: 'a', value: 500, qualifier: '>' as const },
      { id: 'b', value: 600, qualifier: '~' as const },
      { id: 'c', value: 4121, qualifier: '=' as const },
    ].map((o) => ({
      ...o,
      seriesId: 's',
      sourceId: 'x',
      articles: [],
      scope: 's',
      periodEnd: '2023-01-01',
      valueKind: 'interval_count' as const,
      unit: 'cases',
      derivation: 'reported' as const,
    }));
    const t = buildTargets(
      't.json',
      [
        { id: 'a', summary: 'a', observation: 'a', relSd: 0.1, approx: 0.1, weight: 1 },
        { id: 'b', summary: 'b', observation: 'b', relSd: 0.1, approx: 0.1, weight: 1 },
        { id: 'c', summary: 'c', observation: 'c', relSd: 0.1, approx: 0.1, weight: 1 },
      ],
      obs,
    );
    expect(targetMiss(t[0]!, 10_000)).toBe(0);
    expect(targetMiss(t[0]!, 450)).toBeCloseTo(1, 12);
    expect(targetMiss(t[1]!, 650)).toBe(0);
    expect(targetMiss(t[1]!, 720)).toBeCloseTo(1, 12);
    expect(targetMiss(t[2]!, 4121)).toBe(0);
    expect(distance(t, { a: 600, b: 600, c: 4121 })).toBe(0);
    expect(distance(t, { a: 600, b: 600 })).toBe(Number.POSITIVE_INFINITY);
    expect(() =>
      buildTargets(
        't.json',
        [{ id: 'x', summary: 'x', observation: 'missing', relSd: 0.1, approx: 0.1, weight: 1 }],
        obs,
      ),
    ).toThrow(BadInputError);
  });
});

describe('target scale', () => {
  it('adds the counting noise of agents to a count, never to a share', () => {
    // 10 people per agent: an observed zero still tolerates one agent's worth, and a count of 1,000 the Poisson noise of 100 agents.
    expect(targetScale('flow:x:a:b', 0, 0.15, 10)).toBeCloseTo(10, 12);
    expect(targetScale('flow:x:a:b', 1000, 0.15, 10)).toBeCloseTo(Math.sqrt(150 ** 2 + 10_000 + 100), 9);
    expect(targetScale('flow:x:a:b', 1000, 0.15, 1e-9)).toBeCloseTo(150, 4);
    expect(targetScale('share:a:b:c:d', 60, 0.1, 10)).toBeCloseTo(6, 12);
    expect(targetScale('share:a:b:c:d', 2, 0.1, 10)).toBe(1);
    // More people per agent never narrows the tolerance.
    expect(targetScale('stock:x:d', 500, 0.2, 60)).toBeGreaterThan(targetScale('stock:x:d', 500, 0.2, 6));
  });
  it('reads the posterior from the last complete generation, not one the budget cut short', () => {
    const gen = (index: number, n: number) => ({
      index,
      epsilon: 1 / (index + 1),
      particles: Array.from({ length: n }, () => ({
        theta: [0],
        weight: 1 / n,
        distance: 0,
        output: { summaries: {} },
      })),
      simulations: 0,
      totalSimulations: 0,
      acceptanceRate: 1,
    });
    expect(posteriorGeneration([gen(0, 50), gen(1, 50), gen(2, 7)], 50).index).toBe(1);
    expect(posteriorGeneration([gen(0, 50), gen(1, 50)], 50).index).toBe(1);
    expect(posteriorGeneration([gen(0, 12)], 50).index).toBe(0);
  });
});

describe('ABC-SMC', () => {
  it('recovers a known posterior: N(ybar, 1/20)', async () => {
    const gens = await fit(1.3, 42);
    const last = gens.at(-1)!;
    expect(gens.length).toBeGreaterThanOrEqual(4);
    expect(gens.map((g) => g.epsilon).every((e, i, a) => i === 0 || e <= a[i - 1]!)).toBe(true);
    const post = parameterPosterior(last, priors).mu!;
    expect(Math.abs(post.median - 1.3)).toBeLessThan(0.12);
    const width90 = post.q95 - post.q05;
    const exact = 2 * 1.6449 * Math.sqrt(1 / 20);
    expect(width90).toBeGreaterThan(0.8 * exact);
    expect(width90).toBeLessThan(1.6 * exact);
    const ppc = predictiveChecks(last, targetAt(1.3));
    expect(ppc[0]!.predicted.median).toBeCloseTo(1.3, 0);
  });

  it('is the same whatever the batch size, and a resumed run continues exactly', async () => {
    const a = await fit(0.5, 7, 16);
    const b = await fit(0.5, 7, 64);
    expect(b.map((g) => g.particles.map((p) => p.theta[0]))).toEqual(a.map((g) => g.particles.map((p) => p.theta[0])));
    const resumed = await fit(0.5, 7, 32, a.slice(0, 2));
    expect(resumed.map((g) => g.epsilon)).toEqual(a.map((g) => g.epsilon));
    expect(resumed.at(-1)!.particles.map((p) => p.weight)).toEqual(a.at(-1)!.particles.map((p) => p.weight));
  });

  it('simulation-based calibration: the true value is inside the 90% interval in at least 80% of 50 fits', async () => {
    let inside = 0;
    const u = sequence(2024);
    for (let r = 0; r < 50; r++) {
      const mu = -3 + 6 * u();
      const [obs] = await toy([{ theta: { mu }, seed: 1_000_000 + r }]);
      const gens = await fit(obs!.summaries.mean!, 100 + r);
      const p = parameterPosterior(gens.at(-1)!, priors).mu!;
      if (mu >= p.q05 && mu <= p.q95) inside++;
    }
    expect(inside).toBeGreaterThanOrEqual(40);
  });
});
