import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bothSides, postJson } from './harness.ts';

const KOREA = new URL('../fixtures/reference/mse/korea.json', import.meta.url).pathname;

describe('capture–recapture: `mse --json` is what POST /api/mse answers', () => {
  let sides: Awaited<ReturnType<typeof bothSides>>;
  beforeAll(async () => (sides = await bothSides()));
  afterAll(async () => sides.close());

  const apiAnswer = async (body: Record<string, unknown>) => {
    const r = await sides.api('/api/mse', postJson({ kind: 'upload', ...body }));
    expect(r.status).toBe(200);
    const { id, ...api } = (await r.json()) as { id: string } & Record<string, unknown>;
    expect(id).toMatch(/^mse-/);
    return api;
  };

  it('the same upload gives the same result, field for field (the API adds only the result id)', async () => {
    const cli = await sides.cli(['mse', KOREA, '--json', '--seed', '3']);
    expect(cli.code).toBe(0);
    const api = await apiAnswer({ name: KOREA, text: readFileSync(KOREA, 'utf8'), seed: 3 });
    const mine = JSON.parse(cli.out) as { results: unknown[]; lists: string[]; methodSensitivity: unknown[] };
    expect(mine.results.length).toBeGreaterThan(2);
    expect(mine.lists).toHaveLength(3);
    expect(mine.methodSensitivity).toHaveLength(mine.results.length);
    expect(mine).toEqual(api);
    // The deprecated flag prints the same answer.
    expect(JSON.parse((await sides.cli(['mse', KOREA, '--api-json', '--seed', '3'])).out)).toEqual(api);
  }, 120_000);

  it('merged lists and a linkage threshold sensitivity come out the same on both sides', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mse-json-'));
    const f = join(dir, 'link.json');
    const text = JSON.stringify({
      lists: ['b', 'c', 'd'],
      captureHistories: { '001': 41, '010': 5, '100': 5, '110': 54, '101': 6, '011': 0, '111': 12 },
      thresholdSensitivity: [
        { threshold: 0.8, linkedPeople: 120 },
        { threshold: 0.9, linkedPeople: 110 },
      ],
    });
    writeFileSync(f, text);
    const cli = await sides.cli(['mse', f, '--json', '--merge', 'b+c']);
    expect(cli.code).toBe(0);
    const api = await apiAnswer({ name: f, text, seed: 1, merge: 'b+c' });
    const mine = JSON.parse(cli.out) as Record<string, unknown>;
    expect(mine.lists).toEqual(['b+c', 'd']);
    expect(mine.merged).toEqual([['b', 'c']]);
    expect(mine.sensitivity).toEqual([
      { threshold: 0.8, linkedPeople: 120 },
      { threshold: 0.9, linkedPeople: 110 },
    ]);
    expect(mine).toEqual(api);
  }, 120_000);

  it('CLI-only settings give the same shape with the settings applied; bad input is refused on both sides', async () => {
    const api = await apiAnswer({ name: KOREA, text: readFileSync(KOREA, 'utf8'), seed: 1 });
    const cli = await sides.cli(['mse', KOREA, '--json', '--method', 'dga', '--delta', '0.5']);
    expect(cli.code).toBe(0);
    const mine = JSON.parse(cli.out) as Record<string, unknown> & {
      results: Array<{ method: string; settings: { delta: number } }>;
    };
    expect(Object.keys(mine).sort()).toEqual(Object.keys(api).sort());
    expect(mine.results.map((r) => r.method)).toEqual(['dga']);
    expect(mine.results[0]!.settings.delta).toBe(0.5);
    const bad = await sides.cli(['mse', KOREA, '--json', '--level', '95']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--level/);
    const r = await sides.api(
      '/api/mse',
      postJson({ kind: 'upload', name: 'x.json', text: '{"lists": ["a"], "counts": {}}' }),
    );
    expect(r.status).toBe(400);
  }, 60_000);
});
