import { Hono } from 'hono';
import { NowcastRequest, runNowcastJson } from '../../analyses/index.ts';
import { JobPool } from '../../jobs/index.ts';
import type { WhoEnv } from '../access.ts';
import type { RouteDeps } from './deps.ts';
import { zodJson } from './validate.ts';

/**
 * /api/nowcast: the nowcast of an uploaded line list or reporting triangle (`darkfigure nowcast --json`
 * plus its warnings). An upload, so it needs the upload scope; it runs in the one work queue, on a worker
 * thread of its own (started on first use, stopped when idle).
 */
export function nowcastRoutes({ gate, queue }: Pick<RouteDeps, 'gate' | 'queue'>): Hono<WhoEnv> {
  const jobs = new JobPool({ threads: 1, minThreads: 0 });
  return new Hono<WhoEnv>().post('/', gate.need('upload'), zodJson(NowcastRequest), async (c) => {
    const who = c.var.who;
    const req = c.req.valid('json');
    // A client that goes away cancels it (the worker thread is stopped).
    const answer = await queue.submit({
      owner: who.id,
      maxForOwner: who.maxJobs,
      signal: c.req.raw.signal,
      run: (signal) => runNowcastJson({ jobs, signal }, req),
    }).done;
    return c.json({ ...(answer.json as object), warnings: answer.warnings });
  });
}
