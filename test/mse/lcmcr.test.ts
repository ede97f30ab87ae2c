import { describe, expect, it } from 'vitest';
import { estimateLcmcr, LcmcrChain, runLcmcrChains } from '../../src/mse/lcmcr.ts';
import { effectiveSampleSize, splitRhat } from '../../src/mse/mcmc-diagnostics.ts';
import { createRng } from '../../src/mse/random/rng.ts';
import { simulateWorld } from '../../src/mse/simulate-world.ts';
import { observedTotal, tableFromPatternCounts } from '../../src/mse/table.ts';
import { beta } from '../../src/random/beta.ts';
import { gamma } from '../../src/random/gamma.ts';
import { negativeBinomial } from '../../src/random/negative-binomial.ts';
import { logGamma } from '../../src/stats/log-gamma.ts';

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
      for (let t = 1; t < x.length; t++) x[t] = 0.9 * x[t - 1]! + r.normal();
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
    heterogeneity: {
      type: 'classes',
      classes: [
        { share: 0.8, capture: [0.1, 0.15, 0.1, 0.2] },
        { share: 0.2, capture: [0.5, 0.6, 0.4, 0.7] },
      ],
    },
    seed: 5,
  });
  it('is reproducible: the same seed gives the same draws, another seed different ones', () => {
    const a = runLcmcrChains(world.table, { ...quick, chains: 1, samples: 50, burnin: 100, seed: 3 });
    const b = runLcmcrChains(world.table, { ...quick, chains: 1, samples: 50, burnin: 100, seed: 3 });
    const c = runLcmcrChains(world.table, { ...quick, chains: 1, samples: 50, burnin: 100, seed: 4 });
    expect(Array.from(a.draws[0]!)).toEqual(Array.from(b.draws[0]!));
    expect(Array.from(a.draws[0]!)).not.toEqual(Array.from(c.draws[0]!));
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
    for (const d of draws[0]!) expect(d).toBeGreaterThanOrEqual(world.observed);
  });
  it('warns when chains are too short to trust', () => {
    const t = tableFromPatternCounts(undefined, {
      '100': 40,
      '010': 30,
      '001': 20,
      '110': 6,
      '101': 1,
      '011': 1,
      '111': 1,
    });
    const r = estimateLcmcr(t, { chains: 2, burnin: 10, samples: 20, thinning: 1, warmup: 10 });
    expect(r.warnings.some((w) => w.includes('effective sample size'))).toBe(true);
  });
  it('class weights by products of odds equal those from the log domain', () => {
    const chain = new LcmcrChain(world.table, 10, createRng(7));
    const J = world.table.lists.length;
    const cells = Array.from(world.table.counts).filter((v, c) => c > 0 && v > 0).length;
    for (let s = 0; s < 50; s++) {
      chain.sweep();
      for (let i = 0; i < cells; i++) {
        const top = chain.cellWeights(i * J);
        const linear = Array.from(chain.w, (x) => x / top);
        chain.logWeights(i * J);
        chain.w.forEach((x, k) => expect(Math.abs(x - linear[k]!)).toBeLessThan(1e-9));
      }
    }
  });
  it('falls back to the log domain where products underflow (20 lists, a rare class seen everywhere)', () => {
    const counts: Record<string, number> = { ['1'.repeat(20)]: 50 };
    for (let j = 0; j < 20; j++) counts['0'.repeat(j) + '1' + '0'.repeat(19 - j)] = 3;
    const chain = new LcmcrChain(tableFromPatternCounts(undefined, counts), 3, createRng(1));
    // Class 0: rare (log π = −300) and on every list; classes 1–2: common and on none.
    const state = chain as unknown as { lam: Float64Array; logPi: Float64Array; refresh(): void };
    for (let j = 0; j < 20; j++) state.lam.set([1 - 1e-12, 1e-12, 1e-12], j * 3);
    state.logPi.set([-300, Math.log(0.5), Math.log(0.5)]);
    state.refresh();
    // The cell on all 20 lists belongs to class 0 (log weight −300 + 20·log(1e12 − 1) ≈ 253 above the others),
    // but exp(base₀ − max) underflows to 0, so the products alone would give it to classes 1–2.
    expect(chain.cellWeights(20 * 20)).toBeLessThan(1e-60); // cells in pattern order: the 20 single-list cells, then all 20
    chain.logWeights(20 * 20);
    expect(chain.w[0]).toBe(1);
    expect(chain.w[1]).toBeLessThan(1e-100);
    const { draws } = runLcmcrChains(tableFromPatternCounts(undefined, counts), {
      chains: 1,
      samples: 100,
      burnin: 100,
      thinning: 1,
      seed: 2,
    });
    for (const d of draws[0]!) expect(d).toBeGreaterThanOrEqual(110);
  });
  it('refuses two lists (not identified)', () => {
    expect(() => estimateLcmcr(tableFromPatternCounts(undefined, { '10': 1, '01': 2, '11': 3 }))).toThrow(
      /at least 3 lists/,
    );
  });
});

