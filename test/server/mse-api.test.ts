import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundled } from '../../src/ingest/bundled.ts';
import { createApp } from '../../src/server/app.ts';
import { MsePool } from '../../src/server/mse-pool.ts';
import { mseChart, type MseResult } from '../../src/report/mse-chart.ts';
import { freshStore, type TestStore } from '../support/stores.ts';

const MINI = new URL('../fixtures/mini/', import.meta.url).pathname;
const KOREA = new URL('../fixtures/reference/mse/korea.json', import.meta.url);

interface KoreaRef {
  counts: Record<string, number>;
  reference: { loglinear_poisson_mle: Array<{ model: string; N: number; BIC: number }> };
}

describe('POST /api/mse: capture–recapture on a worker thread', () => {
  let ts: TestStore;
  let app: ReturnType<typeof createApp>;
  const pool = new MsePool();

  beforeAll(async () => {
    ts = await freshStore('sqlite');
    await loadBundled(ts.store, MINI);
    app = createApp({ store: ts.store, msePool: pool, access: { open: true } });
  });
  afterAll(async () => {
    await pool.close();
    await ts.cleanup();
  });

  const post = (body: unknown) =>
    app.request('/api/mse', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it("Korea (3 lists): the log-linear estimate is the BIC-best model's published N", async () => {
    const text = readFileSync(KOREA, 'utf8');
    const ref = JSON.parse(text) as KoreaRef;
    const best = [...ref.reference.loglinear_poisson_mle].sort((a, b) => a.BIC - b.BIC)[0]!;
    const r = await post({ kind: 'upload', name: 'korea.json', text });
    expect(r.status).toBe(200);
    const res = (await r.json()) as MseResult;
    expect(res.observed).toBe(Object.values(ref.counts).reduce((a, b) => a + b, 0));
    const ll = res.results.find((m) => m.method === 'loglinear')!;
    expect(ll.model).toBe(best.model);
    expect(ll.estimate).toBeCloseTo(best.N, 1);
    expect(res.results.map((m) => m.method)).toEqual(['loglinear', 'stepwise', 'dga', 'lcmcr']);
    // The chart plots one estimate per method that gave one, with the observed line.
    const spec = mseChart(res);
    expect(spec.points.estimate).toBe(res.results.length);
    expect(spec.rows.find((row) => row.method === 'loglinear')!.estimate).toBeCloseTo(best.N, 1);
  }, 60_000);

  it('a simulated world reports its truth; a records CSV is read; bad input is a 400 naming the line', async () => {
    const w = await post({ kind: 'world', N: 500, lists: 2, capture: 0.4, sigma: 0, seed: 3 });
    const world = (await w.json()) as MseResult;
    expect(world.truth).toBe(500);
    const chapman = world.results.find((m) => m.method === 'chapman')!;
    expect(chapman.interval[0]).toBeLessThan(500);
    expect(chapman.interval[1]).toBeGreaterThan(500);

    const csv = 'a,b\n1,0\n1,1\n0,1\n1,1\n1,0\n0,1\n';
    const c = (await (await post({ kind: 'upload', name: 'r.csv', text: csv })).json()) as MseResult;
    expect(c.lists).toEqual(['a', 'b']);
    expect(c.observed).toBe(6);
    expect(c.results.find((m) => m.method === 'lincoln')!.estimate).toBeCloseTo((4 * 4) / 2, 10);

    // Merged lists: a three-list CSV counted as two; an unknown name is a 400 naming the field.
    const three = 'a,b,c\n1,0,0\n1,0,1\n0,1,0\n0,1,1\n0,0,1\n1,1,0\n';
    const merged = (await (
      await post({ kind: 'upload', name: 'r3.csv', text: three, merge: 'a+c' })
    ).json()) as MseResult;
    expect(merged.lists).toEqual(['a+c', 'b']);
    expect(merged.results.find((m) => m.method === 'lincoln')!.estimate).toBeCloseTo((5 * 3) / 2, 10);
    const unknown = await post({ kind: 'upload', name: 'r3.csv', text: three, merge: 'a+z' });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: string }).error).toMatch(/merge.*no list named "z"/);

    const bad = await post({ kind: 'upload', name: 'bad.csv', text: 'a,b\n1,0\n2,x\n' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/bad\.csv/);
    expect((await post({ kind: 'nope' })).status).toBe(400);
  }, 60_000);
});
