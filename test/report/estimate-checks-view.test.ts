import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CalibrationResult } from '../../src/calibrate/run.ts';
import { readDataset } from '../../src/ingest/bundled.ts';
import { contentOf } from '../../src/report/content.ts';
import { parseEstimates } from '../../src/report/estimate-file.ts';
import { reportHtml } from '../../src/report/html-report.ts';
import { escapeHtml } from '../../src/report/text.ts';
import {
  checksTables,
  forceLine,
  formatBand,
  formatChange,
  formatInterval,
  formatObserved,
  formatSig,
  outOfSampleTable,
  priorOnlyLine,
  priorOnlyTable,
  priorPosteriorTable,
  roundDown,
  roundNear,
  roundUp,
  sensitivityTable,
  shiftVerdict,
} from '../../src/report/estimate-checks-view.ts';
import { estimateHeadline } from '../../src/report/estimate-overview.ts';
import type { BundledEstimates } from '../../src/report/estimate-schema.ts';

const FIXTURE = fileURLToPath(new URL('../fixtures/estimates/with-checks.json', import.meta.url));
const load = (): BundledEstimates => parseEstimates(FIXTURE, readFileSync(FIXTURE, 'utf8'));
/** "87,000 – 170,000" back to numbers. */
const bounds = (s: string) => s.split(' – ').map((x) => Number(x.replace(/,/g, '')));

describe('rounding a model interval outward', () => {
  it('rounds the lower end down and the upper end up, to two significant figures', () => {
    expect(formatInterval(69_570, 123_030)).toBe('69,000 – 130,000');
    expect(formatInterval(87_616, 163_392)).toBe('87,000 – 170,000');
    // Already on the grid: unchanged (0.29 / 0.01 is 28.999… in floating point).
    expect([roundDown(0.29), roundUp(0.29), roundDown(130_000), roundUp(130_000)]).toEqual([
      0.29, 0.29, 130_000, 130_000,
    ]);
    expect(formatInterval(0.0031, 0.00912)).toBe('0.0031 – 0.0092');
    expect(formatInterval(0.00000712, 0.0000671)).toBe('0.0000071 – 0.000068');
    expect(formatBand({ median: 127_300, lo95: 86_500, hi95: 191_200 })).toBe('≈ 130,000 (86,000 – 200,000)');
  });

  it('never narrows an interval, and moves an end by at most one step of the second digit', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-7, max: 1e8, noNaN: true }), (v) => {
        const lo = roundDown(v);
        const hi = roundUp(v);
        expect(lo).toBeLessThanOrEqual(v * (1 + 1e-12));
        expect(hi).toBeGreaterThanOrEqual(v * (1 - 1e-12));
        expect(hi - lo).toBeLessThanOrEqual(0.1 * v + 1e-12 * v);
        expect(Math.abs(roundNear(v) - v)).toBeLessThanOrEqual(0.05 * v + 1e-12 * v);
      }),
    );
  });

  it('writes counts with separators and small shares without float noise', () => {
    expect(formatSig(130_000)).toBe('130,000');
    expect(formatSig(roundNear(0.046_1))).toBe('0.046');
    expect(formatSig(roundUp(1_380))).toBe('1,400');
    expect(formatChange(-0.2149)).toBe('−21%');
    expect(formatChange(0.072)).toBe('+7%');
    expect(formatChange(0.004)).toBe('0%');
  });

  it('quotes a published figure as published, open ends in words', () => {
    expect(formatObserved({ value: 20_538, lo: 20_538, hi: 20_538 })).toBe('20,538');
    expect(formatObserved({ value: 49_500, lo: 40_000, hi: 55_000 })).toBe('49,500 (40,000 – 55,000)');
    expect(formatObserved({ value: 3_000, lo: 3_000, hi: null })).toBe('at least 3,000');
    expect(formatObserved({ value: 577, lo: null, hi: null })).toBe('577');
  });
});

