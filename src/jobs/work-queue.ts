import { availableParallelism } from 'node:os';

/** The queue is full: try again after `retryAfterS` seconds (HTTP 429 with Retry-After). */
export class QueueFullError extends Error {
  constructor(
    message: string,
    readonly retryAfterS: number,
  ) {
    super(message);
    this.name = 'QueueFullError';
  }
}

/** The owner already has its quota of jobs queued or running (HTTP 429). */
export class QuotaError extends QueueFullError {
  constructor(message: string, retryAfterS: number) {
    super(message, retryAfterS);
    this.name = 'QuotaError';
  }
}

/** The job was cancelled (by its owner, by a client that went away, or by shutdown) before it ended. */
export class CancelledError extends Error {
  constructor(message = 'cancelled') {
    super(message);
    this.name = 'CancelledError';
  }
}

export interface WorkQueueOptions {
  /** Work units that may run at once (default: the core count). */
  concurrency?: number;
  /** Jobs that may wait for a free unit; one more is refused with QueueFullError. */
  maxQueued?: number;
}

export interface Submitted<T> {
  /** Settles when the job ends: its result, its error, or CancelledError. */
  readonly done: Promise<T>;
  /** 'queued' until it starts; then 'running' until it ends. */
  phase(): 'queued' | 'running' | 'ended';
  /** Jobs ahead of it in the queue (0 when it runs or ended). */
  position(): number;
  cancel(reason?: string): void;
}

interface Entry {
  owner: string;
  weight: number;
  controller: AbortController;
  start: () => void;
  cancel: (reason: string) => void;
  phase: 'queued' | 'running' | 'ended';
}

/**
 * The server's one queue of compute: at most `concurrency` units of work at once (a job that runs on
 * two threads weighs two), at most `maxQueued` waiting, at most an owner's quota queued or running.
 * First in, first out, without overtaking, so a heavy job is never starved by light ones.
 * Cancellation aborts the job's signal; a job must stop its work when the signal fires.
 */
export class WorkQueue {
  readonly concurrency: number;
  readonly maxQueued: number;
  private readonly waiting: Entry[] = [];
  private readonly running = new Set<Entry>();
  private busy = 0;
  /** Running mean of job durations (s), for Retry-After. */
  private meanS = 10;
  private closed = false;

  constructor(opts: WorkQueueOptions = {}) {
    this.concurrency = Math.max(1, Math.floor(opts.concurrency ?? availableParallelism()));
    this.maxQueued = Math.max(0, Math.floor(opts.maxQueued ?? 8));
  }

  /** Jobs queued or running for an owner. */
  countFor(owner: string): number {
    let n = 0;
    for (const e of this.running) if (e.owner === owner) n++;
    for (const e of this.waiting) if (e.owner === owner) n++;
    return n;
  }

  stats(): { running: number; queued: number; busy: number; concurrency: number; maxQueued: number } {
    return {
      running: this.running.size,
      queued: this.waiting.length,
      busy: this.busy,
      concurrency: this.concurrency,
      maxQueued: this.maxQueued,
    };
  }

  /** A rough wait in whole seconds before a slot frees (at least 1). */
  retryAfter(): number {
    const ahead = this.waiting.length + this.running.size;
    return Math.max(1, Math.min(600, Math.ceil((this.meanS * Math.max(1, ahead)) / this.concurrency)));
  }

  /**
   * Queues `run`; throws QueueFullError or QuotaError at once when it cannot be accepted. `weight` is
   * the units the job occupies (clamped to 1..concurrency); `signal` cancels it from outside.
   */
  submit<T>(opts: {
    owner: string;
    maxForOwner?: number;
    weight?: number;
    signal?: AbortSignal;
    run: (signal: AbortSignal) => Promise<T>;
  }): Submitted<T> {
    const { weight, canStart } = this.check(opts);

    const controller = new AbortController();
    let resolve!: (v: T) => void;
    let reject!: (e: unknown) => void;
    const done = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
    // Nobody may be listening yet (a background job); the owner reads the outcome through its own state.
    done.catch(() => undefined);
    const entry: Entry = {
      owner: opts.owner,
      weight,
      controller,
      phase: 'queued',
      cancel: () => undefined,
      start: () => {
        entry.phase = 'running';
        this.busy += weight;
        this.running.add(entry);
        const t0 = performance.now();
        const cancelled = () => new CancelledError(String(controller.signal.reason ?? 'cancelled'));
        // The units are given back before the outcome is told, so that whoever awaits it sees them free.
        const settle = (tell: () => void) => {
          entry.phase = 'ended';
          this.busy -= weight;
          this.running.delete(entry);
          this.meanS = 0.8 * this.meanS + 0.2 * ((performance.now() - t0) / 1000);
          tell();
          this.pump();
        };
        Promise.resolve()
          .then(() => {
            if (controller.signal.aborted) throw cancelled();
            return opts.run(controller.signal);
          })
          .then(
            (v) => settle(() => (controller.signal.aborted ? reject(cancelled()) : resolve(v))),
            (e) => settle(() => reject(controller.signal.aborted ? cancelled() : e)),
          );
      },
    };
    const cancel = (reason = 'cancelled') => {
      if (entry.phase === 'ended') return;
      if (entry.phase === 'queued') {
        const i = this.waiting.indexOf(entry);
        if (i >= 0) this.waiting.splice(i, 1);
        entry.phase = 'ended';
        controller.abort(reason);
        reject(new CancelledError(reason));
        return;
      }
      controller.abort(reason);
    };
    entry.cancel = cancel;
    if (opts.signal) {
      if (opts.signal.aborted) {
        entry.phase = 'ended';
        reject(new CancelledError('the client went away'));
        return { done, phase: () => entry.phase, position: () => 0, cancel: () => undefined };
      }
      opts.signal.addEventListener('abort', () => cancel('the client went away'), { once: true });
    }
    if (canStart) entry.start();
    else this.waiting.push(entry);
    return { done, phase: () => entry.phase, position: () => Math.max(0, this.waiting.indexOf(entry)), cancel };
  }

  /**
   * Throws what submit would throw (shutting down, quota, queue full) without queueing anything: a
   * request can be refused before any costly preparation.
   */
  check(opts: { owner: string; maxForOwner?: number; weight?: number }): { weight: number; canStart: boolean } {
    if (this.closed) throw new CancelledError('the server is shutting down');
    if (opts.maxForOwner !== undefined && this.countFor(opts.owner) >= opts.maxForOwner)
      throw new QuotaError(
        `quota reached: ${opts.maxForOwner} job(s) queued or running for this client; wait for one to end or cancel it`,
        this.retryAfter(),
      );
    const weight = Math.min(this.concurrency, Math.max(1, Math.floor(opts.weight ?? 1)));
    const canStart = this.waiting.length === 0 && this.busy + weight <= this.concurrency;
    if (!canStart && this.waiting.length >= this.maxQueued)
      throw new QueueFullError(
        `the job queue is full (${this.maxQueued} waiting, ${this.running.size} running): try again later`,
        this.retryAfter(),
      );
    return { weight, canStart };
  }

  private pump(): void {
    while (this.waiting.length && this.busy + this.waiting[0]!.weight <= this.concurrency)
      this.waiting.shift()!.start();
  }

  /** Cancel everything (shutdown) and wait, a few seconds at most, for running jobs to stop. */
  async close(): Promise<void> {
    this.closed = true;
    for (const e of [...this.waiting, ...this.running]) e.cancel('the server is shutting down');
    const deadline = Date.now() + 5000;
    while (this.running.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  }
}
