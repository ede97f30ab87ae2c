import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDataset } from '../../src/ingest/bundled.ts';

const BIN = new URL('../../bin/darkfigure.js', import.meta.url).pathname;

describe('darkfigure CLI (series, import) on the bundled data', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', timeout: 60_000 });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'df-cli-'));
    env = { ...process.env, DARKFIGURE_DB: join(dir, 'cli.db') };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists every bundled series with its row count', async () => {
    const data = await readDataset();
    const r = run('series', '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { series: Array<{ id: string; observations: number }> };
    expect(out.series.length).toBe(data.series.length);
    const total = out.series.reduce((s, x) => s + x.observations, 0);
    expect(total).toBe(data.observations.length);
  });

  it('shows one series with citations, and exits 2 for an unknown one', async () => {
    const data = await readDataset();
    const id = data.observations[0]!.seriesId;
    const r = run('series', id, '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { observations: unknown[]; sources: Array<{ id: string }> };
    expect(out.observations.length).toBe(data.observations.filter((o) => o.seriesId === id).length);
    expect(out.sources.length).toBeGreaterThan(0);
    const bad = run('series', 'no.such.series');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/unknown series/);
  });

  it('imports a file (exit 0), refuses a bad one with every problem (exit 2), and --help works everywhere', async () => {
    const data = await readDataset();
    const s = data.series[0]!;
    const src = data.sources[0]!;
    const ok = join(dir, 'ok.csv');
    writeFileSync(
      ok,
      `id,series_id,source_id,scope,period_end,value_kind,value,unit\ncli-1,${s.id},${src.id},test,2024-01-31,interval_count,7,${s.unit}\n`,
    );
    expect(run('import', 'observations', ok).status).toBe(0);
    const again = run('import', 'observations', ok, '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ inserted: 0, unchanged: 1 });
    const bad = join(dir, 'bad.csv');
    writeFileSync(
      bad,
      `id,series_id,source_id,scope,period_end,value_kind,value,unit\nb-1,${s.id},${src.id},test,2024-01-31,interval_count,x,${s.unit}\nb-2,${s.id},${src.id},test,2024-01-32,interval_count,1,${s.unit}\n`,
    );
    const r = run('import', 'observations', bad);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('line 2, field "value"');
    expect(r.stderr).toContain('line 3, field "period_end"');
  }, 120_000);

  it('answers --help on every command with exit 0, and an unknown command with 2', async () => {
    const { buildProgram, loadCommands, main } = await import('../../src/cli/main.ts');
    const out: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    const errWrite = process.stderr.write.bind(process.stderr);
    process.stdout.write = ((s: string) => (out.push(String(s)), true)) as typeof process.stdout.write;
    process.stderr.write = ((s: string) => (out.push(String(s)), true)) as typeof process.stderr.write;
    try {
      const paths: string[][] = [[]];
      const walk = (c: ReturnType<typeof buildProgram>, path: string[]) =>
        c.commands.forEach((sub) => {
          paths.push([...path, sub.name()]);
          walk(sub, [...path, sub.name()]);
        });
      walk(buildProgram(await loadCommands()), []);
      for (const p of paths) expect(await main(['node', 'darkfigure', ...p, '--help']), p.join(' ')).toBe(0);
      expect(await main(['node', 'darkfigure', 'no-such-command'])).toBe(2);
    } finally {
      process.stdout.write = write;
      process.stderr.write = errWrite;
    }
    expect(out.join('')).toContain('Usage: darkfigure');
  });
});
