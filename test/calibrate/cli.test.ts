import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = new URL('../../bin/darkfigure.js', import.meta.url).pathname;
const TINY = new URL('../fixtures/calibration/tiny.json', import.meta.url).pathname;

describe('darkfigure calibrate', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [BIN, 'calibrate', ...args], { env, encoding: 'utf8', timeout: 240_000 });
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'df-cal-'));
    env = { ...process.env, DARKFIGURE_DB: join(dir, 'store.db') };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stops at its budget, resumes from the last generation, and ends where an uninterrupted run ends', () => {
    const straight = run('--targets', TINY, '--budget', '30', '--threads', '1', '--out', join(dir, 'a'), '--json');
    expect(straight.status, straight.stderr).toBe(0);
    const full = JSON.parse(straight.stdout);
    expect(full.generations.length).toBeGreaterThanOrEqual(2);
    expect(Object.keys(full.parameters)).toEqual(['hazard.onLeave', 'hazard.hospital', 'capture.pCatch']);
    expect(full.unseen.series.awolEver.length).toBe(full.unseen.months.length);
    expect(full.predictive.map((p: { target: string }) => p.target)).toEqual([
      'cases-2022',
      'cases-2023',
      'ngo-2023-10',
      'suspended-share',
    ]);

    const first = run('--targets', TINY, '--budget', '12', '--threads', '1', '--out', join(dir, 'b'), '--json');
    expect(first.status, first.stderr).toBe(0);
    const before = readFileSync(join(dir, 'b', 'generations.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean).length;
    const resumed = run('--resume', join(dir, 'b'), '--budget', '30', '--threads', '1', '--json');
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain('resuming after generation');
    const after = readFileSync(join(dir, 'b', 'generations.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean).length;
    expect(after).toBeGreaterThan(before);
    expect(JSON.parse(resumed.stdout).parameters).toEqual(full.parameters);
  }, 300_000);

  it('rejects a calibration file with an unknown parameter or statistic before running anything (exit 2)', () => {
    const bad = JSON.parse(readFileSync(TINY, 'utf8'));
    bad.priors[0].name = 'hazard.nonsense';
    bad.targets[0].summary = 'flow:nothing:2022-01-01:2022-12-31';
    const f = join(dir, 'bad.json');
    writeFileSync(f, JSON.stringify(bad));
    const r = run('--targets', f, '--out', join(dir, 'c'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('priors.0');
    expect(r.stderr).toContain('unknown parameter "hazard.nonsense"');
    expect(r.stderr).toContain('targets.0.summary');
  });
});
