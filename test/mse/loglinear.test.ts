import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { enumerateHierarchical, modelName, parseModel } from '../../src/mse/hierarchical-models.ts';
import { fitLoglinear, prepareModel } from '../../src/mse/loglinear-fit.ts';
import { estimateLoglinear, estimateStepwise } from '../../src/mse/loglinear.ts';
import { rankModels, stepwiseSelect } from '../../src/mse/model-selection.ts';
import { profileLikelihoodInterval } from '../../src/mse/profile-interval.ts';
import { tableFromPatternCounts } from '../../src/mse/table.ts';
import { readReference } from './paths.ts';

interface Korea {
  lists: string[];
  counts: Record<string, number>;
  reference: {
    loglinear_poisson_mle: Array<{ model: string; N: number; BIC: number }>;
    'stepwise_p_0.02': { model: string; N: number; deviance: number; df: number };
    must_reject_as_nonexistent: string[];
    bca_95_ntop1: [number, number];
    bca_95_all_admissible: [number, number];
  };
}
const korea = readReference<Korea>('mse/korea.json');
const table = tableFromPatternCounts(korea.lists, korea.counts);

const sig4 = (a: number, b: number) => expect(Math.abs(a - b) / Math.abs(b)).toBeLessThan(5e-5);

describe('Korea (Ball, Shin & Yang 2018): log-linear fits', () => {
  it.each(korea.reference.loglinear_poisson_mle)('model $model gives N = $N and BIC = $BIC', ({ model, N, BIC }) => {
    const f = fitLoglinear(table, parseModel(model, 3));
    expect(f.code).toBe(0);
    sig4(f.estimate, N);
    sig4(f.bic, BIC);
  });
  it('ranks the admissible models by BIC, [12,23] first, and rejects the non-existent ones', () => {
    const r = rankModels(table);
    expect(r.ranked.map((f) => f.name)).toEqual(korea.reference.loglinear_poisson_mle.map((m) => m.model));
    expect(r.rejected.map((f) => f.name).sort()).toEqual([...korea.reference.must_reject_as_nonexistent].sort());
    for (const f of r.rejected) expect(f.code).toBe(1);
  });
  it('stepwise (p = 0.02) selects [12,3] with N = 268.7778, deviance 8.566946 on 2 df', () => {
    const s = stepwiseSelect(table, 0.02);
    const ref = korea.reference['stepwise_p_0.02'];
    expect(s.selected.name).toBe(ref.model);
    sig4(s.selected.estimate, ref.N);
    sig4(s.selected.deviance, ref.deviance);
    expect(s.selected.df).toBe(ref.df);
    const coef = [4.982083, -2.832024, -3.620482, -1.268511, 5.412241]; // intercept, 1, 2, 3, 12
    s.selected.coefficients.forEach((c, i) => expect(c).toBeCloseTo(coef[i]!, 5));
  });
  it('the headline bootstrap with re-selection over all 6 admissible models gives about [128, 349]', () => {
    const r = estimateLoglinear(table, { seed: 1, replicates: 1000 });
    expect(r.model).toBe('[12,23]');
    const [lo, hi] = korea.reference.bca_95_all_admissible;
    expect(Math.abs(r.interval[0] - lo) / lo).toBeLessThan(0.03);
    expect(Math.abs(r.interval[1] - hi) / hi).toBeLessThan(0.06);
    expect((r.diagnostics.ranked as unknown[]).length).toBe(6);
  });
  it('with one model (ntop = 1) the bootstrap gives about [131, 248] (Monte Carlo: averaged over seeds)', () => {
    // The upper BCa limit of 1000 replicates varies by about 4.5% between seeds (sd ≈ 12 over 30 seeds), so a
    // single seed lands outside ±10% of the reference about one time in six; the mean of 8 seeds does not.
    const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
    const runs = seeds.map((seed) => estimateLoglinear(table, { seed, replicates: 1000, ntop: 1 }).interval);
    const [lo, hi] = korea.reference.bca_95_ntop1;
    const meanLo = runs.reduce((s, r) => s + r[0], 0) / runs.length;
    const meanHi = runs.reduce((s, r) => s + r[1], 0) / runs.length;
    expect(Math.abs(meanLo - lo) / lo).toBeLessThan(0.04);
    expect(Math.abs(meanHi - hi) / hi).toBeLessThan(0.1);
  });
  it('profile-likelihood interval of [12,23] brackets its estimate and starts above the observed 123', () => {
    const p = profileLikelihoodInterval(table, parseModel('[12,23]', 3));
    expect(p.interval[0]).toBeGreaterThan(123);
    expect(p.interval[0]).toBeLessThan(157.1667);
    expect(p.interval[1]).toBeGreaterThan(157.1667);
    expect(p.openAbove).toBe(false);
  });
  it('stepwise report carries its steps and a bootstrap interval around 268.78', () => {
    const r = estimateStepwise(table, { replicates: 200 });
    expect(r.model).toBe('[12,3]');
    expect(r.interval[0]).toBeLessThan(268.78);
    expect(r.interval[1]).toBeGreaterThan(268.78);
  });
});

describe('existence and identifiability (SparseMSE Artificial_3)', () => {
  const a3 = tableFromPatternCounts(undefined, { '100': 40, '010': 30, '001': 20, '110': 6 });
  it.each([
    ['[12,13,23]', 2],
    ['[12,3]', 1],
    ['[13,23,1,2]', 0],
  ])('%s has check code %i', (name, code) => {
    expect(prepareModel(a3, parseModel(name as string, 3)).code).toBe(code);
  });
});

describe('hierarchical models', () => {
  it('there are 8 models for 3 lists (order ≤ 2) and 113 for 4 lists (order ≤ 3)', () => {
    expect(enumerateHierarchical(3).length).toBe(8);
    expect(enumerateHierarchical(4).length).toBe(113);
  });
  it('names round-trip through the parser', () => {
    for (const m of enumerateHierarchical(4)) expect(parseModel(modelName(m), 4).terms).toEqual(m.terms);
  });
  it('with every cell positive, [12,13,23] reproduces the no-three-way-interaction closed form (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 500 }), { minLength: 7, maxLength: 7 }), (v) => {
        const [y100, y010, y110, y001, y101, y011, y111] = v; // dga order, cells 1..7
        const t = tableFromPatternCounts(undefined, {
          '100': y100,
          '010': y010,
          '110': y110,
          '001': y001,
          '101': y101,
          '011': y011,
          '111': y111,
        });
        const f = fitLoglinear(t, parseModel('[12,13,23]', 3));
        const n = v.reduce((a, b) => a + b, 0);
        const closed = n + (y111! * y100! * y010! * y001!) / (y110! * y101! * y011!);
        expect(f.code).toBe(0);
        expect(Math.abs(f.estimate - closed) / closed).toBeLessThan(1e-6);
      }),
      { numRuns: 60 },
    );
  });
  it('the independence model on two lists equals Lincoln–Petersen (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 1000 }),
        (a, b, m) => {
          const t = tableFromPatternCounts(undefined, { '10': a, '01': b, '11': m });
          const lp = ((a + m) * (b + m)) / m;
          expect(Math.abs(fitLoglinear(t, parseModel('[1,2]', 2)).estimate - lp) / lp).toBeLessThan(1e-8);
        },
      ),
      { numRuns: 50 },
    );
  });
});
