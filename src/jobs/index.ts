export type { JobSpec, JobOutcome, JobProgress, RunOptions, Runner, JobHandler } from './types.ts';
export { ThreadPoolRunner } from './thread-pool.ts';
export { JobPool, PoolBusyError, WORKER_ENTRY, type HandlerRef, type JobPoolOptions } from './pool.ts';
export {
  QueueRunner,
  startQueueWorker,
  DEFAULT_QUEUE,
  type QueueConnection,
  type QueueWorkerOptions,
} from './queue.ts';
export { handlers, runHandler } from './handlers/index.ts';
export { runEnsemble } from './ensemble.ts';
export { COURT_SIMULATION, computeCourtView } from './handlers/court-nowcast.ts';
export type { CourtSource, CourtTask, StoreCourtRecords } from './handlers/court-nowcast.ts';
export { nowcastPublished } from './handlers/court-published.ts';
export type { PublishedInput } from './handlers/court-published.ts';
export type { LinkageRunPayload, LinkageRunResult } from './handlers/linkage-run.ts';
export { computeMse, linkageSensitivity, mseAnswer, mseOutcome } from './handlers/mse.ts';
export type { MseAnswer, MseMethodSensitivity, MseOutcome } from './handlers/mse.ts';
export { renderChart } from './handlers/render.ts';
export type { RenderTask } from './handlers/render.ts';
export { allPairsParallel } from './parallel-pairs.ts';
export { CancelledError, QueueFullError, WorkQueue } from './work-queue.ts';
export type { Submitted } from './work-queue.ts';
