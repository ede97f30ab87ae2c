import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { Hono } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

const isApi = (path: string) => path === '/api' || path.startsWith('/api/');

/** The dashboard: files from its build folder, index.html for any other path (client-side views). */
export function dashboardRoutes(webDir: string): Hono {
  return new Hono().get('*', async (c) => {
    // An unknown API path is the app's JSON 404, not the page.
    if (isApi(c.req.path)) return c.notFound();
    const rel = normalize(decodeURIComponent(new URL(c.req.url).pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(webDir, rel);
    if (!file.startsWith(webDir) || rel.endsWith('/') || !existsSync(file) || !extname(file))
      file = join(webDir, 'index.html');
    if (!existsSync(file)) return c.text('The dashboard is not built: run `npm run build:web`.', 503);
    const body = await readFile(file);
    // Hashed bundles never change; the page itself is re-checked on every visit (a 304 by its ETag).
    const cache = file.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    return c.body(body, 200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': cache,
    });
  });
}
