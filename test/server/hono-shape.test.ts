import { gunzipSync, inflateSync } from 'node:zlib';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BadInputError } from '../../src/domain/errors.ts';
import { loadBundled } from '../../src/ingest/bundled.ts';
import { QueueFullError } from '../../src/jobs/work-queue.ts';
import { createApp } from '../../src/server/app.ts';
import { notFound, onError } from '../../src/server/routes/errors.ts';
import { freshStore, type TestStore } from '../support/stores.ts';

describe('the app as Hono means it: JSON errors, validation, ETags, compression', () => {
  let ts: TestStore;
  let app: Hono;
  beforeAll(async () => {
    ts = await freshStore('sqlite');
    // The bundled figures: their series list is tens of kilobytes, worth compressing.
    await loadBundled(ts.store);
    app = createApp({ store: ts.store, access: { open: true } });
  });
  afterAll(async () => ts.cleanup());

  // (The linkage service under /api/v1 words its own 404s, as the entity service does.)
  it('an unknown API route is a JSON 404, whatever the method', async () => {
    for (const [method, path] of [
      ['GET', '/api/nope'],
      ['GET', '/api'],
      ['DELETE', '/api/series'],
    ] as const) {
      const r = await app.request(path, { method });
      expect(r.status, `${method} ${path}`).toBe(404);
      expect(r.headers.get('content-type')).toContain('application/json');
      expect(await r.json()).toEqual({ error: 'not found' });
    }
  });

  it('an error thrown inside a route is a JSON 500 without stack or message', async () => {
    const broken = new Proxy(ts.store, {
      get(target, prop, receiver) {
        if (prop === 'listSeries')
          return () => Promise.reject(new Error('secret detail at /srv/darkfigure/store.ts:12'));
        const v = Reflect.get(target, prop, receiver) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    const r = await createApp({ store: broken }).request('/api/series');
    expect(r.status).toBe(500);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    const text = await r.text();
    expect(JSON.parse(text)).toEqual({ error: 'internal error' });
    expect(text).not.toMatch(/secret|\.ts|at /);
  });

  it('maps bad input, HTTP exceptions and a full queue to their statuses, as JSON', async () => {
    const mini = new Hono().onError(onError).notFound(notFound);
    mini.get('/bad', () => {
      throw new BadInputError([{ file: 'upload', line: 3, field: 'counts', message: 'must be whole' }]);
    });
    mini.get('/teapot', () => {
      throw new HTTPException(418, { message: 'short and stout' });
    });
    mini.get('/full', () => {
      throw new QueueFullError('the queue is full', 7);
    });
    const bad = await mini.request('/bad');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { issues: Array<{ field: string }> }).issues[0]!.field).toBe('counts');
    const teapot = await mini.request('/teapot');
    expect(teapot.status).toBe(418);
    expect(await teapot.json()).toEqual({ error: 'short and stout' });
    const full = await mini.request('/full');
    expect(full.status).toBe(429);
    expect(full.headers.get('retry-after')).toBe('7');
    expect((await mini.request('/elsewhere')).status).toBe(404);
  });

  it('a bad query or body is a 400 naming the field', async () => {
    const court = await app.request('/api/court?method=nope');
    expect(court.status).toBe(400);
    const cb = (await court.json()) as { error: string; issues: Array<{ field: string }> };
    expect(cb.error).toMatch(/^method must be one of /);
    expect(cb.issues).toEqual([{ field: 'method', message: cb.error }]);
    const chart = await app.request('/api/chart/overview.svg?width=10&height=300');
    expect(chart.status).toBe(400);
    expect(((await chart.json()) as { issues: Array<{ field: string }> }).issues.map((i) => i.field)).toEqual([
      'width',
    ]);
    const sim = await app.request('/api/sim-jobs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scenarios: ['baseline'], runs: 0 }),
    });
    expect(sim.status).toBe(400);
    const sb = (await sim.json()) as { error: string; issues: Array<{ field: string }> };
    expect(sb.error).toBe('bad request');
    expect(sb.issues.map((i) => i.field)).toContain('runs');
  });

  it('tags GET responses and answers 304 to a client that has them', async () => {
    for (const path of ['/api/series', '/api/scenarios']) {
      const first = await app.request(path);
      const tag = first.headers.get('etag');
      expect(tag, path).toMatch(/^"[^"]+"$/);
      const again = await app.request(path, { headers: { 'if-none-match': tag! } });
      expect(again.status, path).toBe(304);
      expect((await again.arrayBuffer()).byteLength).toBe(0);
      expect(again.headers.get('x-content-type-options')).toBe('nosniff');
      // Another tag is not a match.
      expect((await app.request(path, { headers: { 'if-none-match': '"other"' } })).status).toBe(200);
    }
    expect((await app.request('/api/series')).headers.get('cache-control')).toBe('no-cache');
  });

  it('compresses a large JSON response when the client asks for gzip or deflate; br falls back to identity', async () => {
    const plain = await app.request('/api/series', { headers: { 'accept-encoding': 'identity' } });
    const bytes = Buffer.from(await plain.arrayBuffer());
    expect(bytes.length).toBeGreaterThan(1024);
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toBe('Accept-Encoding');
    const gz = await app.request('/api/series', { headers: { 'accept-encoding': 'gzip, br' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    const zipped = Buffer.from(await gz.arrayBuffer());
    expect(zipped.length).toBeLessThan(bytes.length / 2);
    expect(gunzipSync(zipped)).toEqual(bytes);
    const df = await app.request('/api/series', { headers: { 'accept-encoding': 'deflate' } });
    expect(df.headers.get('content-encoding')).toBe('deflate');
    expect(inflateSync(Buffer.from(await df.arrayBuffer()))).toEqual(bytes);
    // Node 20's CompressionStream has no Brotli: a br-only client gets the bytes as they are.
    const br = await app.request('/api/series', { headers: { 'accept-encoding': 'br' } });
    expect(br.headers.get('content-encoding')).toBeNull();
    expect(Buffer.from(await br.arrayBuffer())).toEqual(bytes);
  });
});
