/**
 * A capture–recapture request in an embed address (/embed/mse/<chart>?kind=world&N=…): capture–recapture
 * results are kept only while the server runs, so the embed carries the request itself and the embedded
 * page asks the server again (POST /api/mse, which validates it as the page's own request).
 */

/** The request as the capture–recapture page sends it (src/analyses/mse.ts MseRequest, before its defaults). */
export type MseEmbedRequest =
  | { kind: 'world'; N?: number; lists?: number; capture?: number; sigma?: number; seed?: number }
  | { kind: 'upload'; name?: string; text: string; seed?: number; merge?: string };

/** Longest embed query: an address much longer than this is cut by some servers and mail clients. */
export const MSE_EMBED_MAX = 4000;

const WORLD_NUMBERS = ['N', 'lists', 'capture', 'sigma', 'seed'] as const;

/** The request as an embed query, or undefined when it is too long for an address (a records file, say). */
export function mseEmbedQuery(req: MseEmbedRequest): string | undefined {
  const q = new URLSearchParams({ kind: req.kind });
  if (req.kind === 'world') {
    for (const k of WORLD_NUMBERS) if (req[k] !== undefined) q.set(k, String(req[k]));
  } else {
    if (req.name) q.set('name', req.name);
    q.set('text', req.text);
    if (req.merge) q.set('merge', req.merge);
    if (req.seed !== undefined) q.set('seed', String(req.seed));
  }
  const s = q.toString();
  return s.length <= MSE_EMBED_MAX ? s : undefined;
}

/** The request back from an embed query; a missing or unknown kind, or a number that is not one, is refused naming the field. */
export function mseRequestFromQuery(q: URLSearchParams): MseEmbedRequest {
  const kind = q.get('kind');
  const num = (k: string): number | undefined => {
    const v = q.get(k);
    if (v === null) return undefined;
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n)) throw new Error(`${k} must be a number, not "${v}"`);
    return n;
  };
  if (kind === 'world') {
    const out: Record<string, unknown> = { kind };
    for (const k of WORLD_NUMBERS) if (q.has(k)) out[k] = num(k);
    return out as MseEmbedRequest;
  }
  if (kind === 'upload') {
    const text = q.get('text');
    if (!text) throw new Error('text is missing: the embed address carries the pattern counts it estimates from');
    return {
      kind,
      text,
      ...(q.get('name') && { name: q.get('name')! }),
      ...(q.get('merge') && { merge: q.get('merge')! }),
      ...(q.has('seed') && { seed: num('seed') }),
    };
  }
  throw new Error(`kind must be "world" or "upload", not ${kind === null ? 'missing' : `"${kind}"`}`);
}
