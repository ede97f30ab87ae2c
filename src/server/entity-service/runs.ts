/**
 * Runs of the linkage service: created → queued (all parties have uploaded) → running → completed or
 * error, kept in the store. The linkage itself is a `linkage.run` job (src/jobs/handlers/linkage-run.ts)
 * on a job runner — worker threads by default, or a BullMQ QueueRunner so that other machines share the
 * runs — submitted through the server's one work queue, so it counts against the server's concurrency.
 */
import { randomInt } from 'node:crypto';
import {
  ThreadPoolRunner,
  type Runner,
  type LinkageRunPayload,
  type LinkageRunResult,
  QueueFullError,
  type WorkQueue,
} from '../../jobs/index.ts';
import type { Store, RunRow } from '../../store/index.ts';

/** What a stored result holds: the handler's result and the run's measured pace. */
export interface StoredResult extends LinkageRunResult {
  seconds: number;
}

export class LinkageRuns {
  private readonly submitted = new Map<string, { cancel(reason?: string): void }>();
  /** Comparisons per second of the last run finished here (GET /status's `rate`). */
  rate = 0;
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly queue: WorkQueue,
    /** A shared runner (e.g. a QueueRunner); without one each run gets a one-thread pool, closed after it. */
    private readonly runner?: Runner,
  ) {}

  /** Queues every created run of the project once all its parties have uploaded. */
  async kick(projectId: string): Promise<void> {
    const project = await this.store.linkageProjects.getProject(projectId);
    if (!project || this.closed) return;
    const parties = await this.store.linkageProjects.partyStates(projectId);
    if (parties.filter((p) => p.upload_state === 'done').length < project.number_parties) return;
    for (const run of await this.store.linkageProjects.listRuns(projectId)) {
      if (run.state !== 'created') continue;
      if (!(await this.store.linkageProjects.updateRun(run.run_id, { state: 'queued', stage: 2 }, ['created'])))
        continue;
      try {
        this.submit(project.result_type, run);
      } catch (e) {
        // The server's queue is full: the run waits as created and is tried again later.
        await this.store.linkageProjects.updateRun(run.run_id, { state: 'created', stage: 1 }, ['queued']);
        if (!(e instanceof QueueFullError)) throw e;
        setTimeout(() => void this.kick(projectId).catch(() => undefined), e.retryAfterS * 1000).unref();
        return;
      }
    }
  }

  /** Stops a queued or running run (its row is being deleted). */
  cancel(runId: string): void {
    this.submitted.get(runId)?.cancel('the run was deleted');
  }

  private submit(resultType: string, run: RunRow): void {
    const job = this.queue.submit({
      owner: `linkage:${run.project_id}`,
      run: (signal) => this.execute(resultType, run, signal),
    });
    this.submitted.set(run.run_id, job);
    job.done.then(
      () => this.submitted.delete(run.run_id),
      async (e: unknown) => {
        this.submitted.delete(run.run_id);
        await this.fail(run, e instanceof Error ? e.message : String(e));
      },
    );
  }

  private async fail(run: RunRow, message: string): Promise<void> {
    if (
      await this.store.linkageProjects.updateRun(
        run.run_id,
        { state: 'error', error: message.slice(0, 500), time_completed: new Date().toISOString() },
        ['queued', 'running'],
      )
    )
      await this.store.linkageProjects.audit({
        project_id: run.project_id,
        run_id: run.run_id,
        action: 'run.finish',
        role: 'server',
        party: null,
        outcome: 'error',
      });
  }

  private async execute(resultType: string, run: RunRow, signal: AbortSignal): Promise<void> {
    const t0 = performance.now();
    if (
      !(await this.store.linkageProjects.updateRun(
        run.run_id,
        { state: 'running', time_started: new Date().toISOString() },
        ['queued'],
      ))
    )
      return;
    const parties = await this.store.linkageProjects.uploads(run.project_id);
    const payload: LinkageRunPayload = {
      parties: parties.map((p) => ({
        count: p.count,
        size: p.size,
        clks: Buffer.from(p.clks.buffer, p.clks.byteOffset, p.clks.byteLength).toString('base64'),
      })),
      threshold: run.threshold,
      resultType,
      seed: randomInt(2 ** 31),
    };
    const runner = this.runner ?? new ThreadPoolRunner({ threads: 1 });
    try {
      const [outcome] = await runner.run<LinkageRunResult>([{ id: run.run_id, kind: 'linkage.run', payload }], {
        signal,
      });
      if (signal.aborted) throw new Error('cancelled');
      // One job in, one outcome out; a missing one is a failed job like any other.
      if (!outcome?.ok || !outcome.result) throw new Error(outcome?.error ?? 'the linkage job failed');
      const seconds = (performance.now() - t0) / 1000;
      this.rate = Math.round(outcome.result.comparisons / Math.max(seconds, 1e-3));
      const stored: StoredResult = { ...outcome.result, seconds };
      const done = await this.store.linkageProjects.updateRun(
        run.run_id,
        { state: 'completed', stage: 3, time_completed: new Date().toISOString(), result: JSON.stringify(stored) },
        ['running'],
      );
      if (done)
        await this.store.linkageProjects.audit({
          project_id: run.project_id,
          run_id: run.run_id,
          action: 'run.finish',
          role: 'server',
          party: null,
          outcome: 'completed',
        });
    } finally {
      if (!this.runner) await runner.close();
    }
  }

  close(): void {
    this.closed = true;
    for (const job of this.submitted.values()) job.cancel('the server is shutting down');
  }
}
