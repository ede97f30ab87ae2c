/**
 * All-pairs candidate generation on worker threads (the job pool's `linkage.pairs` jobs): the packed
 * CLKs are copied once into SharedArrayBuffers, query rows are handed out in small slices (dynamic
 * load balancing; the deduplication triangle makes early rows costlier), and the slices' pairs are
 * merged in row order.
 */
import { allPairs, type CandidatePairs, type KernelName, type PackedClks } from '../linkage/index.ts';
import type { LinkagePairsPayload } from './handlers/linkage-pairs.ts';
import { JobPool } from './pool.ts';

function shared(p: PackedClks): PackedClks {
  const data = new Uint32Array(new SharedArrayBuffer(p.data.byteLength));
  data.set(p.data);
  const popcounts = new Uint32Array(new SharedArrayBuffer(Math.max(4, p.popcounts.byteLength)));
  popcounts.set(p.popcounts);
  return { n: p.n, words64: p.words64, data, popcounts };
}

export async function allPairsParallel(
  A: PackedClks,
  B: PackedClks | null,
  threshold: number,
  threads: number,
  kernel: KernelName = 'wasm',
): Promise<CandidatePairs> {
  if (threads <= 1 || A.n < 256) return allPairs(A, B, threshold, kernel);
  const a = shared(A);
  const b = B ? shared(B) : null;
  const slice = Math.max(16, Math.ceil(A.n / (threads * 16)));
  const slices: Array<[number, number]> = [];
  for (let r = 0; r < A.n; r += slice) slices.push([r, Math.min(A.n, r + slice)]);
  const pool = new JobPool({ threads: Math.min(threads, slices.length), minThreads: threads });
  let results: CandidatePairs[];
  try {
    results = await Promise.all(
      slices.map((rows) =>
        pool.run<CandidatePairs>('linkage.pairs', { a, b, threshold, kernel, rows } satisfies LinkagePairsPayload),
      ),
    );
  } finally {
    await pool.close();
  }
  const total = results.reduce((s, r) => s + r.sim.length, 0);
  const out: CandidatePairs = {
    sim: new Float64Array(total),
    a: new Int32Array(total),
    b: new Int32Array(total),
    considered: 0,
  };
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
