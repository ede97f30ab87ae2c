/**
 * Background jobs by id, each with a signal that stops it. Finished jobs are kept (the newest `keep`)
 * so that a reloaded page can reattach and read the result; running ones are stopped on close.
 */
export class JobBook<S extends { id: string; status: string }> {
  private readonly jobs = new Map<string, S>();
  private readonly controllers = new Map<string, AbortController>();
  private next = 1;

  constructor(
    private readonly prefix: string,
    private readonly keep: number,
  ) {}

  /** Register a new job made by `make` from its fresh id; returns it and the signal that stops it. */
  add(make: (id: string) => S): { job: S; signal: AbortSignal } {
    const job = make(`${this.prefix}-${Date.now().toString(36)}-${(this.next++).toString(36)}`);
    this.jobs.set(job.id, job);
    const controller = new AbortController();
    this.controllers.set(job.id, controller);
    const finished = [...this.jobs.values()].filter((j) => j.status !== 'running');
    for (const j of finished.slice(0, Math.max(0, finished.length - this.keep))) this.jobs.delete(j.id);
    return { job, signal: controller.signal };
  }

  get(id: string): S | undefined {
    return this.jobs.get(id);
  }

  /** The job's work has ended (done or failed). */
  ended(id: string): void {
    this.controllers.delete(id);
  }

  /** Stop running jobs and wait (a few seconds at most) for them to end (server shutdown). */
  async close(): Promise<void> {
    for (const c of this.controllers.values()) c.abort();
    const deadline = Date.now() + 5000;
    while (this.controllers.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  }
}
