import { z } from 'zod';
import type { CalibrationResult } from '../calibrate/index.ts';
import type { ScenarioResult } from '../report/index.ts';
import { CalibrationRequest } from './calibrate.ts';
import { SimulateRequest } from './simulate.ts';

// The background jobs as the API shows them (GET /api/sim-jobs/:id, /api/calibration-jobs/:id): the server
// builds these, the page reads them, so both take the shape from here.

/** A queued job's place in line, or that it runs; absent once it is finished. */
export const QueueStateView = z
  .object({ phase: z.enum(['queued', 'running']), position: z.number().int().min(0) })
  .optional();

/** What the server lowered: per field, what was asked and what was used. */
export const CappedView = z.record(
  z.string(),
  z.object({ asked: z.union([z.number(), z.string()]), used: z.union([z.number(), z.string()]) }),
);

const JobBase = z.object({
  id: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  queue: QueueStateView,
  capped: CappedView.optional(),
  cancelled: z.boolean().optional(),
  started: z.string(),
  error: z.string().optional(),
});

/** A scenario ensemble job: runs done of total, the results once it is done. */
export const SimJobView = JobBase.extend({
  request: SimulateRequest,
  done: z.number().int(),
  total: z.number().int(),
  results: z.array(z.custom<ScenarioResult>()).optional(),
});
export type SimJobView = z.output<typeof SimJobView>;

/** A calibration job: its progress, the posterior so far and at the end. */
export const CalibrationJobView = JobBase.extend({
  request: CalibrationRequest,
  progress: z.object({
    generation: z.number().int(),
    epsilon: z.number().nullable(),
    acceptanceRate: z.number().nullable(),
    jobsDone: z.number().int(),
    budget: z.number().int(),
  }),
  result: z.custom<CalibrationResult>().optional(),
});
export type CalibrationJobView = z.output<typeof CalibrationJobView>;
