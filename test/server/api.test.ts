import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundled, readDataset, type Dataset } from '../../src/ingest/bundled.ts';
import { createApp } from '../../src/server/app.ts';
import { freshStore, type TestStore } from '../support/stores.ts';

const MINI = new URL('../fixtures/mini/', import.meta.url).pathname;

describe('HTTP API: series, observations, chart exports, reports', () => {
  let ts: TestStore;
  let app: ReturnType<typeof createApp>;
  let data: Dataset;

  beforeAll(async () => {
    ts = await freshStore('sqlite');
    await loadBundled(ts.store, MINI);
    data = await readDataset(MINI);
    app = createApp({ store: ts.store });
  });
  afterAll(async () => ts.cleanup());

  const get = (path: string) => app.request(path);

  it('lists series and serves one series with its sources', async () => {
    const all = (await (await get('/api/series')).json()) as { series: Array<{ id: string; observations: number }> };
    expect(all.series.map((s) => [s.id, s.observations])).toEqual([
      ['court.cases_received', 1],
      ['ngo.requests', 2],
    ]);
    const one = (await (await get('/api/series/ngo.requests')).json()) as {
      observations: unknown[];
      sources: Array<{ id: string }>;
    };
    expect(one.observations).toHaveLength(2);
    expect(one.sources.map((s) => s.id)).toEqual(['il-test']);
    expect((await get('/api/series/nope')).status).toBe(404);
  });

  it('filters observations by series, source, confidence and party, and refuses a bad filter', async () => {
    const n = async (q: string) =>
      ((await (await get(`/api/observations${q}`)).json()) as { observations: unknown[] }).observations.length;
    expect(await n('')).toBe(data.observations.length);
    expect(await n('?series=ngo.requests')).toBe(2);
    expect(await n('?source=mz-test')).toBe(1);
    expect(await n('?confidence=A')).toBe(3);
    expect(await n('?confidence=B,C')).toBe(0);
    expect(await n('?party=true')).toBe(0);
    expect(await n('?topic=court')).toBe(1);
    const bad = await get('/api/observations?confidence=Z');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { issues: Array<{ field: string }> }).issues[0]!.field).toBe('confidence.0');
  });

  it('exports charts as SVG, PNG and CSV rendered on the server', async () => {
    const svg = await get('/api/chart/overview.svg?width=700&height=300');
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(await svg.text()).toMatch(/^<svg[^>]*width="700"/);
    const png = Buffer.from(await (await get('/api/chart/series.png?series=ngo.requests')).arrayBuffer());
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([960, 480]);
    const csv = await (await get('/api/chart/series.csv?series=ngo.requests')).text();
    const lines = csv.trim().split('\r\n');
    // Two published figures and their two monthly equivalents, each with its citation fields.
    expect(lines).toHaveLength(5);
    expect(lines[0]).toContain('organisation');
    expect(csv).toContain('"a note, with a comma"');
    expect((await get('/api/chart/series.svg')).status).toBe(400);
    expect((await get('/api/chart/series.svg?series=nope')).status).toBe(404);
    expect((await get('/api/chart/nothing.svg')).status).toBe(404);
    // Computed views name what they were made of: a nowcast method, a finished job, a kept result.
    expect((await get('/api/chart/court.svg?method=nope')).status).toBe(400);
    expect((await get('/api/chart/scenarios.svg')).status).toBe(400);
    expect((await get('/api/chart/calibration.csv?job=nope')).status).toBe(404);
    expect((await get('/api/chart/mse.csv?result=nope')).status).toBe(404);
    expect((await get('/api/chart/overview.svg?width=5')).status).toBe(400);
  });

  it('serves cached responses until the store changes', async () => {
    const fresh = await freshStore('sqlite');
    try {
      await loadBundled(fresh.store, MINI);
      const a = createApp({ store: fresh.store, cacheMaxAgeMs: 0 });
      const count = async () =>
        ((await (await a.request('/api/series/ngo.requests')).json()) as { observations: unknown[] }).observations
          .length;
      expect(await count()).toBe(2);
      expect(await count()).toBe(2);
      const o = data.observations.find((x) => x.seriesId === 'ngo.requests')!;
      await fresh.store.write({
        observations: [{ ...o, id: 'added-1', periodEnd: '2024-01-31', periodStart: '2023-12-01' }],
      });
      expect(await count()).toBe(3);
      const csv = await (await a.request('/api/chart/series.csv?series=ngo.requests')).text();
      expect(csv).toContain('added-1');
    } finally {
      await fresh.cleanup();
    }
  });

  it('serves the HTML report of a view', async () => {
    const r = await get('/api/report/overview.html');
    expect(r.status).toBe(200);
    const html = await r.text();
    expect(html).toContain('<svg');
    expect(html).toContain('Mediazona');
  });
});

describe('the running server renders exports off the main thread', () => {
  it('answers other requests while a large PNG is being rendered', async () => {
    const { startServer } = await import('../../src/server/serve.ts');
    const ts = await freshStore('sqlite');
    await loadBundled(ts.store, MINI);
    const server = await startServer(ts.store, 0);
    try {
      const order: string[] = [];
      const png = fetch(`${server.url}/api/chart/overview.png?width=4000&height=4000`).then(async (r) => {
        const b = Buffer.from(await r.arrayBuffer());
        order.push('png');
        return b;
      });
      // Health is asked for after the render has started and must not wait for it.
      await new Promise((r) => setTimeout(r, 300));
      const health = await fetch(`${server.url}/api/health`).then(
        (r) => r.json() as Promise<{ status: string; observations: number }>,
      );
      order.push('health');
      expect(health).toMatchObject({ status: 'ok', observations: 3 });
      const b = await png;
      expect([b.readUInt32BE(16), b.readUInt32BE(20)]).toEqual([4000, 4000]);
      expect(order).toEqual(['health', 'png']);

      // The server sends exactly what the app sends; unknown ids get the app's 404.
      const app = createApp({ store: ts.store });
      for (const path of ['/api/series', '/api/series/ngo.requests', '/api/sources']) {
        const viaServer = await fetch(`${server.url}${path}`);
        expect(viaServer.headers.get('content-type')).toContain('application/json');
        expect(Buffer.from(await viaServer.arrayBuffer())).toEqual(
          Buffer.from(await (await app.request(path)).arrayBuffer()),
        );
      }
      // Each body carries a tag; a client that sends it back gets a 304 and no body.
      const identity = { 'accept-encoding': 'identity' };
      const first = await fetch(`${server.url}/api/series`, { headers: identity });
      const tag = first.headers.get('etag');
      expect(tag).toMatch(/^"[A-Za-z0-9_-]+"$/);
      const again = await fetch(`${server.url}/api/series`, { headers: { ...identity, 'if-none-match': tag! } });
      expect(again.status).toBe(304);
      expect((await again.arrayBuffer()).byteLength).toBe(0);
      // Gzipped, the same bytes' tag is weak (another representation), and still revalidates.
      const zipped = await fetch(`${server.url}/api/series`, { headers: { 'accept-encoding': 'gzip' } });
      expect(zipped.headers.get('content-encoding')).toBe('gzip');
      expect(zipped.headers.get('etag')).toBe(`W/${tag}`);
      expect(
        (
          await fetch(`${server.url}/api/series`, {
            headers: { 'accept-encoding': 'gzip', 'if-none-match': `W/${tag}` },
          })
        ).status,
      ).toBe(304);
      const missing = await fetch(`${server.url}/api/series/no.such`);
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual({ error: 'unknown series "no.such"' });
    } finally {
      await server.close();
      await ts.cleanup();
    }
  });
});
