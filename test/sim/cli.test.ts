import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/darkfigure.js', import.meta.url));
const cli = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

describe('simulate and scenarios commands', () => {
  it('a bad scenario file is rejected before anything runs, with exit code 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'df-sim-'));
    const f = join(dir, 'bad.json');
    writeFileSync(
      f,
      JSON.stringify({
        name: 'bad',
        description: 'x',
        params: { 'rotation.every': 3 },
        interventions: [{ date: '2030-01-01', params: {} }],
      }),
    );
    const r = cli('simulate', '--scenario', f, '--agents', '1000', '--json');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown parameter "rotation.every"');
    expect(r.stderr).toContain('outside the run');
    expect(r.stdout).toBe('');
  });

  it('runs a small simulation with the --json shape', () => {
    const r = cli('simulate', '--agents', '1500', '--end', '2022-08-31', '--json', '--seed', '3');
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.scenario).toBe('baseline');
    expect(j.seed).toBe(3);
    expect(j.runs).toBe(1);
    expect(j.totals.strength).toBeGreaterThan(0);
    expect(j.series['courts.casesReceived'].months[0]).toBe('2022-02');
  });
});
