import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCalibrationConfig } from '../../src/calibrate/config.ts';
import { summaryDate } from '../../src/calibrate/estimate-checks.ts';
import { readEstimates } from '../../src/report/estimate-file.ts';

// What issue #20 asks of the bundled fit, read from data/estimates.json as shipped.
const cfgFile = new URL('../../calibration/default.json', import.meta.url).pathname;
const cfg = parseCalibrationConfig(cfgFile, JSON.parse(readFileSync(cfgFile, 'utf8')));

describe('the bundled estimate earns its interval', async () => {
  const e = (await readEstimates())!;
  const c = e.checks!;

  it('carries every check', () => {
    expect(c).toBeDefined();
    for (const k of [
      'priorOnly',
      'priorPosterior',
      'force',
      'monteCarlo',
      'sensitivity',
      'predictive',
      'outOfSample',
    ] as const)
      expect(c[k], k).toBeDefined();
  });

  it('rests on at least 500 particles and replicate seeds whose headlines its interval contains', () => {
    expect(e.settings.populationSize).toBeGreaterThanOrEqual(500);
    expect(c.monteCarlo.particles).toBeGreaterThanOrEqual(500);
    expect(c.monteCarlo.replicates.length).toBeGreaterThanOrEqual(2);
    expect(new Set(c.monteCarlo.replicates.map((r) => r.seed)).size).toBe(c.monteCarlo.replicates.length);
    for (const r of c.monteCarlo.replicates) {
      expect(r.median).toBeGreaterThanOrEqual(e.headline.lo95);
      expect(r.median).toBeLessThanOrEqual(e.headline.hi95);
    }
    expect(c.monteCarlo.seMedian).toBeGreaterThan(0);
    // Rounded outward: the published ends are whole thousands.
    expect(e.headline.lo95 % 1000).toBe(0);
    expect(e.headline.hi95 % 1000).toBe(0);
  });

  it("is fitted through the newest target and says so: the headline month is the newest target's", () => {
    const newest = e.inputs.targets
      .map((t) => summaryDate(t.summary))
      .sort()
      .at(-1)!;
    expect(e.headline.month).toBe(newest.slice(0, 7));
    expect(newest >= '2025-01-01').toBe(true);
  });

  it('shows prior against posterior for every fitted parameter, with the evidence for each prior', () => {
    expect(c.priorPosterior.map((p) => p.name).sort()).toEqual(cfg.priors.map((p) => p.name).sort());
    for (const p of c.priorPosterior) expect(p.evidence).not.toBe('not stated');
    expect(c.priorPosterior.some((p) => p.name === 'obs.force2023')).toBe(true);
  });

  it('has a sensitivity row for each prior shifted and widened, the force low and high, and each target dropped', () => {
    const rows = c.sensitivity.rows;
    for (const p of cfg.priors) {
      const kinds = rows
        .filter((r) => r.parameter === p.name)
        .map((r) => r.kind)
        .sort();
      expect(kinds.length, p.name).toBe(3);
      expect(kinds).toContain('prior-widen');
    }
    expect(rows.some((r) => r.kind === 'force-low')).toBe(true);
    expect(rows.some((r) => r.kind === 'force-high')).toBe(true);
    expect(
      rows
        .filter((r) => r.kind === 'drop-target')
        .map((r) => r.target)
        .sort(),
    ).toEqual(cfg.targets.map((t) => t.id).sort());
  });

  it('predicts every later figure out of sample, or says why it misses', () => {
    expect(c.outOfSample.rows.length).toBeGreaterThan(0);
    for (const r of c.outOfSample.rows) {
      expect(r.date > c.outOfSample.fitThrough).toBe(true);
      if (!r.inside) expect(r.reason, r.id).toMatch(/predictive 95%/);
    }
    for (const r of c.predictive.rows) if (!r.inside) expect(r.reason, r.id).toBeTruthy();
  });
});
