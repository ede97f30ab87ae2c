import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { baselineNowcast, chainLadderFill, estimateDelayPmf } from '../../src/nowcast/baseline.ts';
import { chainLadder } from '../../src/nowcast/chain-ladder.ts';
import { incrementalFromCumulative, triangleFromRows } from '../../src/nowcast/triangle.ts';
import { nowcastReference } from './paths.ts';

interface Raa {
  cumulative_rows: number[][];
  reference: { development_factors: number[]; total_ibnr: number; mack_total_se: number };
}
interface Example {
  incremental_rows: Array<Array<number | null>>;
  reference: { filled_row_totals: number[]; delay_pmf: number[] };
}

/** Incremental triangle of counts × pmf, observed where row + delay ≤ last row. */
function triangleFromPmf(pmf: number[], counts: number[]) {
  return triangleFromRows(counts.map((n, i) => pmf.map((p, d) => (i + d <= counts.length - 1 ? n * p : null))));
}

describe('chain ladder on RAA (Mack 1993; ChainLadder unit test)', () => {
  const raa = nowcastReference<Raa>('raa.json');
  const fit = chainLadder(triangleFromRows(incrementalFromCumulative(raa.cumulative_rows), { maxDelay: 9 }).counts);

  it('reproduces the development factors', () => {
    fit.factors.forEach((f, j) => expect(f).toBeCloseTo(raa.reference.development_factors[j]!, 4));
  });
  it('reproduces total IBNR 52,135', () => {
    expect(Math.round(fit.totalIbnr)).toBe(raa.reference.total_ibnr);
  });
  it('reproduces the Mack total standard error 26,880.74 (log-linear sigma)', () => {
    expect(fit.totalSe).toBeCloseTo(raa.reference.mack_total_se, 2);
  });
  it('the oldest row is fully developed and has no error', () => {
    expect(fit.ultimate[0]).toBe(18834);
    expect(fit.mackSe[0]).toBe(0);
  });
});

describe('baselinenowcast example triangle', () => {
  const ex = nowcastReference<Example>('baselinenowcast-example.json');
  const tri = triangleFromRows(ex.incremental_rows);

  it('reproduces the filled row totals', () => {
    const totals = chainLadderFill(tri.counts).map((r) => r.reduce((a, b) => a + b, 0));
    totals.forEach((t, i) => expect(t).toBeCloseTo(ex.reference.filled_row_totals[i]!, 2));
  });
  it('reproduces the delay pmf', () => {
    estimateDelayPmf(tri.counts).forEach((p, d) => expect(p).toBeCloseTo(ex.reference.delay_pmf[d]!, 4));
  });
  it('the baseline nowcast keeps complete rows and brackets its point nowcast', () => {
    const n = baselineNowcast(tri, { seed: 3 });
    expect(n.periods[0]!.estimate).toBe(197);
    for (const p of n.periods.slice(3)) {
      expect(p.estimate).toBeGreaterThan(p.reported);
      expect(p.lo95).toBeLessThanOrEqual(p.lo50);
      expect(p.hi95).toBeGreaterThanOrEqual(p.hi50);
      expect(p.lo95).toBeGreaterThanOrEqual(p.reported);
    }
  });
});

describe('a triangle generated from a known pmf', () => {
  it('recovers pmf (0.4, 0.3, 0.2, 0.1) × counts (100 … 300) to 1e-6 (baselinenowcast unit test)', () => {
    const pmf = estimateDelayPmf(triangleFromPmf([0.4, 0.3, 0.2, 0.1], [100, 150, 200, 250, 300]).counts);
    [0.4, 0.3, 0.2, 0.1].forEach((p, d) => expect(Math.abs(pmf[d]! - p)).toBeLessThan(1e-6));
  });

  // Sizes keep every denominator ≥ 1: baselinenowcast floors it at 1, which only matters below one case.
  it('recovers any pmf and, by chain ladder, every row total (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.05, max: 1, noNaN: true }), { minLength: 2, maxLength: 7 }),
        fc.array(fc.double({ min: 200, max: 10000, noNaN: true }), { minLength: 8, maxLength: 12 }),
        (w, counts) => {
          const s = w.reduce((a, b) => a + b, 0);
          const pmf = w.map((x) => x / s);
          const tri = triangleFromPmf(pmf, counts);
          estimateDelayPmf(tri.counts).forEach((p, d) => expect(Math.abs(p - pmf[d]!)).toBeLessThan(1e-6));
          const fit = chainLadder(tri.counts);
          fit.ultimate.forEach((u, i) => expect(Math.abs(u - counts[i]!) / counts[i]!).toBeLessThan(1e-9));
        },
      ),
      { numRuns: 60 },
    );
  });
});