// Known answers for the whole Gibbs sweep (N update, λ update, class allocation, stick-breaking, α): the posterior of
// N computed without MCMC. With one class the model is M_t with Beta(1,1) priors and p(N) ∝ 1/N, whose posterior is a
// one-dimensional sum. With two classes, integrating N out under the 1/N prior leaves the conditional likelihood
// Π_c (p_c / (1 − p0))^{n_c} and n0 | parameters ~ NegBin(n, 1 − p0), so importance sampling from the prior is exact.
describe('LCMCR posterior of N against exact computations', () => {
  const quantiles = [0.05, 0.25, 0.5, 0.75, 0.95];
  const gibbsQuantiles = (draws: Float64Array[]) => {
    const all = Float64Array.from(draws.flatMap((d) => Array.from(d))).sort();
    return quantiles.map((q) => all[Math.floor(q * (all.length - 1))]);
  };
  /** Quantiles of a distribution over N = n + d given by unnormalised weights w[d]. */
  const weightedQuantiles = (n: number, w: Float64Array) => {
    const z = w.reduce((a, b) => a + b, 0);
    const out: number[] = [];
    let c = 0;
    for (let d = 0, qi = 0; d < w.length && qi < quantiles.length; d++) {
      c += w[d]! / z;
      while (qi < quantiles.length && c >= quantiles[qi]!) {
        out.push(n + d);
        qi++;
      }
    }
    return out;
  };

  it('with one class matches the exact M_t posterior under the 1/N prior', () => {
    const w1 = simulateWorld({
      N: 1500,
      lists: 4,
      heterogeneity: { type: 'classes', classes: [{ share: 1, capture: [0.1, 0.15, 0.2, 0.12] }] },
      seed: 9,
    });
    const n = w1.observed;
    const nj = [0, 1, 2, 3].map((j) => w1.table.counts.reduce((s, x, c) => s + ((c >> j) & 1 ? x : 0), 0));
    const lb = (a: number, b: number) => logGamma(a) + logGamma(b) - logGamma(a + b);
    // p(N | data) ∝ (1/N) · N!/(N − n)! · Π_j B(1 + n_j, 1 + N − n_j)
    const lp = Float64Array.from({ length: 20 * n }, (_, d) => {
      const N = n + d;
      return -Math.log(N) + logGamma(N + 1) - logGamma(d + 1) + nj.reduce((s, x) => s + lb(1 + x, 1 + N - x), 0);
    });
    const top = Math.max(...lp);
    const exact = weightedQuantiles(
      n,
      lp.map((x) => Math.exp(x - top)),
    );
    const gibbs = gibbsQuantiles(
      runLcmcrChains(w1.table, { K: 1, chains: 2, burnin: 500, samples: 4000, thinning: 2, seed: 1 }).draws,
    );
    quantiles.forEach((_, i) => expect(Math.abs(gibbs[i]! - exact[i]!) / exact[i]!).toBeLessThan(0.02));
  });

  it('with two classes matches importance sampling from the prior', () => {
    const t = tableFromPatternCounts(undefined, {
      '100': 30,
      '010': 25,
      '001': 28,
      '110': 6,
      '101': 5,
      '011': 7,
      '111': 9,
    });
    const J = 3;
    const n = observedTotal(t);
    const rng = createRng(99);
    const u = rng.uniform01;
    const hist = new Float64Array(20 * n + 1);
    const lam = new Float64Array(2 * J);
    let ref = NaN;
    const cellP = new Float64Array(1 << J);
    for (let m = 0; m < 2_000_000; m++) {
      const alpha = gamma(u, 0.25, 4, rng.normals); // Gamma(shape 0.25, rate 0.25)
      const v = beta(u, 1, alpha, rng.normals);
      for (let i = 0; i < 2 * J; i++) lam[i] = beta(u, 1, 1, rng.normals);
      for (let c = 0; c < 1 << J; c++) {
        let q0 = v;
        let q1 = 1 - v;
        for (let j = 0; j < J; j++) {
          q0 *= (c >> j) & 1 ? lam[j]! : 1 - lam[j]!;
          q1 *= (c >> j) & 1 ? lam[J + j]! : 1 - lam[J + j]!;
        }
        cellP[c] = q0 + q1;
      }
      const p0 = cellP[0]!;
      let s = 0;
      for (let c = 1; c < 1 << J; c++) if (t.counts[c]) s += t.counts[c]! * Math.log(cellP[c]! / (1 - p0));
      if (Number.isNaN(ref)) ref = s + 50;
      hist[Math.min(negativeBinomial(u, (n * p0) / (1 - p0), n, rng.normals), 20 * n)]! += Math.exp(s - ref);
    }
    const exact = weightedQuantiles(n, hist);
    const gibbs = gibbsQuantiles(
      runLcmcrChains(t, { K: 2, chains: 4, burnin: 2000, samples: 10_000, thinning: 5, seed: 1 }).draws,
    );
    // Tolerances allow the Monte Carlo error of both sides (a few hundred effective importance draws in the tail).
    if (process.env.DARKFIGURE_DEBUG) console.log(exact, gibbs);
    [0.03, 0.03, 0.03, 0.04, 0.08].forEach((tol, i) =>
      expect(Math.abs(gibbs[i]! - exact[i]!) / exact[i]!).toBeLessThan(tol),
    );
  });
});
