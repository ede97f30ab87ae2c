import { randomUUID } from 'node:crypto';
import { CancelledError, type Submitted } from '../jobs/index.ts';

/** A background job's state as the registries keep it; `phase` and `position` come from the queue. */
export interface BookedJob {
  id: string;
  status: 'running' | 'done' | 'failed';
  error?: string;
  /** True when the job was cancelled (by its owner, or because nobody polled it any more). */
  cancelled?: boolean;
}

interface Tracked {
  owner: string;
  submitted: Submitted<unknown>;
  seenAt: number;
}

/**
 * Background jobs by id: random, unguessable ids (a job id is the capability to read it); the owner
 * that may cancel it; and a lease, so that a job nobody polls any more is cancelled (its client went
 * away). Finished jobs are kept (the newest `keep`) so that a reloaded page can reattach.
 */
export class JobBook<S extends BookedJob> {
  private readonly jobs = new Map<string, S>();
  private readonly tracked = new Map<string, Tracked>();
  private readonly sweeper: ReturnType<typeof setInterval>;

  constructor(
    private readonly prefix: string,
    private readonly keep: number,
    /** Cancel a job nobody has read for this long (default: never). */
    private readonly abandonAfterMs = Number.POSITIVE_INFINITY,
  ) {
    this.sweeper = setInterval(() => this.sweep(), Math.min(5000, Math.max(50, abandonAfterMs / 4)));
    this.sweeper.unref();
  }

  /** A fresh id: 122 random bits (crypto), so that nobody can guess another client's job. */
  newId(): string {
    return `${this.prefix}-${randomUUID()}`;
  }

  /**
   * Keeps a job that the queue accepted; its status follows the queue's outcome: `onResult` stores a
   * result, an error or a cancellation makes it failed.
   */
  add<T>(job: S, owner: string, submitted: Submitted<T>, onResult: (value: T) => void): void {
    this.jobs.set(job.id, job);
    this.tracked.set(job.id, { owner, submitted, seenAt: performance.now() });
    submitted.done
      .then(
        (v) => {
          onResult(v);
          job.status = 'done';
        },
        (e: unknown) => {
          job.status = 'failed';
          if (e instanceof CancelledError) job.cancelled = true;
          job.error =
            e instanceof CancelledError ? `cancelled: ${e.message}` : e instanceof Error ? e.message : String(e);
        },
      )
      .finally(() => this.tracked.delete(job.id));
    const finished = [...this.jobs.values()].filter((j) => j.status !== 'running');
    for (const j of finished.slice(0, Math.max(0, finished.length - this.keep))) this.jobs.delete(j.id);
  }

  /** The job, and a renewed lease (whoever reads it is still there). */
  get(id: string): S | undefined {
    const t = this.tracked.get(id);
    if (t) t.seenAt = performance.now();
    return this.jobs.get(id);
  }

  /** Where a job stands in the queue, while it has not ended. */
  queueState(id: string): { phase: 'queued' | 'running'; position: number } | undefined {
    const t = this.tracked.get(id);
    const phase = t?.submitted.phase();
    return t && phase !== 'ended' && phase !== undefined ? { phase, position: t.submitted.position() } : undefined;
  }

  /**
   * The owner's request to stop a job: 'cancelled' (it was queued or running), 'removed' (it had ended:
   * forgotten), 'forbidden' (another owner's), or 'unknown'.
   */
  cancel(id: string, owner: string): 'cancelled' | 'removed' | 'forbidden' | 'unknown' {
    const t = this.tracked.get(id);
    if (t) {
      if (t.owner !== owner) return 'forbidden';
      t.submitted.cancel('by its owner');
      return 'cancelled';
    }
    if (!this.jobs.has(id)) return 'unknown';
    this.jobs.delete(id);
    return 'removed';
  }

  /** Cancels jobs that nobody has read for abandonAfterMs: their client went away. */
  private sweep(): void {
    const now = performance.now();
    for (const t of this.tracked.values())
      if (now - t.seenAt > this.abandonAfterMs)
        t.submitted.cancel(`nobody asked for it for ${Math.round(this.abandonAfterMs / 1000)} s`);
  }

  /** Stops the sweeper and waits (a few seconds at most) for the jobs' ends to be recorded (shutdown; the queue cancels them). */
  async close(): Promise<void> {
    clearInterval(this.sweeper);
    for (const t of this.tracked.values()) t.submitted.cancel('the server is shutting down');
    const deadline = Date.now() + 5000;
    while (this.tracked.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  }
}
