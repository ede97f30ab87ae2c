// Worker thread of a large SUDRFScraper import: parses and classifies batches of lines (the CPU-bound
// part) while the main thread writes the previous batches to the store.
import { parentPort, workerData } from 'node:worker_threads';
import { classifySudrfLines } from './classify-batch.ts';
import { courtNameEncoder } from './linkage-encoding.ts';
import type { WorkerData } from './worker-pool.ts';

const { secret, keepText, linkage } = workerData as WorkerData;
const opts = { secret: secret ?? undefined, keepText, encodeName: linkage ? courtNameEncoder(linkage.schema, linkage.secret) : undefined };

parentPort!.on('message', (m: { id: number; file: string; lines: string[]; first: number }) => {
  parentPort!.postMessage({ id: m.id, items: classifySudrfLines(m.file, m.lines, m.first, opts) });
});
