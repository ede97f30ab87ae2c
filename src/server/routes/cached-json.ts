import { createHash } from 'node:crypto';
import type { Context } from 'hono';

// One tag per body, computed once: the bodies are cached objects, replaced when the store changes.
// hono/etag takes a tag the route set and only compares it, so a cached body is never hashed twice.
const etags = new WeakMap<Uint8Array, string>();
function etagOf(body: Uint8Array): string {
  let t = etags.get(body);
  if (!t) etags.set(body, (t = `"${createHash('sha1').update(body).digest('base64url')}"`));
  return t;
}

/**
 * A cached JSON body with its tag. Clients re-check it on every visit (no-cache; a 304 when unchanged).
 * Vary is set here so that hono/compress need not add it, which would turn the body into a stream.
 */
export const cachedJson = (c: Context, body: Uint8Array): Response =>
  c.body(body as Uint8Array<ArrayBuffer>, 200, {
    'content-type': 'application/json; charset=utf-8',
    etag: etagOf(body),
    'cache-control': 'no-cache',
    vary: 'Accept-Encoding',
  });
