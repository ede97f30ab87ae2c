import { Piscina } from 'piscina';

/**
 * Work that takes seconds (capture–recapture, nowcasts, chart rendering) on worker threads started on
 * first use, so the event loop keeps answering. The worker is a .mjs entry that registers tsx.
 */
export class TaskPool<In, Out> {
  private pool: Piscina | undefined;

  constructor(
    private readonly worker: URL,
    private readonly threads = 1,
  ) {}

  async run(input: In): Promise<Out> {
    this.pool ??= new Piscina({ filename: this.worker.href, minThreads: 0, maxThreads: this.threads, idleTimeout: 60_000 });
    return (await this.pool.run(input)) as Out;
  }

  async close(): Promise<void> {
    await this.pool?.destroy();
    this.pool = undefined;
  }
}
