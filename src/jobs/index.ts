export type { JobSpec, JobOutcome, JobProgress, RunOptions, Runner, JobHandler } from './types.ts';
export { ThreadPoolRunner } from './thread-pool.ts';
export { QueueRunner, startQueueWorker, DEFAULT_QUEUE, type QueueConnection, type QueueWorkerOptions } from './queue.ts';
export { handlers, runHandler } from './handlers/index.ts';
