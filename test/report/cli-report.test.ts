import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDataset } from '../../src/ingest/bundled.ts';

const BIN = new URL('../../bin/darkfigure.js', import.meta.url).pathname;

describe('darkfigure report', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', timeout: 60_000 });

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
    const out = JSON.parse(j.stdout) as { format: string; bytes: number; charts: Array<{ points: Record<string, number> }> };
    expect(out.format).toBe('png');
    const buf = readFileSync(png);
    expect(out.bytes).toBe(buf.length);
    expect([buf.readUInt32BE(16), buf.readUInt32BE(20)]).toEqual([640, 320]);
  }, 180_000);

  it('exits 2 for views whose estimators are not in yet, unknown views, and a bad size; --help works', () => {
    // Each run starts the CLI afresh (seconds on a busy machine): a few representative cases.
    const coming = run('report', '--view', 'scenarios', '--out', join(dir, 'x'));
    expect(coming.status).toBe(2);
    expect(coming.stderr).toMatch(/not available yet/);
    const series = run('report', '--view', 'series', '--format', 'png', '--out', join(dir, 'x'));
    expect(series.status).toBe(2);
    expect(series.stderr).toMatch(/needs --series/);
    expect(run('report', '--help').status).toBe(0);
  }, 180_000);
});
