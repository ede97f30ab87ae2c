import { describe, expect, it } from 'vitest';
import {
  abcSmc,
  type BatchSimulator,
  completeGenerations,
  type Generation,
  toleranceStalled,
} from '../../src/calibrate/abc-smc.ts';
import type { ParamPrior } from '../../src/calibrate/prior.ts';
import type { Target } from '../../src/calibrate/targets.ts';
import { normal } from '../../src/sim/samplers.ts';
import { sequence } from '../../src/sim/rng.ts';

// A world that cannot fit both its figures: 5 draws from N(mu, 1) against a mean of 0.7 and one of
// -0.7, so no proposal comes closer than 0.7 and the adaptive tolerance stops falling.
const noisy: BatchSimulator = async (batch) =>
  batch.map(({ theta, seed }) => {
    const u = sequence(seed);
    let s = 0;
    for (let i = 0; i < 5; i++) s += theta.mu! + normal(u);
    return { summaries: { mean: s / 5 } };
  });
const priors: ParamPrior[] = [{ name: 'mu', low: -5, high: 5, scale: 'linear' }];
const targets: Target[] = [
  { id: 'mean', summary: 'mean', value: 0.7, lo: 0.7, hi: 0.7, scale: 1, weight: 1, observationIds: [] },
  { id: 'mean-again', summary: 'mean', value: -0.7, lo: -0.7, hi: -0.7, scale: 1, weight: 1, observationIds: [] },
];

async function run(
  budget: number,
  resume: Generation[] = [],
  extra: { minEpsilonDrop?: number; maxGenerations?: number } = {},
) {
  const gens: Generation[] = [];
  for await (const g of abcSmc(
    noisy,
    {
      priors,
      targets,
      populationSize: 100,
      budget,
      maxGenerations: extra.maxGenerations ?? 5,
      minEpsilonDrop: extra.minEpsilonDrop,
      seed: 11,
    },
    resume,
  ))
    gens.push(g);
  return gens;
}

describe('resuming a calibration', () => {
  it('runs a generation the budget cut short again from its start, and ends where an uninterrupted run ends', async () => {
    const whole = await run(2000);
    // Cut in the middle of generation 2: it stops with a partial population.
    const cut = await run(whole[1]!.totalSimulations + 40);
    expect(cut.at(-1)!.particles.length).toBeLessThan(100);
    expect(completeGenerations(cut, 100)).toHaveLength(cut.length - 1);
    const resumed = [...completeGenerations(cut, 100)];
    for await (const g of abcSmc(
      noisy,
      { priors, targets, populationSize: 100, budget: 2000, maxGenerations: 5, seed: 11 },
      cut,
    ))
      resumed.push(g);
    // No generation is built on a truncated one: every one but possibly the last is full, and the run
    // is the uninterrupted one, particle for particle.
    expect(resumed.map((g) => g.index)).toEqual(whole.map((g) => g.index));
    expect(resumed.map((g) => g.epsilon)).toEqual(whole.map((g) => g.epsilon));
    expect(resumed.map((g) => g.totalSimulations)).toEqual(whole.map((g) => g.totalSimulations));
    expect(resumed.at(-1)!.particles.map((p) => p.theta[0])).toEqual(whole.at(-1)!.particles.map((p) => p.theta[0]));
  });
});

describe('stopping when the tolerance stops falling', () => {
  it('knows a stall from a fall, and never calls the first finite tolerance a stall', () => {
    expect(toleranceStalled(Number.POSITIVE_INFINITY, 3, 0.05)).toBe(false);
    expect(toleranceStalled(1, 0.99, 0.05)).toBe(true);
    expect(toleranceStalled(1, 0.5, 0.05)).toBe(false);
  });

  it('ends the run once a generation lowers the tolerance by less than the set share', async () => {
    const free = await run(20000, [], { maxGenerations: 12 });
    const stopped = await run(20000, [], { maxGenerations: 12, minEpsilonDrop: 0.15 });
    expect(stopped.length).toBeLessThan(free.length);
    const [a, b] = stopped.slice(-2).map((g) => g.epsilon);
    expect((a! - b!) / a!).toBeLessThan(0.15);
    // Every earlier step fell by at least the share: it stopped at the first stall, not before.
    for (let i = 2; i < stopped.length - 1; i++)
      expect((stopped[i - 1]!.epsilon - stopped[i]!.epsilon) / stopped[i - 1]!.epsilon).toBeGreaterThanOrEqual(0.15);
    // The run before the stop is the free run's, generation for generation.
    expect(stopped.map((g) => g.epsilon)).toEqual(free.slice(0, stopped.length).map((g) => g.epsilon));
  });
});
