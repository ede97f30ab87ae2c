import { describe, expect, it } from 'vitest';
import { backtest, backtestDays } from '../../src/nowcast/backtest.ts';
import { bayesNowcast } from '../../src/nowcast/bayes.ts';
import { chainLadderNowcast } from '../../src/nowcast/chain-ladder.ts';
import { lastCompletePeriod, periodOfDay } from '../../src/nowcast/periods.ts';
import { weightedIntervalScore } from '../../src/nowcast/scores.ts';
import { gammaDelayPmf, simulateLineList, trueCountsByPeriod } from '../../src/nowcast/simulate-line-list.ts';
import { triangleFromCases, triangleFromRows } from '../../src/nowcast/triangle.ts';

// A small court world: 6 years of offences, ~80 a month, verdicts about five months later.
const sim = simulateLineList({ seed: 11, start: '2016-01-01', days: 6 * 365, expectedCases: 6 * 12 * 80 });
const truth = trueCountsByPeriod(sim, 'month');
const D = 12;

describe('simulated court line list', () => {
  it('is reproducible and its delays follow the known pmf', () => {
    const again = simulateLineList({ seed: 11, start: '2016-01-01', days: 6 * 365, expectedCases: 6 * 12 * 80 });
    expect(again.cases.length).toBe(sim.cases.length);
    expect(again.cases[100]).toEqual(sim.cases[100]);
    const pmf = gammaDelayPmf(150, 60, 365);
    let mean = 0;
    pmf.forEach((p, d) => (mean += p * d));
    const observed = sim.cases.reduce((s, c) => s + c.report - c.event, 0) / sim.cases.length;
    expect(Math.abs(observed - mean)).toBeLessThan(3);
    expect(sim.trueDaily.reduce((a, b) => a + b, 0)).toBe(sim.cases.length);
  });
});

describe('Bayesian nowcast (NobBS-style)', () => {
  const nowDay = sim.firstDay + 5 * 365;
  const lastPeriod = lastCompletePeriod(nowDay, 'month');
  const { triangle } = triangleFromCases(sim.cases, { unit: 'month', lastPeriod, maxDelay: D });
  const opts = { seed: 5, burnIn: 300, samples: 600 };
  const result = bayesNowcast(triangle, opts);

  it('is reproducible from its seed', () => {
    expect(bayesNowcast(triangle, opts).periods).toEqual(result.periods);
  });
  it('brackets the truth of recent months and does not blow up in the newest one', () => {
    const recent = result.periods.slice(-6);
    let covered = 0;
    recent.forEach((p, i) => {
      const y = truth.get(lastPeriod - 5 + i)!;
      if (y >= p.lo95 && y <= p.hi95) covered++;
      expect(p.lo95).toBeGreaterThanOrEqual(p.reported);
    });
    expect(covered).toBeGreaterThanOrEqual(5);
    const newest = result.periods[result.periods.length - 1]!;
    expect(newest.hi95).toBeLessThan(4 * truth.get(lastPeriod)!);
    expect(result.diagnostics.acceptance as number).toBeGreaterThan(0.7);
  });
  it('learns a delay pmf whose mean is near five months', () => {
    const pmf = result.diagnostics.delayPmf as number[];
    const mean = pmf.reduce((s, p, d) => s + p * d, 0);
    expect(mean).toBeGreaterThan(4);
    expect(mean).toBeLessThan(6);
  });
  it('stays finite where chain ladder has nothing to scale (an empty newest row)', () => {
    const rows = Array.from({ length: 20 }, (_, i) => [0, 30, 40, 30].map((v, d) => (i + d <= 19 ? v : null)));
    const tri = triangleFromRows(rows);
    const cl = chainLadderNowcast(tri);
    // Chain ladder: the delay-0 column is empty, so the first factor is 0/0 and the newest row has no estimate.
    expect(Number.isNaN(cl.periods[19]!.estimate)).toBe(true);
    expect(cl.warnings.join(' ')).toMatch(/no cases at delay/);
    const b = bayesNowcast(tri, { seed: 1, burnIn: 200, samples: 400 });
    expect(b.periods[19]!.estimate).toBeGreaterThan(60);
    expect(b.periods[19]!.estimate).toBeLessThan(150);
  });
});

describe('backtest', () => {
  it('scores every method; bayes covers the newest month and is not biased upward', () => {
    const days = backtestDays(sim.cases, 'month', D, 8);
    const res = backtest(sim.cases, {
      unit: 'month',
      maxDelay: D,
      methods: ['chainladder', 'baseline', 'bayes'],
      nowDays: days,
      truth: (p) => truth.get(p) ?? 0,
      methodOptions: { bayes: { burnIn: 300, samples: 600, seed: 2 } },
    });
    expect(res.dates.length).toBe(8);
    const get = (m: string, h: number | 'all') => res.scores.find((s) => s.method === m && s.horizon === h)!;
    expect(get('bayes', 0).coverage95).toBeGreaterThanOrEqual(0.75);
    expect(get('bayes', 0).meanRelError).toBeLessThan(0.1);
    expect(get('reported', 0).meanRelError).toBeLessThan(-0.9); // the apparent fall
    expect(get('bayes', 'all').wis).toBeLessThan(get('reported', 'all').wis);
    expect(periodOfDay(days[0]!, 'month')).toBeLessThan(periodOfDay(days[days.length - 1]!, 'month'));
  });
  it('weighted interval score: zero for a perfect point, grows with the miss', () => {
    const ivs = (lo: number, hi: number) => [
      { lo, hi, alpha: 0.5 },
      { lo, hi, alpha: 0.05 },
    ];
    expect(weightedIntervalScore(10, ivs(10, 10), 10)).toBe(0);
    expect(weightedIntervalScore(10, ivs(8, 12), 20)).toBeGreaterThan(weightedIntervalScore(10, ivs(8, 12), 13));
  });
});
