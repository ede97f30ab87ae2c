/**
 * Fast start: commands are loaded only when they run, `--help` loads none of them, and the compiled
 * build (scripts/build-cli.mjs → dist/) runs the same commands, its worker threads included.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/commands.ts';
import { invokedCommand } from '../../src/cli/main.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/darkfigure.js');
const dir = mkdtempSync(join(tmpdir(), 'darkfigure-start-'));

/** Run the CLI in a child with a resolve hook that records every module URL it loads. */
function runRecording(
  args: string[],
  env: Record<string, string> = {},
): { status: number | null; stdout: string; modules: string[] } {
  const log = join(dir, `modules-${Math.random().toString(36).slice(2)}.txt`);
  const hooks = join(dir, 'hooks.mjs');
  writeFileSync(
    hooks,
    `import { appendFileSync } from 'node:fs';\nexport async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(${JSON.stringify(log)}, r.url + '\\n'); return r; }\n`,
  );
  const reg = join(dir, 'register.mjs');
  writeFileSync(reg, `import { register } from 'node:module';\nregister(${JSON.stringify(`file://${hooks}`)});\n`);
  const r = spawnSync(process.execPath, ['--import', reg, BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  const modules = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
  return { status: r.status, stdout: r.stdout, modules };
}

describe('commands loaded on demand', () => {
  it('lists every command in the root help with its own description', async () => {
    for (const c of commands) {
      const program = new Command();
      (await c.load()).register(program);
      const sub = program.commands.find((x) => x.name() === c.name);
      expect(sub, c.name).toBeDefined();
      expect(c.summary, c.name).toBe(sub!.description());
    }
  });

  it('finds the command an argument vector runs', () => {
    expect(invokedCommand(['node', 'darkfigure', 'link', '--threshold', '0.8', 'a', 'b'])).toBe('link');
    expect(invokedCommand(['node', 'darkfigure', '--help'])).toBeUndefined();
    expect(invokedCommand(['node', 'darkfigure', 'help', 'encode'])).toBe('encode');
  });

  it('answers --help from the sources without loading a command module, ECharts or the store', () => {
    const r = runRecording(['--help'], { DARKFIGURE_SOURCES: '1' });
    expect(r.status).toBe(0);
    for (const c of commands) expect(r.stdout).toContain(c.name);
    const ours = r.modules.filter((u) => u.includes('/src/'));
    expect(ours.some((u) => u.endsWith('/src/cli/main.ts'))).toBe(true);
    expect(ours.filter((u) => /\/src\/cli\/(?!main|commands)/.test(u))).toEqual([]);
    expect(r.modules.filter((u) => /echarts|kysely|better-sqlite3|\/src\/(report|store|sim)\//.test(u))).toEqual([]);
    // The command that runs is loaded, and not the others.
    const enc = runRecording(['encode', '--help'], { DARKFIGURE_SOURCES: '1' });
    expect(enc.status).toBe(0);
    expect(enc.modules.some((u) => u.endsWith('/src/cli/encode.ts'))).toBe(true);
    expect(enc.modules.some((u) => /\/src\/cli\/(link|report|serve)\.ts$/.test(u))).toBe(false);
  }, 60_000);
});

describe('the compiled build', () => {
  it('builds dist/ mirroring src/, and the CLI runs from it: --help, encode, link on worker threads', () => {
    // Build into the working tree as `npm install` does (dist/ is git-ignored).
    execFileSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs')], { cwd: ROOT, stdio: 'pipe' });
    expect(existsSync(join(ROOT, 'dist/cli/main.js'))).toBe(true);
    expect(existsSync(join(ROOT, 'dist/jobs/worker.mjs'))).toBe(true);
    expect(existsSync(join(ROOT, 'dist/jobs/handlers/linkage-pairs.js'))).toBe(true);
    // DARKFIGURE_SOURCES=0: the build even if a source was saved since (others may be editing).
    const env = { DARKFIGURE_SOURCES: '0' };
    const help = runRecording(['--help'], env);
    expect(help.status).toBe(0);
    expect(help.modules.some((u) => u.endsWith('/dist/cli/main.js'))).toBe(true);
    expect(help.modules.filter((u) => u.includes('/src/'))).toEqual([]);
    expect(help.modules.some((u) => u.includes('tsx'))).toBe(false);

    // encode → link with two worker threads, all from dist/.
    const schema = join(dir, 'schema.json');
    writeFileSync(
      schema,
      readFileSync(new URL('../fixtures/reference/linkage/clkhash/febrl_schema_v3_final.json', import.meta.url)),
    );
    writeFileSync(join(dir, 'secret'), 'a shared secret of the list holders\n');
    const csv = readFileSync(new URL('../fixtures/reference/linkage/febrl/dataset1.csv', import.meta.url), 'utf8')
      .split('\n')
      .slice(0, 401)
      .join('\n');
    writeFileSync(join(dir, 'a.csv'), csv);
    const enc = runRecording(
      ['encode', '--schema', schema, '--secret-file', join(dir, 'secret'), '--skip-initial-space', join(dir, 'a.csv')],
      env,
    );
    expect(enc.status).toBe(0);
    expect(enc.stdout.trim().split('\n')).toHaveLength(400);
    writeFileSync(join(dir, 'a.jsonl'), enc.stdout);
    writeFileSync(join(dir, 'b.jsonl'), enc.stdout);
    const link = runRecording(
      [
        'link',
        join(dir, 'a.jsonl'),
        join(dir, 'b.jsonl'),
        '--threshold',
        '0.9',
        '--threads',
        '2',
        '--sensitivity',
        'off',
        '--json',
      ],
      env,
    );
    expect(link.status).toBe(0);
    const j = JSON.parse(link.stdout);
    // The same 400 records on both lists: everyone is linked to himself (FEBRL 1 has no exact repeats).
    expect(j.captureHistories['11']).toBe(400);
    expect(j.thresholdSensitivity).toEqual([]);
    expect(link.modules.some((u) => u.endsWith('/dist/jobs/handlers/linkage-pairs.js'))).toBe(true);
    expect(link.modules.filter((u) => u.includes('/src/'))).toEqual([]);
  }, 120_000);
});
