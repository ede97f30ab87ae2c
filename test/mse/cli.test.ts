import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../support/run-cli.ts';
import { referenceData } from './paths.ts';

const run = runCli;

afterEach(() => vi.restoreAllMocks());

describe('darkfigure mse', () => {
  it('--json on Korea with --method loglinear gives the selected model and all ranked models', async () => {
    const { code, out } = await run([
      'mse',
      fileURLToPath(referenceData('mse/korea.json')),
      '--method',
      'loglinear',
      '--json',
    ]);
    expect(code).toBe(0);
    const j = JSON.parse(out);
    expect(j.lists).toEqual(['b', 'c', 'd']);
    expect(j.observed).toBe(123);
    expect(j.results).toHaveLength(1);
    const r = j.results[0];
    expect(Object.keys(r).sort()).toEqual([
      'diagnostics',
      'estimate',
      'interval',
      'level',
      'method',
      'model',
      'settings',
      'warnings',
    ]);
    expect(r.method).toBe('loglinear');
    expect(r.model).toBe('[12,23]');
    expect(r.estimate).toBeCloseTo(157.1667, 3);
    expect(r.level).toBe(0.95);
    expect(r.diagnostics.ranked).toHaveLength(6);
    expect(r.diagnostics.rejected.map((x: { model: string }) => x.model).sort()).toEqual(['[12,13,23]', '[12,13]']);
  });
  it('--model fits one named model with its profile interval; a non-existent model is refused', async () => {
    const korea = fileURLToPath(referenceData('mse/korea.json'));
    const ok = await run(['mse', korea, '--method', 'loglinear', '--model', '[12,3]', '--json']);
    const r = JSON.parse(ok.out).results[0];
    expect(r.estimate).toBeCloseTo(268.7778, 3);
    expect(r.interval).toEqual(r.diagnostics.profileInterval);
    const bad = await run(['mse', korea, '--method', 'loglinear', '--model', '[12,13]', '--json']);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.out).results).toEqual([]);
    expect(JSON.parse(bad.out).failures[0].error).toMatch(/does not exist/);
  });
  it('method settings from the command line reach the estimators and are recorded; bad values are refused', async () => {
    const korea = fileURLToPath(referenceData('mse/korea.json'));
    const dga = JSON.parse(
      (await run(['mse', korea, '--method', 'dga', '--delta', '0.5', '--prior', 'uniform', '--level', '0.9', '--json']))
        .out,
    ).results[0];
    expect(dga.level).toBe(0.9);
    expect(dga.settings.delta).toBe(0.5);
    expect(dga.settings.prior).toEqual({ type: 'uniform' });
    const base = JSON.parse((await run(['mse', korea, '--method', 'dga', '--json'])).out).results[0];
    // A larger δ and a flat prior move the answer: the option is not ignored.
    expect(dga.estimate).not.toBeCloseTo(base.estimate, 1);
    const lc = JSON.parse(
      (
        await run([
          'mse',
          korea,
          '--method',
          'lcmcr',
          '--classes',
          '3',
          '--chains',
          '2',
          '--samples',
          '200',
          '--alpha-prior',
          '1,1',
          '--json',
        ])
      ).out,
    ).results[0];
    expect(lc.settings).toMatchObject({ K: 3, chains: 2, samples: 200, alphaPrior: [1, 1] });
    for (const [flag, value] of [
      ['--classes', '0'],
      ['--chains', 'x'],
      ['--alpha-prior', '1'],
      ['--prior', 'negbin:1'],
      ['--level', '95'],
      ['--delta', '-1'],
    ] as const) {
      const bad = await run(['mse', korea, '--method', 'all', flag, value]);
      expect(bad.code, `${flag} ${value}`).toBe(2);
      expect(bad.err).toContain(flag);
    }
  });
  it('two lists with --method chapman', async () => {
    const { code, out } = await run([
      'mse',
      fileURLToPath(referenceData('mse/two-list.json')),
      '--method',
      'chapman',
      '--json',
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(out).results[0].estimate).toBeCloseTo(2382.8, 1);
  });
  it('a CSV with strata gives per-stratum and total results', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mse-'));
    const f = join(dir, 'r.csv');
    const rows = ['a,b,region'];
    for (let i = 0; i < 60; i++) rows.push(`1,0,${i % 2 ? 'n' : 's'}`);
    for (let i = 0; i < 40; i++) rows.push(`0,1,${i % 2 ? 'n' : 's'}`);
    for (let i = 0; i < 20; i++) rows.push(`1,1,${i % 2 ? 'n' : 's'}`);
    writeFileSync(f, rows.join('\n'));
    const { code, out } = await run(['mse', f, '--method', 'lincoln', '--strata', 'region', '--json']);
    expect(code).toBe(0);
    const j = JSON.parse(out);
    expect(j.results[0].estimate).toBeCloseTo((80 * 60) / 20, 6);
    expect(j.strata.map((s: { stratum: { region: string } }) => s.stratum.region).sort()).toEqual(['n', 's']);
    expect(j.strata[0].results[0].estimate).toBeCloseTo((40 * 30) / 10, 6);
    // Each stratum is the same answer as the total, with its stratum.
    for (const st of j.strata)
      expect(Object.keys(st).sort()).toEqual([...Object.keys(j).filter((k) => k !== 'strata'), 'stratum'].sort());
    expect(j.strata[0].name).toMatch(/: region=[ns]$/);
  });
  it('bad input exits with code 2 and names the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mse-'));
    const f = join(dir, 'bad.json');
    writeFileSync(f, '{"lists":["a","b","c"],"counts":{"101":3,"11":2}}');
    const { code, err } = await run(['mse', f]);
    expect(code).toBe(2);
    expect(err).toMatch(/counts\.11/);
    expect((await run(['mse', f, '--method', 'nope'])).code).toBe(2);
  });
  it('--merge counts two lists as one, per stratum and in total, and records it; a bad merge exits 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mse-'));
    const f = join(dir, 'r.csv');
    const rows = ['court,ngo,wanted,region'];
    const add = (n: number, row: string) => {
      for (let i = 0; i < n; i++) rows.push(`${row},${i % 2 ? 'n' : 's'}`);
    };
    add(30, '1,0,0');
    add(20, '0,0,1');
    add(10, '1,0,1');
    add(40, '0,1,0');
    add(20, '1,1,0');
    add(4, '0,1,1');
    writeFileSync(f, rows.join('\n'));
    const { code, out } = await run([
      'mse',
      f,
      '--method',
      'chapman',
      '--merge',
      'court+wanted',
      '--strata',
      'region',
      '--json',
    ]);
    expect(code).toBe(0);
    const j = JSON.parse(out);
    expect(j.merged).toEqual([['court', 'wanted']]);
    expect(j.lists).toEqual(['court+wanted', 'ngo']);
    // court or wanted: 84; ngo: 64; both: 24.
    expect(j.results[0].estimate).toBeCloseTo((85 * 65) / 25 - 1, 6);
    expect(j.strata.every((s: { lists: string[] }) => s.lists.join() === 'court+wanted,ngo')).toBe(true);
    const bad = await run(['mse', f, '--strata', 'region', '--merge', 'court+police']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--merge.*no list named "police"/);
    expect((await run(['mse', f, '--strata', 'region', '--merge', 'court+'])).code).toBe(2);
  });
});
