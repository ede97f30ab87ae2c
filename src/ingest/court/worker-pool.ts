import { JobPool, type HandlerRef } from '../../jobs/index.ts';
import type { ClassifiedItem } from './classify-batch.ts';
import type { CourtClassifyPayload, CourtClassifySettings } from './classify-job.ts';

export type WorkerData = CourtClassifySettings;

/** The classification handler, for the worker threads: the compiled module when this one is compiled (dist/). */
const CLASSIFY: HandlerRef = {
  module: new URL(import.meta.url.endsWith('.js') ? './classify-job.js' : './classify-job.ts', import.meta.url),
  export: 'courtClassify',
};

/**
 * Classification of a large import's batches on the job pool's threads; each batch's promise settles
 * with its own items, so the caller merges them in submission order.
 */
export class ClassifyPool {
  private readonly pool: JobPool;

  constructor(
    size: number,
    private readonly data: WorkerData,
  ) {
    // A larger young generation: classification allocates many short-lived objects per record, and
    // the default one made the scavenger a tenth of the worker's time.
    this.pool = new JobPool({ threads: size, minThreads: size, resourceLimits: { maxYoungGenerationSizeMb: 96 } });
  }

  classify(file: string, lines: string[], first: number): Promise<ClassifiedItem[]> {
    return this.pool.run<ClassifiedItem[]>(CLASSIFY, {
      ...this.data,
      file,
      lines,
      first,
    } satisfies CourtClassifyPayload);
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}
