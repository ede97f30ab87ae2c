import { Worker } from 'node:worker_threads';
import type { ClassifiedItem } from './classify-batch.ts';

export interface WorkerData {
  secret: Uint8Array | null;
  keepText: boolean;
  linkage: { schema: unknown; secret: Uint8Array } | null;
}

/**
 * Classification on worker threads, results handed back in submission order. The workers run the
 * TypeScript sources through tsx (resolved from this module, so any working directory will do).
 */
export class ClassifyPool {
  private readonly workers: Worker[];
  private next = 0;
  private seq = 0;
  private readonly pending = new Map<number, { resolve: (items: ClassifiedItem[]) => void; reject: (e: Error) => void }>();

  constructor(size: number, data: WorkerData) {
    const tsxApi = import.meta.resolve('tsx/esm/api');
    this.workers = Array.from({ length: size }, () => {
      // A worker does not inherit the loader hooks, and `--import tsx` does not reach its entry module:
      // the entry is a one-line script that registers tsx, as bin/darkfigure.js does, then loads the .ts.
      const worker = JSON.stringify(new URL('./classify-worker.ts', import.meta.url).href);
      // From the compiled build (dist/), the compiled worker needs no loader.
      const entry = import.meta.url.endsWith('.js')
        ? `import(${JSON.stringify(new URL('./classify-worker.js', import.meta.url).href)})`
        : `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${worker}); })`;
      // A larger young generation: classification allocates many short-lived objects per record, and
      // the default one made the scavenger a tenth of the worker's time.
      const w = new Worker(entry, { eval: true, workerData: data, resourceLimits: { maxYoungGenerationSizeMb: 96 } });
      w.on('message', (m: { id: number; items: ClassifiedItem[] }) => {
        this.pending.get(m.id)?.resolve(m.items);
        this.pending.delete(m.id);
      });
      w.on('error', (e) => {
        for (const p of this.pending.values()) p.reject(e);
        this.pending.clear();
      });
      return w;
    });
  }

  classify(file: string, lines: string[], first: number): Promise<ClassifiedItem[]> {
    const id = this.seq++;
    const w = this.workers[this.next++ % this.workers.length];
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      w.postMessage({ id, file, lines, first });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
