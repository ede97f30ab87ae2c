/**
 * All-pairs candidate generation on worker threads: the packed CLKs are copied once into
 * SharedArrayBuffers, query rows are handed out in small slices (dynamic load balancing; the
 * deduplication triangle makes early rows costlier), and the slices' pairs are merged in row order.
 */
import { Worker } from 'node:worker_threads';
import { allPairs, type CandidatePairs } from './candidates.ts';
import type { KernelName, PackedClks } from './dice.ts';

function shared(p: PackedClks): PackedClks {
  const data = new Uint32Array(new SharedArrayBuffer(p.data.byteLength));
  data.set(p.data);
  const popcounts = new Uint32Array(new SharedArrayBuffer(Math.max(4, p.popcounts.byteLength)));
  popcounts.set(p.popcounts);
  return { n: p.n, words64: p.words64, data, popcounts };
}

/**
 * A worker running pairs-worker: the compiled .js next to this module when it runs from the build
 * (dist/), else the .ts source with the TypeScript loader (tsx) registered inside the thread first.
 */
function startWorker(): Worker {
  if (import.meta.url.endsWith('.js')) return new Worker(new URL('./pairs-worker.js', import.meta.url));
  const script = new URL('./pairs-worker.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(script)}); });`;
  return new Worker(boot, { eval: true });
}

export async function allPairsParallel(A: PackedClks, B: PackedClks | null, threshold: number, threads: number, kernel: KernelName = 'wasm'): Promise<CandidatePairs> {
  if (threads <= 1 || A.n < 256) return allPairs(A, B, threshold, kernel);
  const a = shared(A);
  const b = B ? shared(B) : null;
  const slice = Math.max(16, Math.ceil(A.n / (threads * 16)));
  const slices: Array<[number, number]> = [];
  for (let r = 0; r < A.n; r += slice) slices.push([r, Math.min(A.n, r + slice)]);
  const results: CandidatePairs[] = new Array(slices.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(threads, slices.length) }, () => startWorker());
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            let current = -1;
            const send = () => {
              if (next >= slices.length) return resolve();
              current = next++;
              w.postMessage({ rows: slices[current] });
            };
            w.on('error', reject);
            w.on('message', (m: { ready?: boolean } & Partial<CandidatePairs>) => {
              if (m.ready) return send();
              results[current] = { sim: m.sim!, a: m.a!, b: m.b!, considered: m.considered! };
              send();
            });
            w.postMessage({ setup: { a, b, threshold, kernel } });
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  const total = results.reduce((s, r) => s + r.sim.length, 0);
  const out: CandidatePairs = { sim: new Float64Array(total), a: new Int32Array(total), b: new Int32Array(total), considered: 0 };
  let o = 0;
  for (const r of results) {
    out.sim.set(r.sim, o);
    out.a.set(r.a, o);
    out.b.set(r.b, o);
    o += r.sim.length;
    out.considered += r.considered;
  }
  return out;
}
