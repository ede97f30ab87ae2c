import type { JobHandler } from '../types.ts';

// Every kind of job a worker can run, each loaded on its first job: a worker thread that only renders
// charts never loads the simulator. A worker thread or a queue worker process imports this module, so a
// job runs the same code wherever it lands.
export const handlers: Record<string, () => Promise<JobHandler>> = {
  'selftest.hash': async () => (await import('./selftest.ts')).selftest,
  'sim.calibrate': async () => (await import('./sim-calibrate.ts')).simCalibrate,
  'sim.ensemble-run': async () => (await import('./ensemble-run.ts')).ensembleRun,
  'linkage.run': async () => (await import('./linkage-run.ts')).linkageRun,
  'linkage.pairs': async () => (await import('./linkage-pairs.ts')).linkagePairs,
  'mse.estimate': async () => (await import('./mse.ts')).mseEstimate,
  'court.nowcast': async () => (await import('./court-nowcast.ts')).courtNowcast,
  'report.render': async () => (await import('./render.ts')).renderJob,
};

export async function runHandler(kind: string, payload: unknown): Promise<unknown> {
  const load = Object.hasOwn(handlers, kind) ? handlers[kind] : undefined;
  if (!load) throw new Error(`no handler for job kind "${kind}" (known: ${Object.keys(handlers).join(', ')})`);
  return (await load())(payload);
}
