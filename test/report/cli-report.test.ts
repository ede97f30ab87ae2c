import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDataset } from '../../src/ingest/bundled.ts';

const BIN = new URL('../../bin/darkfigure.js', import.meta.url).pathname;

describe('darkfigure report', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', timeout: 60_000 });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'df-report-'));
    env = { ...process.env, DARKFIGURE_DB: join(dir, 'r.db') };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the overview as HTML and as PNG, and says what it wrote with --json', async () => {
    const html = join(dir, 'overview.html');
    const r = run('report', '--view', 'overview', '--format', 'html', '--out', html);
    expect(r.status, r.stderr).toBe(0);
    const text = readFileSync(html, 'utf8');
    const data = await readDataset();
    const used = new Set(data.observations.map((o) => o.sourceId));
    // Every source of a plotted figure is cited at the end; at least one bundled source is.
    expect(text).toContain('<h2>Sources cited</h2>');
    expect([...used].some((id) => text.includes(`id="src-${id}"`))).toBe(true);
    const png = join(dir, 'o.png');
    const j = run('report', '--view', 'overview', '--out', png, '--width', '640', '--height', '320', '--json');
    expect(j.status, j.stderr).toBe(0);
    const out = JSON.parse(j.stdout) as {
      format: string;
      bytes: number;
      charts: Array<{ points: Record<string, number> }>;
    };
    expect(out.format).toBe('png');
    const buf = readFileSync(png);
    expect(out.bytes).toBe(buf.length);
    expect([buf.readUInt32BE(16), buf.readUInt32BE(20)]).toEqual([640, 320]);
  }, 180_000);

  it('reports computed views: capture–recapture of the Korea lists, and a tiny scenario ensemble', () => {
    const korea = new URL('../fixtures/reference/mse/korea.json', import.meta.url).pathname;
    const ref = JSON.parse(readFileSync(korea, 'utf8')) as {
      reference: { loglinear_poisson_mle: Array<{ model: string; N: number; BIC: number }> };
    };
    const best = [...ref.reference.loglinear_poisson_mle].sort((a, b) => a.BIC - b.BIC)[0]!;
    const csv = join(dir, 'mse.csv');
    const m = run('report', '--view', 'mse', '--input', korea, '--out', csv);
    expect(m.status, m.stderr).toBe(0);
    const rows = parse(readFileSync(csv, 'utf8'), { columns: true }) as Array<Record<string, string>>;
    const ll = rows.find((r) => r.method === 'loglinear')!;
    expect(ll.model).toBe(best.model);
    expect(Number(ll.estimate)).toBeCloseTo(best.N, 1);
    expect(rows.map((r) => r.method)).toEqual(['loglinear', 'stepwise', 'dga', 'lcmcr']);
    expect(run('report', '--view', 'mse', '--out', csv).status).toBe(2);

    const fan = join(dir, 'fan.csv');
    const s = run(
      'report',
      '--view',
      'scenarios',
      '--scenarios',
      'baseline',
      '--runs',
      '1',
      '--agents',
      '2000',
      '--out',
      fan,
      '--json',
    );
    expect(s.status, s.stderr).toBe(0);
    const months = (2025 - 2022) * 12 + (12 - 2) + 1;
    expect(readFileSync(fan, 'utf8').trim().split(/\r?\n/)).toHaveLength(months + 1);
    expect(
      (JSON.parse(s.stdout) as { charts: Array<{ id: string; points: Record<string, number> }> }).charts[0]!.points,
    ).toEqual({ baseline: months });
  }, 180_000);

  it('reports the court view: without court records, the nowcast of the labelled simulated list, a row per month', () => {
    const csv = join(dir, 'court.csv');
    const r = run('report', '--view', 'court', '--method', 'chainladder', '--chart', 'court-nowcast', '--out', csv);
    expect(r.status, r.stderr).toBe(0);
    const rows = parse(readFileSync(csv, 'utf8'), { columns: true }) as Array<Record<string, string>>;
    // The simulated list runs September 2022 to June 2025.
    expect(rows.map((x) => x.month)).toHaveLength(34);
    expect([rows[0]!.month, rows.at(-1)!.month]).toEqual(['2022-09', '2025-06']);
    expect(rows.every((x) => x.method === 'chainladder' && x.origin === 'simulated')).toBe(true);
    // Old months are complete: the nowcast is what is known.
    expect(Number(rows[0]!.estimate)).toBe(Number(rows[0]!.verdicts_known));
    const bad = run('report', '--view', 'court', '--method', 'nope', '--out', csv);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/unknown nowcast method/);
  }, 180_000);

  it('exits 2 for unknown views, missing inputs and a bad size; --help works', () => {
    // Each run starts the CLI afresh (seconds on a busy machine): a few representative cases.
    const unknown = run('report', '--view', 'nowhere', '--out', join(dir, 'x'));
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown view/);
    const cal = run('report', '--view', 'calibration', '--out', join(dir, 'x'));
    expect(cal.status).toBe(2);
    expect(cal.stderr).toMatch(/needs --input/);
    const series = run('report', '--view', 'series', '--format', 'png', '--out', join(dir, 'x'));
    expect(series.status).toBe(2);
    expect(series.stderr).toMatch(/needs --series/);
    expect(run('report', '--help').status).toBe(0);
  }, 180_000);
});
