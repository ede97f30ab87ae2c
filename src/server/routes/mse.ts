import { Hono } from 'hono';
import type { WhoEnv } from '../access.ts';
import { MseRequest } from '../../analyses/index.ts';
import type { RouteDeps } from './deps.ts';
import { zodJson } from './validate.ts';

/** /api/mse: capture–recapture on uploaded pattern counts or records, or on a simulated world; runs on a worker thread. */
export function mseRoutes({
  gate,
  queue,
  msePool,
  mseResults,
}: Pick<RouteDeps, 'gate' | 'queue' | 'msePool' | 'mseResults'>): Hono<WhoEnv> {
  // Who first (nothing is read for an unknown client); then the body's kind: an upload needs the upload scope, a simulated world the mse scope.
  const scopeOfBody = async (c: { req: { json(): Promise<unknown> } }) =>
    ((await c.req.json().catch(() => undefined)) as { kind?: unknown } | undefined)?.kind === 'upload'
      ? 'upload'
      : 'mse';
  return new Hono<WhoEnv>().post('/', gate.need('mse', scopeOfBody), zodJson(MseRequest), async (c) => {
    const who = c.var.who;
    const req = c.req.valid('json');
    // In the one work queue; a client that goes away cancels it (the worker thread is stopped).
    const out = await queue.submit({
      owner: who.id,
      maxForOwner: who.maxJobs,
      signal: c.req.raw.signal,
      run: (signal) => msePool.run(req, signal),
    }).done;
    if (!out.ok) return c.json({ error: out.error }, out.bad ? 400 : 500);
    // Kept by id, so that the page can export this result's chart and report.
    return c.json({ id: mseResults.add(out.result), ...out.result });
  });
}
