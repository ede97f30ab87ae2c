import { describe, expect, it } from 'vitest';
import { estimateLcmcr, runLcmcrChains } from '../../src/mse/lcmcr.ts';
import { effectiveSampleSize, splitRhat } from '../../src/mse/mcmc-diagnostics.ts';
import { createRng } from '../../src/mse/random/rng.ts';
import { simulateWorld } from '../../src/mse/simulate-world.ts';
import { tableFromPatternCounts } from '../../src/mse/table.ts';

const quick = { chains: 2, burnin: 2000, samples: 400, thinning: 5, warmup: 300 };

describe('MCMC diagnostics', () => {
  it('split-R-hat is about 1 for iid chains and large for chains that disagree', () => {
    const r = createRng(11);
    const iid = [0, 1, 2, 3].map(() => Float64Array.from({ length: 1000 }, () => r.normal()));
    expect(splitRhat(iid)).toBeLessThan(1.01);
    const shifted = iid.map((c, i) => c.map((x) => x + i));
    expect(splitRhat(shifted)).toBeGreaterThan(1.5);
    // A trend inside each chain is caught by the split.
    const trend = iid.map((c) => c.map((x, t) => x + t / 100));
    expect(splitRhat(trend)).toBeGreaterThan(1.1);
  });
  it('ESS is near the draw count for iid chains and much lower for an AR(1) with ρ = 0.9', () => {
    const r = createRng(12);
    const iid = [0, 1].map(() => Float64Array.from({ length: 2000 }, () => r.normal()));
    const e = effectiveSampleSize(iid);
    expect(e).toBeGreaterThan(3000);
    expect(e).toBeLessThan(5000);
    const ar = [0, 1].map(() => {
      const x = new Float64Array(2000);
      for (let t = 1; t < x.length; t++) x[t] = 0.9 * x[t - 1] + r.normal();
      return x;
    });
    // Theory: n·(1 − ρ)/(1 + ρ) ≈ 4000 · 0.053 ≈ 210.
    const ea = effectiveSampleSize(ar);
    expect(ea).toBeGreaterThan(100);
    expect(ea).toBeLessThan(400);
  });
});

describe('LCMCR Gibbs sampler', () => {
  const world = simulateWorld({
    N: 2000,
    lists: 4,
    heterogeneity: { type: 'classes', classes: [{ share: 0.8, capture: [0.1, 0.15, 0.1, 0.2] }, { share: 0.2, capture: [0.5, 0.6, 0.4, 0.7] }] },
    seed: 5,
  });
  it('is reproducible: the same seed gives the same draws, another seed different ones', () => {
    const a = runLcmcrChains(world.table, { ...quick, chains: 1, samples: 50, burnin: 100, seed: 3 });
    const b = runLcmcrChains(world.table, { ...quick, chains: 1, samples: 50, burnin: 100, seed: 3 });
    const c = runLcmcrChains(world.table, { ...quick, chains: 1, samples: 50, burnin: 100, seed: 4 });
    expect(Array.from(a.draws[0])).toEqual(Array.from(b.draws[0]));
    expect(Array.from(a.draws[0])).not.toEqual(Array.from(c.draws[0]));
  });
  it('covers the true N of a heterogeneous 4-list world and reports R-hat and ESS', () => {
    const r = estimateLcmcr(world.table, { ...quick, seed: 1 });
    expect(r.interval[0]).toBeLessThan(world.N);
    expect(r.interval[1]).toBeGreaterThan(world.N);
    expect(r.interval[0]).toBeGreaterThanOrEqual(world.observed);
    expect(r.diagnostics.rhat).toBeGreaterThan(0.9);
    expect(r.diagnostics.ess).toBeGreaterThan(10);
    expect(r.settings.K).toBe(10);
  });
  it('every draw of N is at least the observed count', () => {
    const { draws } = runLcmcrChains(world.table, { ...quick, chains: 1, samples: 200, burnin: 200 });
    for (const d of draws[0]) expect(d).toBeGreaterThanOrEqual(world.observed);
  });
  it('warns when chains are too short to trust', () => {
    const t = tableFromPatternCounts(undefined, { '100': 40, '010': 30, '001': 20, '110': 6, '101': 1, '011': 1, '111': 1 });
    const r = estimateLcmcr(t, { chains: 2, burnin: 10, samples: 20, thinning: 1, warmup: 10 });
    expect(r.warnings.some((w) => w.includes('effective sample size'))).toBe(true);
  });
  it('refuses two lists (not identified)', () => {
    expect(() => estimateLcmcr(tableFromPatternCounts(undefined, { '10': 1, '01': 2, '11': 3 }))).toThrow(/at least 3 lists/);
  });
});
