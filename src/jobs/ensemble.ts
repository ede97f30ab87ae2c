import { runTask, type RunTask, type RunSummary } from '../sim/index.ts';
import { JobPool } from './pool.ts';

// Many runs over the job pool's threads (`sim.ensemble-run` jobs). Each run's seed depends only on
// (ensemble seed, run index), so the results do not depend on the number of workers. Stopping (the
// signal) keeps finished runs.

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
  const threads = Math.min(opts.threads, opts.runs);
  const pool = new JobPool({ threads, minThreads: threads });
  let stopped = false;
  try {
    const jobs = Array.from({ length: opts.runs }, (_, run) =>
      pool.run<RunSummary>('sim.ensemble-run', { ...base, run } satisfies RunTask, opts.signal).then(
        (s) => {
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
    await pool.close();
  }
  summaries.sort((a, b) => a.run - b.run);
  return { summaries, stopped: stopped || (opts.signal?.aborted ?? false) };
}
