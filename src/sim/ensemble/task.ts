import { simulate } from '../engine.ts';
import { runSeed } from '../rng.ts';
import type { ResolvedScenario } from '../scenario.ts';
import { summarise, type RunSummary } from '../summary.ts';

/** One ensemble member: plain data in, plain data out (it runs in a worker thread or in-process). */
export interface RunTask {
  run: number;
  seed: number;
  agents: number;
  start: string;
  end: string;
  scenario: ResolvedScenario;
}

export function runTask(t: RunTask): RunSummary {
  const r = simulate({
    seed: runSeed(t.seed, t.run),
    agents: t.agents,
    start: t.start,
    end: t.end,
    scenario: t.scenario,
  });
  return summarise(r, t.run);
}
