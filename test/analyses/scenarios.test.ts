import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bothSides } from './harness.ts';

describe('scenarios: `scenarios --json` is what GET /api/scenarios answers', () => {
  let sides: Awaited<ReturnType<typeof bothSides>>;
  beforeAll(async () => (sides = await bothSides()));
  afterAll(async () => sides.close());

  it('the bundled scenarios with their descriptions, the same list', async () => {
    const cli = await sides.cli(['scenarios', '--json']);
    expect(cli.code).toBe(0);
    const api = (await (await sides.api('/api/scenarios')).json()) as unknown;
    const mine = JSON.parse(cli.out) as { scenarios: Array<{ name: string; description: string }> };
    expect(mine.scenarios.map((s) => s.name)).toContain('baseline');
    expect(mine.scenarios.every((s) => s.description.length > 0)).toBe(true);
    expect(mine).toEqual(api);
  });
});
