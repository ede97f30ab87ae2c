// The vocabulary of batch work, shared by the stages that describe work (calibrate) and the one that runs it (jobs).
/** One unit of work: a named kind of job and its plain-data payload. Results depend on the payload only. */
export interface JobSpec<P = unknown> {
  id: string;
  kind: string;
  payload: P;
}

export interface JobProgress {
  done: number;
  total: number;
  failed: number;
  /** Id of the job that just finished. */
  last?: string;
}

export interface RunOptions {
  onProgress?: (p: JobProgress) => void;
  signal?: AbortSignal;
}

export interface JobOutcome<R = unknown> {
  id: string;
  ok: boolean;
  result?: R;
  error?: string;
  /** How many times the job was started (more than 1 after a retry). */
  attempts?: number;
}

/**
 * Many jobs, one interface, two back-ends: worker threads on this machine, or a Redis queue
 * that any number of `darkfigure worker` processes serve.
 */
export interface Runner {
  readonly name: string;
  run<R = unknown>(jobs: JobSpec[], opts?: RunOptions): Promise<JobOutcome<R>[]>;
  close(): Promise<void>;
}

/** A job handler: plain data in, plain data out, deterministic in its payload. */
export type JobHandler = (payload: unknown) => unknown | Promise<unknown>;