describe('how much the data moved a parameter, in words', () => {
  const prior = { low: 0.001, high: 0.016, median: 0.004, lo95: 0.00107, hi95: 0.0149 };
  it('says "data moved it" when the posterior is under half the prior width, or its median left the middle', () => {
    expect(
      shiftVerdict({ scale: 'log', prior, posterior: { median: 0.004, lo95: 0.003, hi95: 0.006 }, widthRatio: 0.26 })
        .words,
    ).toBe('data moved it');
    // As wide as the prior but far off its median: moved.
    expect(
      shiftVerdict({ scale: 'log', prior, posterior: { median: 0.011, lo95: 0.0011, hi95: 0.0149 }, widthRatio: 0.95 })
        .verdict,
    ).toBe('moved');
  });
  it('says "stays near its prior" when width and median barely changed, "a little" in between', () => {
    expect(
      shiftVerdict({ scale: 'log', prior, posterior: { median: 0.0041, lo95: 0.0011, hi95: 0.0145 }, widthRatio: 0.97 })
        .words,
    ).toBe('stays near its prior');
    expect(
      shiftVerdict({
        scale: 'linear',
        prior: { low: 0.4, high: 0.8, median: 0.6, lo95: 0.41, hi95: 0.79 },
        posterior: { median: 0.61, lo95: 0.47, hi95: 0.74 },
        widthRatio: 0.71,
      }).words,
    ).toBe('data moved it a little');
  });
});

describe("the bundled fit's checks as tables", () => {
  const est = load();
  const c = est.checks!;

  it('lists every parameter, the force included, with its prior, posterior, ratio, words and evidence', () => {
    const t = priorPosteriorTable(c);
    expect(t.id).toBe('cal-prior-posterior');
    expect(t.rows.map((r) => r.data.param)).toEqual(c.priorPosterior.map((p) => p.name));
    expect(t.rows.map((r) => r.data.param)).toContain('force.scale');
    const onLeave = t.rows.find((r) => r.data.param === 'hazard.onLeave')!;
    expect(onLeave.cells[1]).toBe('0.001 – 0.016 (log)');
    expect(onLeave.cells[3]).toBe('0.0052');
    expect(onLeave.cells[4]).toBe('0.0031 – 0.0091');
    expect(onLeave.cells[5]).toBe('0.41');
    expect(onLeave.cells[6]).toBe('data moved it');
    expect(onLeave.data.verdict).toBe('moved');
    expect(onLeave.cells[7]).toContain('docs/model.md');
    for (const r of t.rows) expect(r.cells).toHaveLength(t.columns.length);
  });

  it("gives the headline under the prior alone against the fitted one, and the card's line", () => {
    const t = priorOnlyTable(est, c);
    expect(t.rows.map((r) => r.cells.slice(1))).toEqual([
      ['130,000', '86,000 – 200,000'],
      ['120,000', '87,000 – 170,000'],
    ]);
    expect(priorOnlyLine(est, c)).toBe(
      'Prior alone, before any figure: ≈ 130,000 (86,000 – 200,000); the data moved the median −7%.',
    );
  });

  it('rounds every sensitivity interval outward and states each change against the fit', () => {
    const t = sensitivityTable(c);
    expect(t.rows).toHaveLength(c.sensitivity.rows.length);
    c.sensitivity.rows.forEach((r, i) => {
      const [lo, hi] = bounds(t.rows[i]!.cells[2]!);
      expect(lo).toBeLessThanOrEqual(r.headline.lo95);
      expect(hi).toBeGreaterThanOrEqual(r.headline.hi95);
      expect(t.rows[i]!.data).toMatchObject({ row: r.id, kind: r.kind });
    });
    expect(t.rows.find((r) => r.data.row === 'baseline')!.cells[3]).toBe('—');
    expect(t.rows.find((r) => r.data.row === 'drop-wanted-2024')!.cells[3]).toBe('−21%');
    expect(t.rows.find((r) => r.data.kind === 'force-low')!.cells[3]).toBe('−18%');
  });

  it('marks each later figure inside or outside the predicted 95%, with the reason when outside', () => {
    const t = outOfSampleTable(c);
    expect(t.title).toContain('30 June 2024');
    expect(t.intro).toContain('2 of 3 fall inside');
    const wanted = t.rows.find((r) => r.data.check === 'wanted-2024')!;
    expect(wanted.data.inside).toBe('false');
    expect(wanted.cells.slice(2)).toEqual([
      '49,500 (40,000 – 55,000)',
      '9,900',
      '6,500 – 16,000',
      '✗ outside',
      c.outOfSample.rows[1]!.reason,
    ]);
    expect(t.rows.find((r) => r.data.check === 'cases-since-mob-2025-05')!.cells.slice(5)).toEqual(['✓ inside', '']);
  });

  it('gives all eight tables in order, each with a stable id', () => {
    expect(checksTables(est).map((t) => t.id)).toEqual([
      'cal-mc-error',
      'cal-prior-posterior',
      'cal-prior-only',
      'cal-sensitivity',
      'cal-out-of-sample',
      'cal-predictive',
      'cal-force',
      'cal-double-use',
    ]);
    expect(checksTables(est).at(-1)!.rows[0]!.cells[0]).toBe(c.doubleUse[0]);
    const mc = checksTables(est)[0]!;
    expect(mc.intro).toContain('500 particles');
    expect(mc.intro).toContain('±1,400');
    expect(mc.rows.map((r) => r.data.seed)).toEqual(['1', '2', '3', '4']);
    // Replicates differ by a few per cent: three significant figures, so that the table shows it.
    expect(mc.rows.map((r) => r.cells[1])).toEqual(['118,000', '122,000', '115,000', '120,000']);
    expect(mc.rows[0]!.cells[2]).toBe('87,600 – 164,000');
    expect(mc.intro).toContain('Replicate medians run from 115,000 to 122,000.');
    // The file's phrases become sentences: "the 95% bounds …" starts with a capital.
    expect(mc.intro).toMatch(/ The 95% bounds were widened by 1\.96 times the Monte Carlo standard error\.$/);
    expect(checksTables({ ...est, checks: undefined })).toEqual([]);
  });
});

