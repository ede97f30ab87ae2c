import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CalibrationResult } from '../../src/calibrate/run.ts';
import { BadInputError } from '../../src/domain/errors.ts';
import { readDataset } from '../../src/ingest/bundled.ts';
import { bundleEstimates } from '../../src/report/estimate-bundle.ts';
import { ESTIMATES_FILE, parseEstimates, readEstimates } from '../../src/report/estimate-file.ts';
import { monthName } from '../../src/domain/dates.ts';
import { estimateChart, estimateHeadline, roundEstimate } from '../../src/report/estimate-overview.ts';
import type { BundledEstimates } from '../../src/report/estimate-schema.ts';
import { viewContent } from '../../src/report/views.ts';
import { renderChart } from '../../src/analyses/render.ts';

const q = (median: number, spread: number) => ({
  q025: median - 2 * spread,
  q05: median - 1.6 * spread,
  q25: median - spread / 2,
  median,
  q75: median + spread,
  q95: median + 3 * spread,
  q975: median + 4 * spread,
});

/** A small posterior with known quantiles: three months, AWOL ever 100/200/300 with widening spreads. */
const posterior = (): CalibrationResult =>
  ({
    method: 'abc-smc',
    settings: {
      agents: 10_000,
      force: 300_000,
      start: '2022-02-24',
      end: '2022-04-15',
      populationSize: 20,
      budget: 100,
      seed: 3,
      alpha: 0.5,
    },
    priors: [],
    targets: [
      {
        id: 'a',
        summary: 'flow:casesReceived:2022-01-01:2022-12-31',
        value: 10,
        lo: 10,
        hi: 10,
        scale: 1,
        weight: 1,
        observationIds: ['obs-b', 'obs-a'],
      },
      {
        id: 'b',
        summary: 'flow:programmeSurrenders:2022-09-18:2023-09-30',
        value: 200,
        lo: 200,
        hi: Infinity,
        scale: 30,
        weight: 1,
        observationIds: ['obs-a', 'obs-c'],
      },
    ],
    posteriorGeneration: 1,
    generations: [
      { index: 0, epsilon: Infinity, simulations: 20, totalSimulations: 20, acceptanceRate: 1, ess: 20, particles: 20 },
      { index: 1, epsilon: 3, simulations: 40, totalSimulations: 60, acceptanceRate: 0.5, ess: 15, particles: 20 },
    ],
    parameters: {},
    unseen: {
      months: ['2022-02', '2022-03', '2022-04'],
      series: { awolEver: [q(100, 10), q(200, 20), q(300, 30)], desertedAbroad: [q(10, 1), q(20, 2), q(30, 3)] },
    },
    predictive: [],
    warnings: ['fewer than 3 generations'],
  }) as CalibrationResult;

const COMMANDS = {
  calibrate: 'darkfigure calibrate --budget 100 --seed 3',
  bundle: 'npx tsx scripts/bundle-estimate.ts x/posterior.json',
};

describe('bundling a posterior into data/estimates.json', () => {
  it('keeps the monthly quantiles as median, 50% and 95% bands and heads with AWOL ever by the last month', () => {
    const e = bundleEstimates(posterior(), COMMANDS);
    expect(e.method).toBe('abc-smc calibration of the desertion model');
    expect(e.series.awolEver!.points[1]).toEqual({
      month: '2022-03',
      date: '2022-03-31',
      median: 200,
      lo50: 190,
      hi50: 220,
      lo95: 160,
      hi95: 280,
    });
    // The last month ends with the run (15 April), not on the 30th.
    expect(e.headline).toEqual({
      series: 'awolEver',
      month: '2022-04',
      date: '2022-04-15',
      median: 300,
      lo50: 285,
      hi50: 330,
      lo95: 240,
      hi95: 420,
    });
    expect(e.range).toEqual({ start: '2022-02-24', end: '2022-04-15' });
    expect(e.fit).toEqual({ generations: 2, posteriorGeneration: 1, simulations: 60 });
    expect(e.inputs.observationIds).toEqual(['obs-a', 'obs-b', 'obs-c']);
    // An open-ended figure (">200") has no upper end; JSON has no Infinity.
    expect(e.inputs.targets[1]).toMatchObject({ lo: 200, hi: null });
    expect(e.warnings).toEqual(['fewer than 3 generations']);
    expect(e.commands).toEqual(COMMANDS);
  });

  it('is deterministic, and what it writes reads back unchanged', () => {
    const a = JSON.stringify(bundleEstimates(posterior(), COMMANDS), null, 2);
    expect(JSON.stringify(bundleEstimates(posterior(), COMMANDS), null, 2)).toBe(a);
    expect(parseEstimates('x.json', a)).toEqual(JSON.parse(a));
  });
});

