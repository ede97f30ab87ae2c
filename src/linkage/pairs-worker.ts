/** Worker thread: candidate pairs for slices of query rows, over CLK sets shared through SharedArrayBuffer. */
import { parentPort } from 'node:worker_threads';
import { allPairs } from './candidates.ts';
import type { KernelName, PackedClks } from './dice.ts';

export interface PairsJob {
  a: { n: number; words64: number; data: Uint32Array; popcounts: Uint32Array };
  b: { n: number; words64: number; data: Uint32Array; popcounts: Uint32Array } | null;
  threshold: number;
  kernel: KernelName;
}

let job: PairsJob | null = null;
let A: PackedClks | null = null;
let B: PackedClks | null = null;

parentPort?.on('message', (msg: { setup?: PairsJob; rows?: [number, number] }) => {
  if (msg.setup) {
    job = msg.setup;
    A = job.a;
    B = job.b;
    parentPort!.postMessage({ ready: true });
    return;
  }
  if (msg.rows && job && A) {
    const r = allPairs(A, B, job.threshold, job.kernel, msg.rows);
    parentPort!.postMessage({ sim: r.sim, a: r.a, b: r.b, considered: r.considered }, [r.sim.buffer as ArrayBuffer, r.a.buffer as ArrayBuffer, r.b.buffer as ArrayBuffer]);
  }
});
