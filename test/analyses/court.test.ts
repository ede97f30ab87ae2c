import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bothSides } from './harness.ts';

describe('court summary: `court nowcast --json` is what GET /api/court answers', () => {
  let sides: Awaited<ReturnType<typeof bothSides>>;
  beforeAll(async () => (sides = await bothSides()));
  afterAll(async () => sides.close());

  it('a store without court records: the labelled simulated list, the same view on both sides', async () => {
    for (const method of ['chainladder', 'baseline']) {
      const cli = await sides.cli(['court', 'nowcast', '--method', method, '--json']);
      expect(cli.code).toBe(0);
      const r = await sides.api(`/api/court?method=${method}`);
      expect(r.status).toBe(200);
      const api = (await r.json()) as unknown;
      const mine = JSON.parse(cli.out) as {
        origin: string;
        nowcast: { method: string; periods: unknown[] };
        published?: Array<{ projection: { periods: unknown[] } }>;
      };
      expect(mine.origin).toBe('simulated');
      expect(mine.nowcast.method).toBe(method);
      expect(mine.nowcast.periods.length).toBeGreaterThan(12);
      // Both read the bundled figures, so both carry the published series' nowcast.
      expect(mine.published?.[0]?.projection.periods.length).toBeGreaterThan(0);
      expect(mine).toEqual(api);
    }
  }, 120_000);

  it('an unknown method is bad input (exit 2), as the API answers 400', async () => {
    expect((await sides.cli(['court', 'nowcast', '--method', 'magic', '--json'])).code).toBe(2);
    expect((await sides.api('/api/court?method=magic')).status).toBe(400);
  });
});
