import { describe, expect, it } from 'vitest';
import { decomposableGraphs } from '../../src/mse/decomposable-graphs.ts';
import { estimateDga } from '../../src/mse/dga.ts';
import { tableFromDgaOrder } from '../../src/mse/table.ts';
import { readReference } from './paths.ts';

interface MY {
  three_list: { counts_dga_order: number[]; reference: Record<string, number> };
  five_list: {
    counts_dga_order: number[];
    reference: { median: number; ci95: [number, number]; mode: number; top_model_posterior: number };
  };
}
const my = readReference<MY>('mse/madigan-york.json');
const grid = Array.from({ length: 300 }, (_, i) => i + 1);

describe('decomposable graphs', () => {
  it('there are 8, 61 and 822 on 3, 4 and 5 vertices (as dga ships)', () => {
    expect([3, 4, 5].map((p) => decomposableGraphs(p).length)).toEqual([8, 61, 822]);
  });
  it('every graph satisfies Σ|C| − Σ|S| = p (running intersection)', () => {
    const size = (s: number) => s.toString(2).replace(/0/g, '').length;
    for (const g of decomposableGraphs(5)) {
      expect(g.cliques.reduce((a, c) => a + size(c), 0) - g.separators.reduce((a, s) => a + size(s), 0)).toBe(5);
    }
  });
});

describe('dga on the Madigan & York examples', () => {
  it('3 lists, δ = 1, negative-binomial prior: top model 0.37, Bayes 731, mode 729; averaged 731 / 728', () => {
    const t = tableFromDgaOrder(my.three_list.counts_dga_order);
    const r = estimateDga(t, { delta: 1, prior: { type: 'negbin', a: 13.14, b: 55.17 }, nMissing: grid });
    const ref = my.three_list.reference;
    const top = (
      r.diagnostics.topModels as Array<{ model: string; posterior: number; bayesEstimator: number; mode: number }>
    )[0]!;
    expect(top.posterior).toBeCloseTo(ref.top_model_posterior!, 2);
    expect(top.model).toBe('[12,3]');
    expect(Math.round(top.bayesEstimator)).toBe(ref.top_model_bayes_estimate);
    expect(top.mode).toBe(ref.top_model_mode);
    expect(Math.round(r.diagnostics.bayesEstimator as number)).toBe(ref.averaged_bayes_estimate);
    expect(r.diagnostics.mode).toBe(ref.averaged_mode);
  });
  it('5 lists, δ = 0.5, prior ∝ 1/N: median 616, 95% [588, 655], mode 614, top model 0.217', () => {
    const t = tableFromDgaOrder(my.five_list.counts_dga_order);
    const r = estimateDga(t, { delta: 0.5, nMissing: grid });
    const ref = my.five_list.reference;
    expect(r.estimate).toBe(ref.median);
    expect(r.interval).toEqual(ref.ci95);
    expect(r.diagnostics.mode).toBe(ref.mode);
    expect((r.diagnostics.topModels as Array<{ posterior: number }>)[0]!.posterior).toBeCloseTo(
      ref.top_model_posterior,
      3,
    );
  });
  it('the default grid (grown until the tail is negligible) gives the same 5-list answer', () => {
    const r = estimateDga(tableFromDgaOrder(my.five_list.counts_dga_order), { delta: 0.5 });
    expect(r.estimate).toBe(616);
    expect(r.interval).toEqual([588, 655]);
  });
});
