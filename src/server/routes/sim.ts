import { Hono } from 'hono';
import { QueueFullError } from '../../jobs/index.ts';
import type { WhoEnv } from '../access.ts';
import { type SimJobView, scenarioList } from '../../analyses/index.ts';
import { SimJobRequest, type SimJobState } from '../sim-jobs.ts';
import type { RouteDeps } from './deps.ts';
import { cancelJob, type QueueState } from './jobs.ts';
import { zodJson } from './validate.ts';

/**
 * A job as the API shows it: results only once it is done. A queued job's status is "running" (the page
 * follows it the same way) with `queue.phase` "queued" and its place in line; `capped` states what the
 * server lowered.
 */
function jobView(j: SimJobState, q: QueueState): SimJobView {
  return {
    id: j.id,
    status: j.status,
    queue: q,
    capped: j.capped,
    cancelled: j.cancelled,
    done: j.done,
    total: j.total,
    request: j.request,
    started: j.started,
    error: j.error,
    results: j.results,
  };
}

/** /api/scenarios: the bundled list. */
export const scenarioRoutes = (): Hono => new Hono().get('/', (c) => c.json({ scenarios: scenarioList() }));

/** /api/sim-jobs: small ensembles run as background jobs (POST starts, GET polls, DELETE cancels). */
export function simJobRoutes({ gate, simJobs }: Pick<RouteDeps, 'gate' | 'simJobs'>): Hono<WhoEnv> {
  return new Hono<WhoEnv>()
    .post('/', gate.need('sim'), zodJson(SimJobRequest), (c) => {
      const who = c.var.who;
      try {
        const job = simJobs.start(c.req.valid('json'), { id: who.id, maxJobs: who.maxJobs });
        return c.json(jobView(job, simJobs.queueState(job.id)), 202, { location: `/api/sim-jobs/${job.id}` });
      } catch (e) {
        if (e instanceof QueueFullError) throw e;
        // What the request asks cannot be run (an unknown scenario, a span it does not cover).
        return c.json({ error: (e as Error).message }, 400);
      }
    })
    .get('/:id', (c) => {
      const id = c.req.param('id');
      const job = simJobs.get(id);
      return job
        ? c.json(jobView(job, simJobs.queueState(id)))
        : c.json({ error: 'unknown job (finished jobs are kept while the server runs)' }, 404);
    })
    .delete('/:id', gate.need('sim'), cancelJob(simJobs));
}
