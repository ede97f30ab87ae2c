import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import type { Store } from '../store/index.ts';

export const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

export interface AppOptions {
  store: Store;
  /** Folder of the built dashboard; defaults to web/dist. */
  webDir?: string;
}

/** The HTTP API and the dashboard's static files. Handlers are thin: the library does the work. */
export function createApp({ store, webDir = WEB_DIST }: AppOptions): Hono {
  const app = new Hono();

  app.get('/api/health', async (c) => c.json({ status: 'ok', engine: store.engine, observations: await store.countObservations() }));

  app.get('/api/series', async (c) => c.json({ series: await store.listSeries() }));

  app.get('/api/series/:id', async (c) => {
    const id = c.req.param('id');
    const series = await store.series(id);
    if (!series) return c.json({ error: `unknown series "${id}"` }, 404);
    const observations = await store.observations({ seriesId: id });
    const used = new Set(observations.map((o) => o.sourceId));
    const sources = (await store.sources()).filter((s) => used.has(s.id));
    return c.json({ series, observations, sources });
  });

  app.get('/api/sources', async (c) => c.json({ sources: await store.sources() }));

  app.get('/api/*', (c) => c.json({ error: 'not found' }, 404));

  // Static dashboard: files from web/dist, index.html for any other path (client-side views).
  app.get('*', async (c) => {
    const rel = normalize(decodeURIComponent(new URL(c.req.url).pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(webDir, rel);
    if (!file.startsWith(webDir) || rel.endsWith('/') || !existsSync(file) || !extname(file)) file = join(webDir, 'index.html');
    if (!existsSync(file)) return c.text('The dashboard is not built: run `npm run build:web`.', 503);
    const body = await readFile(file);
    const cache = file.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    return c.body(body, 200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': cache });
  });

  return app;
}
