import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * Lowers the CPU priority of every thread of this process but the main one (Linux only; elsewhere it
 * does nothing). The compute of jobs runs on worker threads: at nice `nice` they yield the cores to the
 * event loop, so health checks and reads stay fast while every core is busy simulating. Threads are
 * re-read on each call because worker threads come and go (and a new one starts at the main thread's
 * priority).
 */
export function deprioritiseWorkerThreads(nice = 10): number {
  if (process.platform !== 'linux') return 0;
  let tids: string[];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return 0;
  }
  let n = 0;
  for (const t of tids) {
    const tid = Number(t);
    if (!Number.isInteger(tid) || tid === process.pid) continue;
    try {
      // On Linux, setpriority(PRIO_PROCESS, tid) applies to that one thread.
      setPriority(tid, nice);
      n++;
    } catch {
      // The thread ended meanwhile.
    }
  }
  return n;
}