describe('reading an estimates file', () => {
  const good = () => JSON.parse(JSON.stringify(bundleEstimates(posterior(), COMMANDS))) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const refused = (mutate: (e: Record<string, any>) => void): BadInputError => {
    const e = good();
    mutate(e);
    try {
      parseEstimates('est.json', JSON.stringify(e));
    } catch (err) {
      expect(err).toBeInstanceOf(BadInputError);
      return err as BadInputError;
    }
    throw new Error('a bad file was accepted');
  };

  it('the bundled data/estimates.json is valid', async () => {
    const e = await readEstimates();
    expect(e).toBeDefined();
    expect(e!.series[e!.headline.series]!.points.at(-1)).toMatchObject({
      month: e!.headline.month,
      median: e!.headline.median,
    });
  });

  it('refuses a bad file, naming the file and the field', () => {
    const missing = refused((e) => delete e.headline.lo95);
    expect(missing.issues).toEqual([expect.objectContaining({ file: 'est.json', field: 'headline.lo95' })]);
    expect(missing.message).toContain('field "headline.lo95"');
    // Bands that do not nest: the 50% upper end below the median.
    const crossed = refused((e) => (e.series.awolEver.points[2].hi50 = 1));
    expect(crossed.issues.map((i) => i.field)).toEqual(['series.awolEver.points.2.hi50']);
    expect(refused((e) => (e.headline.series = 'nope')).issues.map((i) => i.field)).toEqual(['headline.series']);
    expect(refused((e) => (e.range.start = '2022-02-30')).issues.map((i) => i.field)).toContain('range.start');
    expect(refused((e) => (e.extra = 1)).issues[0]!.message).toMatch(/extra/);
    expect(() => parseEstimates('est.json', '{"method":')).toThrow(/est\.json: not valid JSON/);
  });

  it('a missing file is no estimate; an unreadable one is bad input', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'df-est-'));
    await expect(readEstimates(join(dir, 'none.json'))).resolves.toBeUndefined();
    await expect(readEstimates(dir)).rejects.toBeInstanceOf(BadInputError);
    writeFileSync(join(dir, 'bad.json'), '{}');
    await expect(readEstimates(join(dir, 'bad.json'))).rejects.toThrow(/bad\.json/);
  });
});

