import { describe, expect, it } from 'vitest';
import { runEnsemble } from '../../src/jobs/ensemble.ts';
import { quantile, reduceRuns } from '../../src/sim/ensemble/reduce.ts';
import { baselineScenario } from '../../src/sim/scenario.ts';
import { jsonSummary } from '../../src/cli/simulate.ts';

const base = { seed: 11, agents: 2000, start: '2022-02-24', end: '2022-12-31', scenario: baselineScenario() };

describe('ensembles', () => {
  it('give the same bytes with 1 and 2 worker threads', async () => {
    const one = await runEnsemble(base, { runs: 4, threads: 1 });
    const two = await runEnsemble(base, { runs: 4, threads: 2 });
    expect(JSON.stringify(two.summaries)).toBe(JSON.stringify(one.summaries));
    expect(new Set(one.summaries.map((s) => s.seed)).size).toBe(4);
  });

  it('stop on a signal and keep the finished runs', async () => {
    const ac = new AbortController();
    const out = await runEnsemble(base, {
      runs: 5,
      threads: 1,
      signal: ac.signal,
      onRunDone: (done) => {
        if (done === 2) ac.abort();
      },
    });
    expect(out.stopped).toBe(true);
    expect(out.summaries.map((s) => s.run)).toEqual([0, 1]);
  });

  it('reduce to the median and 10/50/90% bands; the --json shape', async () => {
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(quantile([0, 10], 0.1)).toBeCloseTo(1);
    const { summaries } = await runEnsemble(base, { runs: 3, threads: 1 });
    const red = reduceRuns(summaries);
    for (const [, v] of Object.entries(red.series)) {
      for (let m = 0; m < red.months.length; m++) {
        expect(v.bands.p10[m]).toBeLessThanOrEqual(v.bands.p50[m]!);
        expect(v.bands.p50[m]).toBeLessThanOrEqual(v.bands.p90[m]!);
      }
    }
    const j = jsonSummary(summaries, 'baseline', 11) as Record<string, unknown>;
    expect(Object.keys(j).sort()).toEqual(['bands', 'runs', 'scenario', 'seed', 'series', 'totals']);
    expect(Object.keys(j.totals as object).sort()).toEqual(
      [
        'awolEver',
        'casesReceived',
        'caught',
        'desertedAbroad',
        'killed',
        'ngoRequests',
        'refused',
        'returnedWithoutCase',
        'strength',
        'surrendered',
        'verdicts',
      ].sort(),
    );
    const one = jsonSummary(summaries.slice(0, 1), 'baseline', 11) as Record<string, unknown>;
    expect('bands' in one).toBe(false);
  });
});
