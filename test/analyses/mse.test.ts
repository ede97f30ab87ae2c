import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bothSides, postJson } from './harness.ts';

const KOREA = new URL('../fixtures/reference/mse/korea.json', import.meta.url).pathname;

describe('capture–recapture: `mse --api-json` is what POST /api/mse answers', () => {
  let sides: Awaited<ReturnType<typeof bothSides>>;
  beforeAll(async () => (sides = await bothSides()));
  afterAll(async () => sides.close());

  it('the same upload gives the same result, field for field (the API adds only the result id)', async () => {
    const cli = await sides.cli(['mse', KOREA, '--api-json', '--seed', '3']);
    expect(cli.code).toBe(0);
    const r = await sides.api(
      '/api/mse',
      postJson({ kind: 'upload', name: KOREA, text: readFileSync(KOREA, 'utf8'), seed: 3 }),
    );
    expect(r.status).toBe(200);
    const { id, ...api } = (await r.json()) as { id: string } & Record<string, unknown>;
    expect(id).toMatch(/^mse-/);
    const mine = JSON.parse(cli.out) as { results: unknown[]; lists: string[] };
    expect(mine.results.length).toBeGreaterThan(2);
    expect(mine.lists).toHaveLength(3);
    expect(mine).toEqual(api);
  }, 120_000);

  it('bad input is refused on both sides, options the API lacks are refused by the CLI', async () => {
    const cli = await sides.cli(['mse', KOREA, '--api-json', '--method', 'dga']);
    expect(cli.code).toBe(2);
    expect(cli.err).toMatch(/--method/);
    const r = await sides.api(
      '/api/mse',
      postJson({ kind: 'upload', name: 'x.json', text: '{"lists": ["a"], "counts": {}}' }),
    );
    expect(r.status).toBe(400);
  }, 60_000);
});
