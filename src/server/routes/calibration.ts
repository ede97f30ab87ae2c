import { Hono } from 'hono';
import type { CalibrationJobView } from '../../analyses/index.ts';
import type { WhoEnv } from '../access.ts';
import { CalibrationJobRequest, type CalibrationJobState } from '../calibration-jobs.ts';
import type { RouteDeps } from './deps.ts';
import { cancelJob, type QueueState } from './jobs.ts';
import { zodJson } from './validate.ts';

/** A calibration as the API shows it: the posterior once it is done. */
function calibrationView(j: CalibrationJobState, q: QueueState): CalibrationJobView {
  return {
    id: j.id,
    status: j.status,
    queue: q,
    capped: j.capped,
    cancelled: j.cancelled,
    request: j.request,
    started: j.started,
    progress: j.progress,
    error: j.error,
    result: j.status === 'done' ? j.result : undefined,
  };
}

/** /api/calibration-jobs: the model fitted to the figures as a background job (POST starts, GET polls, the page reattaches). */
export function calibrationRoutes({
  store,
  gate,
  calibrationJobs,
}: Pick<RouteDeps, 'store' | 'gate' | 'calibrationJobs'>): Hono<WhoEnv> {
  return (
    new Hono<WhoEnv>()
      // Every field has a default: no body at all asks for a default calibration.
      .post('/', gate.need('calibrate'), zodJson(CalibrationJobRequest, {}), (c) => {
        const who = c.var.who;
        const job = calibrationJobs.start(store, c.req.valid('json'), { id: who.id, maxJobs: who.maxJobs });
        return c.json(calibrationView(job, calibrationJobs.queueState(job.id)), 202, {
          location: `/api/calibration-jobs/${job.id}`,
        });
      })
      .get('/:id', (c) => {
        const id = c.req.param('id');
        const job = calibrationJobs.get(id);
        return job
          ? c.json(calibrationView(job, calibrationJobs.queueState(id)))
          : c.json({ error: 'unknown job (jobs are kept while the server runs)' }, 404);
      })
      .delete('/:id', gate.need('calibrate'), cancelJob(calibrationJobs))
  );
}