describe('the overview card with and without the checks', () => {
  const est = load();
  it('states the force as a range, the prior-only line and links to the checks when the file has them', () => {
    const e = estimateHeadline(est);
    expect(e.sentence).toBe('≈ 120,000 went AWOL by May 2025');
    expect(e.interval95).toBe('87,000 – 170,000');
    expect(e.interval50).toBe('100,000 – 140,000');
    expect(e.force).toBe(forceLine(est.checks!));
    expect(e.force).toMatch(/^Assumes a force of [\d,]+ – [\d,]+ serving in May 2025/);
    expect(e.force).not.toContain(est.settings.force.toLocaleString('en-US'));
    expect(e.priorOnly).toContain('Prior alone');
    expect(e.checkLinks!.map((l) => l.href)).toContain('#/calibration#cal-out-of-sample');
    // One line: the asides in brackets stay in the full definition.
    expect(e.definition).toBe(
      'AWOL ever: soldiers who left their unit without authorisation at least once, whether or not any court, NGO or list recorded them.',
    );
    expect(e.definitionFull).toContain('(absent without leave');
  });
  it("keeps today's fixed-force wording when the file has no checks", () => {
    const e = estimateHeadline({ ...est, checks: undefined });
    expect(e.force).toContain(est.settings.force.toLocaleString('en-US'));
    expect(e.priorOnly).toBeUndefined();
    expect(e.checkLinks).toBeUndefined();
  });
});

describe('the calibration report with the bundled fit', () => {
  const q = (median: number) => ({
    q025: median * 0.7,
    q05: median * 0.75,
    q25: median * 0.9,
    median,
    q75: median * 1.1,
    q95: median * 1.3,
    q975: median * 1.4,
  });
  /** A small finished calibration (one month): the report's charts; the tables come from the bundled file. */
  const result = {
    method: 'abc-smc',
    settings: {
      agents: 10_000,
      force: 300_000,
      start: '2022-02-24',
      end: '2022-03-31',
      populationSize: 20,
      budget: 100,
      seed: 3,
      alpha: 0.5,
    },
    priors: [],
    targets: [],
    posteriorGeneration: 0,
    generations: [
      { index: 0, epsilon: Infinity, simulations: 20, totalSimulations: 20, acceptanceRate: 1, ess: 20, particles: 20 },
    ],
    parameters: {},
    unseen: { months: ['2022-03'], series: { awolEver: [q(100)] } },
    predictive: [],
    warnings: [],
  } as unknown as CalibrationResult;

  it('draws the same tables as the page after the charts, and none when the file has no checks', async () => {
    const est = load();
    const data = { ...(await readDataset()), estimates: est };
    const html = reportHtml(contentOf({ view: 'calibration', data, result }), data);
    for (const t of checksTables(est)) {
      expect(html).toContain(`<h2 id="${t.id}">`);
      for (const r of t.rows) expect(html).toContain(`<td>${escapeHtml(r.cells[0]!)}</td>`);
    }
    expect(html).toContain('<td>✗ outside</td>');
    const plain = reportHtml(
      contentOf({ view: 'calibration', data: { ...data, estimates: { ...est, checks: undefined } }, result }),
      data,
    );
    expect(plain).not.toContain('cal-prior-posterior');
  });
});
