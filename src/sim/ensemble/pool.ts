import { Piscina } from 'piscina';
import { runTask, type RunTask } from './task.ts';
import type { RunSummary } from '../summary.ts';

// Many runs over a worker-thread pool. Each run's seed depends only on (ensemble seed, run index),
// so the results do not depend on the number of workers. Stopping (the signal) keeps finished runs.

export interface EnsembleOptions {
  runs: number;
  threads: number;
  signal?: AbortSignal;
  onRunDone?: (done: number, total: number) => void;
}

export interface EnsembleOutcome {
  summaries: RunSummary[];
  stopped: boolean;
}

export async function runEnsemble(base: Omit<RunTask, 'run'>, opts: EnsembleOptions): Promise<EnsembleOutcome> {
  const summaries: RunSummary[] = [];
  let done = 0;
  if (opts.threads <= 1) {
    // In-process: the same task function, one run after another; yield between runs so a signal can land.
    for (let run = 0; run < opts.runs; run++) {
      if (opts.signal?.aborted) return { summaries, stopped: true };
      summaries.push(runTask({ ...base, run }));
      opts.onRunDone?.(++done, opts.runs);
      await new Promise((r) => setImmediate(r));
    }
    return { summaries, stopped: false };
  }
  const pool = new Piscina({
    filename: new URL('./worker.mjs', import.meta.url).href,
    minThreads: Math.min(opts.threads, opts.runs),
    maxThreads: Math.min(opts.threads, opts.runs),
  });
  let stopped = false;
  try {
    const jobs = Array.from({ length: opts.runs }, (_, run) =>
      pool.run({ ...base, run } satisfies RunTask, { signal: opts.signal }).then(
        (s: RunSummary) => {
          summaries.push(s);
          opts.onRunDone?.(++done, opts.runs);
        },
        (err: unknown) => {
          if (opts.signal?.aborted) stopped = true;
          else throw err;
        },
      ),
    );
    await Promise.all(jobs);
  } finally {
    await pool.destroy();
  }
  summaries.sort((a, b) => a.run - b.run);
  return { summaries, stopped: stopped || (opts.signal?.aborted ?? false) };
}
