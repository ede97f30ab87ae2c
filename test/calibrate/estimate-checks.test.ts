import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  band,
  checkRow,
  foldMonteCarlo,
  priorBand,
  summaryDate,
  widthRatio,
} from '../../src/calibrate/estimate-checks.ts';
import type { ParamPrior } from '../../src/calibrate/prior.ts';
import {
  type ReferenceDesign,
  referenceDraw,
  rejectionPosterior,
  variantPrior,
} from '../../src/calibrate/reference-table.ts';
import { weightedQuantiles } from '../../src/calibrate/weighted-quantile.ts';
import type { Target } from '../../src/calibrate/targets.ts';

const logP: ParamPrior = { name: 'a', low: 0.001, high: 0.1, scale: 'log' };
const linP: ParamPrior = { name: 'b', low: 0.2, high: 0.8, scale: 'linear' };

describe('variant priors for the sensitivity table', () => {
  it("shifts by half the width on the prior's own scale, widens by half each side, and stays inside the limits", () => {
    const down = variantPrior(logP, -1, { min: 0, max: 1 });
    expect(down.low).toBeCloseTo(0.0001, 12);
    expect(down.high).toBeCloseTo(0.01, 12);
    expect(variantPrior(linP, 1, { min: 0, max: 1 })).toMatchObject({ low: 0.5, high: 1 });
    expect(variantPrior(linP, 0, { min: 0, max: 1 })).toMatchObject({ low: 0, high: 1 });
    expect(variantPrior(linP, 0, { min: 0.1, max: 0.9 })).toMatchObject({ low: 0.1, high: 0.9 });
  });

  it('reads any covered variant prior from one table by reweighting: its quantiles come back', () => {
    const priors = [logP, linP];
    const design: ReferenceDesign = {
      priors,
      widened: priors.map((p) => variantPrior(p, 0, { min: 1e-9, max: 1 })),
      baseShare: 0.5,
    };
    const rows = Array.from({ length: 6000 }, (_, i) => ({
      theta: referenceDraw(design, 7, i),
      output: { summaries: {} },
    }));
    for (const [k, how] of [
      [0, -1],
      [0, 1],
      [1, -1],
      [1, 0],
    ] as const) {
      const v = variantPrior(priors[k]!, how, { min: 1e-9, max: 1 });
      const variant = priors.map((p, i) => (i === k ? v : p));
      const post = rejectionPosterior(design, rows, variant, [], 100);
      const [q25, q50, q75] = weightedQuantiles(
        post.map((r) => r.theta[k]!),
        post.map((r) => r.weight),
        [0.25, 0.5, 0.75],
      );
      const exact = (u: number) =>
        v.scale === 'log' ? Math.exp(Math.log(v.low) + u * Math.log(v.high / v.low)) : v.low + u * (v.high - v.low);
      const work = (x: number) => (v.scale === 'log' ? Math.log(x) : x);
      const width = work(v.high) - work(v.low);
      for (const [got, u] of [
        [q25, 0.25],
        [q50, 0.5],
        [q75, 0.75],
      ] as const)
        expect(Math.abs(work(got!) - work(exact(u))) / width).toBeLessThan(0.05);
    }
  });

  it('keeps the draws nearest the targets, and no draw the variant excludes', () => {
    const priors = [linP];
    const design: ReferenceDesign = { priors, widened: [variantPrior(linP, 0, { min: 0, max: 1 })], baseShare: 0.5 };
    const rows = Array.from({ length: 2000 }, (_, i) => {
      const theta = referenceDraw(design, 3, i);
      return { theta, output: { summaries: { x: theta[0]! } } };
    });
    const t: Target = {
      id: 'x',
      summary: 'x',
      value: 0.3,
      lo: 0.3,
      hi: 0.3,
      scale: 0.1,
      weight: 1,
      observationIds: [],
    };
    const post = rejectionPosterior(design, rows, priors, [t], 50);
    expect(post).toHaveLength(50);
    expect(post.every((r) => r.theta[0]! >= 0.2 && r.theta[0]! <= 0.8)).toBe(true);
    expect(Math.max(...post.map((r) => Math.abs(r.theta[0]! - 0.3)))).toBeLessThan(0.03);
    expect(post.reduce((s, r) => s + r.weight, 0)).toBeCloseTo(1, 9);
  });
});

describe('checks', () => {
  it('says a parameter the data did not move has a width ratio near 1, and one they pinned near 0', () => {
    const asPrior = priorBand(logP);
    expect(widthRatio(logP, { ...asPrior, lo50: 0, hi50: 0 })).toBeCloseTo(1, 9);
    expect(widthRatio(logP, { median: 0.01, lo50: 0.0099, hi50: 0.0101, lo95: 0.0098, hi95: 0.0102 })).toBeLessThan(
      0.02,
    );
  });

  it('counts a figure inside when its interval meets the predictive 95%, and says by how much it misses otherwise', () => {
    const sims = Array.from({ length: 200 }, (_, i) => ({ summaries: { 'flow:x:2024-01-01:2024-12-31': 100 + i } }));
    const t = (lo: number, hi: number): Target => ({
      id: 't',
      summary: 'flow:x:2024-01-01:2024-12-31',
      value: lo,
      lo,
      hi,
      scale: 10,
      weight: 1,
      observationIds: ['o'],
    });
    expect(checkRow(t(150, 150), sims).inside).toBe(true);
    expect(checkRow(t(500, Number.POSITIVE_INFINITY), sims)).toMatchObject({ inside: false, observed: { hi: null } });
    expect(checkRow(t(500, 500), sims).reason).toMatch(/above the predictive 95%.*2\.5× lower/);
    expect(checkRow(t(10, 20), sims).reason).toMatch(/below/);
    expect(checkRow(t(50, 120), sims).inside).toBe(true);
    expect(summaryDate('flow:x:2024-01-01:2024-12-31')).toBe('2024-12-31');
    expect(summaryDate('unitListInCourt:2024-04-30')).toBe('2024-04-30');
  });

  it("folds the Monte Carlo error outward: the published interval holds every replicate's and is rounded out", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1000, max: 90_000 }), fc.integer({ min: 0, max: 90_000 })), {
          minLength: 1,
          maxLength: 5,
        }),
        fc.integer({ min: 0, max: 5000 }),
        (reps, se) => {
          const replicates = reps.map(([lo, w]) => ({ lo95: lo, hi95: lo + w }));
          const pooled = band(
            reps.flatMap(([lo, w]) => [lo, lo + w]),
            reps.flatMap(() => [1, 1]),
          );
          const f = foldMonteCarlo(pooled, replicates, se, 1000);
          for (const r of replicates) {
            expect(f.lo95).toBeLessThanOrEqual(r.lo95);
            expect(f.hi95).toBeGreaterThanOrEqual(r.hi95);
          }
          expect(f.lo95 % 1000).toBe(0);
          expect(f.hi95 % 1000).toBe(0);
          expect(f.lo95).toBeLessThanOrEqual(Math.max(0, pooled.lo95 - 2 * se));
          expect(f.hi95).toBeGreaterThanOrEqual(pooled.hi95 + 2 * se);
        },
      ),
    );
  });
});
