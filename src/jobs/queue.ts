import { randomUUID } from 'node:crypto';
import { type Job, Queue, QueueEvents, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { runHandler } from './handlers/index.ts';
import type { JobOutcome, JobSpec, RunOptions, Runner } from './types.ts';

export const DEFAULT_QUEUE = 'darkfigure-jobs';

export interface QueueConnection {
  /** redis://host:port */
  redis: string;
  queue?: string;
}

function connection(url: string): Redis {
  // BullMQ workers block on Redis; they must not give up after a few retries.
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false });
}

interface Payload {
  kind: string;
  payload: unknown;
}

/**
 * The coordinator side: enqueue jobs on Redis and collect their results from whichever
 * `darkfigure worker` processes serve the queue. A job whose worker dies is put back by BullMQ's
 * stalled-job check and run again elsewhere; its result is the same because jobs are deterministic.
 */
export class QueueRunner implements Runner {
  readonly name = 'redis';
  private readonly conn: Redis;
  private readonly eventsConn: Redis;
  private readonly queue: Queue<Payload>;
  private readonly events: QueueEvents;

  constructor(opts: QueueConnection) {
    this.conn = connection(opts.redis);
    this.eventsConn = connection(opts.redis);
    const name = opts.queue ?? DEFAULT_QUEUE;
    this.queue = new Queue<Payload>(name, { connection: this.conn });
    this.events = new QueueEvents(name, { connection: this.eventsConn });
  }

  async run<R>(jobs: JobSpec[], opts: RunOptions = {}): Promise<JobOutcome<R>[]> {
    await this.events.waitUntilReady();
    const tag = randomUUID().slice(0, 8);
    const qid = (j: JobSpec) => `${tag}.${j.id}`;
    const byQid = new Map(jobs.map((j) => [qid(j), j.id]));
    const outcomes = new Map<string, JobOutcome<R>>();
    let failed = 0;

    await new Promise<void>((resolve, reject) => {
      const finish = (id: string, o: JobOutcome<R>) => {
        if (outcomes.has(id)) return;
        outcomes.set(id, o);
        if (!o.ok) failed++;
        opts.onProgress?.({ done: outcomes.size, total: jobs.length, failed, last: id });
        if (outcomes.size === jobs.length) done();
      };
      const fromJob = (job: Job<Payload> | undefined) => {
        if (!job) return;
        const id = byQid.get(job.id ?? '');
        if (id === undefined) return;
        if (job.finishedOn && job.failedReason && job.attemptsMade >= (job.opts.attempts ?? 1))
          finish(id, { id, ok: false, error: job.failedReason, attempts: job.attemptsMade });
        else if (job.finishedOn && !job.failedReason)
          finish(id, { id, ok: true, result: job.returnvalue as R, attempts: job.attemptsMade });
      };
      const onCompleted = ({ jobId }: { jobId: string }) => {
        if (byQid.has(jobId)) void this.queue.getJob(jobId).then(fromJob, () => undefined);
      };
      const onFailed = onCompleted;
      // Events can be missed (e.g. a job that finished before we subscribed): sweep now and then.
      const sweep = setInterval(() => {
        const pending = [...byQid.keys()].filter((q) => !outcomes.has(byQid.get(q)!));
        void Promise.all(pending.map((q) => this.queue.getJob(q).then(fromJob))).catch(() => undefined);
      }, 1000);
      const onAbort = () => {
        cleanup();
        reject(new Error('aborted'));
      };
      const cleanup = () => {
        clearInterval(sweep);
        this.events.off('completed', onCompleted);
        this.events.off('failed', onFailed);
        opts.signal?.removeEventListener('abort', onAbort);
      };
      const done = () => {
        cleanup();
        resolve();
      };
      this.events.on('completed', onCompleted);
      this.events.on('failed', onFailed);
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      if (jobs.length === 0) return done();
      this.queue
        .addBulk(
          jobs.map((j) => ({
            name: j.kind,
            data: { kind: j.kind, payload: j.payload },
            opts: {
              jobId: qid(j),
              attempts: 3,
              backoff: { type: 'fixed', delay: 200 },
              removeOnComplete: false,
              removeOnFail: false,
            },
          })),
        )
        .catch((e) => {
          cleanup();
          reject(e);
        });
    });

    // Results are collected: drop them from Redis so memory stays bounded across long runs.
    await Promise.all([...byQid.keys()].map((q) => this.queue.remove(q).catch(() => 0)));
    return jobs.map((j) => outcomes.get(j.id)!);
  }

  async close(): Promise<void> {
    await this.events.close();
    await this.queue.close();
    this.conn.disconnect();
    this.eventsConn.disconnect();
  }
}

export interface QueueWorkerOptions extends QueueConnection {
  concurrency?: number;
  /** How long a job's lock lasts without renewal; a dead worker's job is retried after about this long. */
  lockMs?: number;
  onJob?: (e: { id: string; kind: string; state: 'started' | 'completed' | 'failed'; error?: string }) => void;
}

/** A worker process's side: serve jobs from the queue with the same handlers the thread pool uses. */
export function startQueueWorker(opts: QueueWorkerOptions): { worker: Worker<Payload>; close(): Promise<void> } {
  const conn = connection(opts.redis);
  const lockDuration = opts.lockMs ?? 10_000;
  const worker = new Worker<Payload>(
    opts.queue ?? DEFAULT_QUEUE,
    async (job) => {
      opts.onJob?.({ id: job.id ?? '', kind: job.data.kind, state: 'started' });
      return runHandler(job.data.kind, job.data.payload);
    },
    {
      connection: conn,
      concurrency: opts.concurrency ?? 1,
      lockDuration,
      stalledInterval: Math.max(500, Math.floor(lockDuration / 2)),
      maxStalledCount: 5,
    },
  );
  worker.on('completed', (job) => opts.onJob?.({ id: job.id ?? '', kind: job.data.kind, state: 'completed' }));
  worker.on('failed', (job, err) =>
    opts.onJob?.({ id: job?.id ?? '', kind: job?.data.kind ?? '', state: 'failed', error: err.message }),
  );
  return {
    worker,
    close: async () => {
      await worker.close();
      conn.disconnect();
    },
  };
}
