import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { SENTENCES } from '../../src/ingest/court/types.ts';
import { CORPUS, corpusLines, expectedCases } from './corpus.ts';

const BIN = new URL('../../bin/darkfigure.js', import.meta.url).pathname;

describe('darkfigure import court / court summary', () => {
  let dir: string;
  const saved = process.env.DARKFIGURE_DB;
  // In-process (a spawned CLI costs seconds of start-up on this shared machine); one real spawn below.
  const run = async (...args: string[]) => {
    let stdout = '';
    let stderr = '';
    const out = vi
      .spyOn(process.stdout, 'write')
      .mockImplementation((c: string | Uint8Array) => ((stdout += String(c)), true));
    const err = vi
      .spyOn(process.stderr, 'write')
      .mockImplementation((c: string | Uint8Array) => ((stderr += String(c)), true));
    try {
      const status = await main(['node', 'darkfigure', ...args]);
      return { status, stdout, stderr };
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'df-court-cli-'));
    process.env.DARKFIGURE_DB = join(dir, 'cli.db');
    writeFileSync(join(dir, 'secret'), 'a cli secret of more than sixteen bytes\n');
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.DARKFIGURE_DB;
    else process.env.DARKFIGURE_DB = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports, re-imports (nothing changes), and summarises as JSON with the issue’s keys', async () => {
    const a = await run(
      'import',
      'court',
      CORPUS,
      '--format',
      'sudrfscraper',
      '--secret-file',
      join(dir, 'secret'),
      '--scraped-at',
      '2025-06-01',
      '--json',
    );
    expect(a.status, a.stderr).toBe(0);
    expect(JSON.parse(a.stdout)).toMatchObject({ inserted: 400, rejected: 0 });
    const b = await run('import', 'court', CORPUS, '--secret-file', join(dir, 'secret'), '--json');
    expect(JSON.parse(b.stdout).files[0].alreadyImported).toBe(true);

    const s = await run('court', 'summary', '--by', 'month,article,sentence,tier,region', '--json');
    expect(s.status, s.stderr).toBe(0);
    const rows = (JSON.parse(s.stdout) as { rows: Array<Record<string, unknown>> }).rows;
    expect(rows.length).toBeGreaterThan(100);
    for (const r of rows) {
      expect(Object.keys(r).sort()).toEqual([
        'article',
        'cases',
        'defendants',
        'month',
        'part',
        'region',
        'sentence',
        'tier',
      ]);
      expect(typeof r.article).toBe('string');
      expect(typeof r.part).toBe('string');
      expect(SENTENCES).toContain(r.sentence);
    }
    const total = await run('court', 'summary', '--json');
    expect(JSON.parse(total.stdout)).toEqual({
      rows: [{ cases: 400, defendants: expectedCases().reduce((n, e) => n + e.defendants.length, 0) }],
    });
    expect((await run('court', 'summary', '--by', 'tier')).stdout).toMatch(/garrison/);
    const lines = await run('court', 'lines', '--json');
    expect((JSON.parse(lines.stdout) as { cases: unknown[] }).cases.length).toBe(400);
  });

  it('exits 2 on bad input, naming the line; skip mode writes rejects; --help everywhere', async () => {
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(
      bad,
      [corpusLines()[0], '{"name": "Южный окружной военный суд", "entryDate": "01.01.2024"}'].join('\n'),
    );
    const r = await run('import', 'court', bad);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('line 2, field "caseNumber"');
    const s = await run('import', 'court', bad, '--on-error', 'skip', '--json');
    expect(s.status, s.stderr).toBe(0);
    expect(JSON.parse(s.stdout)).toMatchObject({ rejected: 1 });
    expect((await run('court', 'summary', '--by', 'colour')).status).toBe(2);
    expect((await run('import', 'court', bad, '--format', 'xml')).status).toBe(2);
    expect((await run('import', 'court', bad, '--format', 'csv')).status).toBe(2);
    for (const args of [
      ['court', 'summary', '--help'],
      ['court', 'lines', '--help'],
    ])
      expect((await run(...args)).status).toBe(0);
    // The real entry point, once; the secret is read from a file only, no flag takes it on the command line.
    const help = spawnSync(process.execPath, [BIN, 'import', 'court', '--help'], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--secret-file');
    expect(help.stdout).not.toMatch(/--secret\s/);
  }, 180_000);
});
