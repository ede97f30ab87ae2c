import type { JobHandler } from '../types.ts';
import { linkageRun } from './linkage-run.ts';
import { selftest } from './selftest.ts';
import { simCalibrate } from './sim-calibrate.ts';

// Every kind of job a worker can run. A worker thread or a queue worker process imports this
// module, so a job runs the same code wherever it lands.
export const handlers: Record<string, JobHandler> = {
  'selftest.hash': selftest,
  'sim.calibrate': simCalibrate,
  'linkage.run': linkageRun,
};

export async function runHandler(kind: string, payload: unknown): Promise<unknown> {
  const h = handlers[kind];
  if (!h) throw new Error(`no handler for job kind "${kind}" (known: ${Object.keys(handlers).join(', ')})`);
  return h(payload);
}
