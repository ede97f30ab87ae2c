import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';
import { Rng } from '../../src/linkage/prng.ts';

const dir = mkdtempSync(join(tmpdir(), 'darkfigure-sensitivity-'));
const rng = new Rng(42);
const clk = () => Uint8Array.from({ length: 128 }, () => rng.nextU32() & 0xff);
// 30 people on both lists (a few bits flipped on the second), 20 more on each list alone.
const people = Array.from({ length: 30 }, clk);
const a = [...people, ...Array.from({ length: 20 }, clk)];
const b = [...people.map((c) => c.map((x) => x ^ (rng.chance(0.05) ? 1 : 0))), ...Array.from({ length: 20 }, clk)];
const write = (name: string, clks: Uint8Array[]) => {
  const f = join(dir, name);
  writeFileSync(f, clks.map((c) => `${JSON.stringify(Buffer.from(c).toString('base64'))}\n`).join(''));
  return f;
};
const A = write('a.jsonl', a);
const B = write('b.jsonl', b);

describe('darkfigure link --sensitivity', () => {
  it('takes the grid from:to:step (the threshold always a row), or none with off', async () => {
    const r = await runCli(['link', A, B, '--threshold', '0.85', '--sensitivity', '0.7:0.9:0.1', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.captureHistories).toEqual({ '11': 30, '10': 20, '01': 20 });
    expect(j.thresholdSensitivity.map((s: { threshold: number }) => s.threshold)).toEqual([0.7, 0.8, 0.85, 0.9]);
    expect(j.thresholdSensitivity.find((s: { threshold: number }) => s.threshold === 0.85).linkedPeople).toBe(30);
    const off = await runCli(['link', A, B, '--threshold', '0.85', '--sensitivity', 'off', '--json']);
    expect(JSON.parse(off.out).thresholdSensitivity).toEqual([]);
    expect(JSON.parse(off.out).captureHistories).toEqual(j.captureHistories);
  });

  it('refuses a malformed grid with exit 2, naming the flag, printing nothing', async () => {
    for (const bad of ['0.9:0.7:0.1', '0.7:0.9', '0:0.9:0.1', '0.7:0.9:0', 'x:y:z', '0.1:1:0.00001']) {
      const r = await runCli(['link', A, B, '--threshold', '0.85', '--sensitivity', bad]);
      expect(r.code, bad).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toContain('--sensitivity');
    }
  });
});
