import { readdirSync, readFileSync } from 'node:fs';
import { isMainThread, Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { deprioritiseWorkerThreads } from '../../src/server/niceness.ts';

/** The nice value of one thread of this process (field 19 of its /proc stat line); NaN once it has ended. */
function niceOf(tid: number): number {
  try {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  } catch {
    return Number.NaN;
  }
}

// Only where this test runs on the process's main thread (the server's case); a thread pool would renice the test itself.
describe.skipIf(process.platform !== 'linux' || !isMainThread)('compute threads run below the event loop', () => {
  it('renices every thread but the main one, a worker thread included', async () => {
    const worker = new Worker('setInterval(() => {}, 1000)', { eval: true });
    await new Promise((r) => worker.once('online', r));
    try {
      // The threads alive before the call (the worker's among them); one started later is not its business.
      const others = readdirSync('/proc/self/task')
        .map(Number)
        .filter((t) => t !== process.pid);
      expect(others.length).toBeGreaterThan(0);
      expect(deprioritiseWorkerThreads(10)).toBeGreaterThan(0);
      expect(niceOf(process.pid)).toBe(0);
      for (const tid of others) {
        const nice = niceOf(tid);
        if (!Number.isNaN(nice)) expect(nice, `thread ${tid}`).toBe(10); // NaN: it ended meanwhile
      }
    } finally {
      await worker.terminate();
    }
  });
});
