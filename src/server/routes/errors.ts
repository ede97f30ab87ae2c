import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { BadInputError } from '../../domain/index.ts';
import { CancelledError, QueueFullError } from '../../jobs/index.ts';
import { PoolBusyError } from '../task-pool.ts';

/** 429 with Retry-After when the queue or a pool is full, or the client's quota is used. */
export function busy(c: Context, e: QueueFullError | PoolBusyError): Response {
  return c.json({ error: e.message, retryAfter: e.retryAfterS }, 429, { 'retry-after': String(e.retryAfterS) });
}

/**
 * Every error a route throws, as JSON: bad input 400 with its issues, an HTTPException its own status,
 * a full queue 429, a cancelled run 503; anything else 500 with no stack and no internal message. The
 * log names the route pattern, not the path (a path may hold anything a client typed), and the message
 * only when debugging.
 */
export const onError: ErrorHandler = (err, c) => {
  if (err instanceof BadInputError) return c.json({ error: err.message, issues: err.issues }, 400);
  if (err instanceof HTTPException) return err.res ?? c.json({ error: err.message || 'request refused' }, err.status);
  if (err instanceof QueueFullError || err instanceof PoolBusyError) return busy(c, err);
  if (err instanceof CancelledError) return c.json({ error: `cancelled: ${err.message}` }, 503);
  const route = `${c.req.method} ${c.req.routePath}`;
  if (process.env.DARKFIGURE_DEBUG) process.stderr.write(`darkfigure serve: ${route}: ${err.stack ?? err.message}\n`);
  else
    process.stderr.write(
      `darkfigure serve: ${route}: internal error (${err.name}); set DARKFIGURE_DEBUG=1 for details\n`,
    );
  return c.json({ error: 'internal error' }, 500);
};

export const notFound: NotFoundHandler = (c) => c.json({ error: 'not found' }, 404);