describe('the overview estimate', () => {
  it('rounds to two significant figures, never by more than 5%', () => {
    expect([95_470, 151_230, 68_320, 1_234, 0, 7].map(roundEstimate)).toEqual([95_000, 150_000, 68_000, 1_200, 0, 7]);
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000_000 }), (v) => Math.abs(roundEstimate(v) - v) <= 0.05 * v));
    expect(monthName('2024-06')).toBe('June 2024');
  });

  it('heads the card with the rounded median by the last month, its intervals and what it rests on', () => {
    const h = estimateHeadline(bundleEstimates(posterior(), COMMANDS));
    expect(h.sentence).toBe('≈ 300 went AWOL by April 2022');
    expect(h.interval95).toBe('240 – 420');
    // Intervals are rounded outward (285 down to 280), never inward.
    expect(h.interval50).toBe('280 – 330');
    expect(h.basis).toBe('model calibrated to 3 published figures');
    expect(h.methodHref).toBe('#/methods#method-calibration');
  });

  it('draws the bands of data/estimates.json against the recorded cumulative counts', async () => {
    const est = JSON.parse(readFileSync(ESTIMATES_FILE, 'utf8')) as BundledEstimates;
    const data = { ...(await readDataset()), estimates: est };
    const spec = estimateChart(est, data);
    const pts = est.series[est.headline.series]!.points;
    const series = spec.option.series as Array<{
      type: string;
      name?: string;
      stack?: string;
      data: Array<{ value: [string, number] } | [string, number]>;
    }>;
    const val = (d: { value: [string, number] } | [string, number]) => (Array.isArray(d) ? d : d.value);
    // Stacked bands: lower edge lo95, then the width hi95 − lo95 (and the same for the 50% band).
    const [lo95, w95, lo50, w50, median] = series;
    expect(lo95!.data.map((d) => val(d)[1])).toEqual(pts.map((p) => p.lo95));
    expect(w95!.data.map((d) => val(d)[1])).toEqual(pts.map((p) => p.hi95 - p.lo95));
    expect(lo50!.data.map((d) => val(d)[1])).toEqual(pts.map((p) => p.lo50));
    expect(w50!.data.map((d) => val(d)[1])).toEqual(pts.map((p) => p.hi50 - p.lo50));
    expect(median!.data.map((d) => val(d))).toEqual(pts.map((p) => [p.date, p.median]));
    expect([w95!.name, w50!.name]).toEqual(['AWOL ever (model estimate) 95%', 'AWOL ever (model estimate) 50%']);
    // The bands answer the mouse; the last median's tip states the headline values and the method.
    expect(w95).toMatchObject({ silent: false, triggerEvent: 'area' });
    const tip = (median!.data.at(-1) as unknown as { tip: string }).tip;
    expect(tip).toContain(
      `95% interval ${pts.at(-1)!.lo95.toLocaleString('en-GB')} – ${pts.at(-1)!.hi95.toLocaleString('en-GB')}`,
    );
    expect(tip).toContain('#/methods#method-calibration');
    expect(tip).toContain('not a count');
    // Recorded: cumulative people or cases of the compared series, nationwide, within the estimate's dates.
    const recorded = data.observations.filter(
      (o) =>
        [
          'court.cases_received',
          'court.defendants',
          'court.persons_convicted',
          'ngo.idite_lesom.helped_desert',
          'ua.hochu_zhit.surrenders',
        ].includes(o.seriesId) &&
        o.valueKind === 'cumulative' &&
        o.value > 0 &&
        !o.scope.includes(';') &&
        o.periodEnd >= est.range.start &&
        o.periodEnd <= est.range.end,
    );
    expect(recorded.length).toBeGreaterThan(0);
    expect(spec.points).toEqual({ estimate: pts.length, recorded: recorded.length });
    const scatter = series.filter((s) => s.type === 'scatter');
    expect(scatter.reduce((n, s) => n + s.data.length, 0)).toBe(recorded.length);
    expect(scatter.map((s) => s.name)).toContain('recorded: court cases received');
    // Only people and cases share the axis.
    expect(new Set(recorded.map((o) => o.unit))).toEqual(new Set(['cases', 'persons']));
    expect(spec.rows.filter((r) => r.panel === 'model estimate')).toHaveLength(pts.length);
  });

  it('is the overview’s second chart, in the page, the exports and the report alike', async () => {
    const est = JSON.parse(readFileSync(ESTIMATES_FILE, 'utf8')) as BundledEstimates;
    const d = await readDataset();
    expect(viewContent('overview', d).charts.map((c) => c.id)).toEqual(['overview-recorded']);
    const content = viewContent('overview', { ...d, estimates: est });
    expect(content.charts.map((c) => c.id)).toEqual(['overview-recorded', 'overview-estimate']);
    const spec = { view: 'overview' as const, data: { ...d, estimates: est } };
    const svg = renderChart({ spec, chart: 'overview-estimate', format: 'svg', width: 900, height: 450 }) as string;
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('Estimated against recorded');
    const csv = renderChart({ spec, chart: 'overview-estimate', format: 'csv', width: 900, height: 450 }) as string;
    expect(csv).toContain(`model estimate,AWOL ever (model estimate),${est.headline.date},${est.headline.median}`);
    const html = renderChart({ spec, format: 'html', width: 960, height: 460 }) as string;
    expect(html).toContain(estimateHeadline(est).sentence);
    expect(html).toContain(`95% interval ${estimateHeadline(est).interval95}`);
    expect(html).not.toContain('no estimate yet');
  });
});
