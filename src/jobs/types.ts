// The job vocabulary lives in domain so that stages below jobs (calibrate) can describe work to run.
export type { JobSpec, JobProgress, RunOptions, JobOutcome, Runner, JobHandler } from '../domain/index.ts';
