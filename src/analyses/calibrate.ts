import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { Seed } from './seed.ts';
import {
  completeGenerations,
  type Generation,
  type CalibrationConfig,
  parseCalibrationConfig,
  calibrate,
  summarise,
  type CalibrationResult,
} from '../calibrate/index.ts';
import { BadInputError } from '../domain/index.ts';
import type { Runner } from '../jobs/index.ts';
import type { Store } from '../store/index.ts';

export { completeGenerations, type CalibrationConfig, type CalibrationResult, type Generation };

/** The calibration file the page and `darkfigure calibrate` use unless told otherwise. */
export const DEFAULT_CALIBRATION_FILE = new URL('../../calibration/default.json', import.meta.url).pathname;

/**
 * What the page may ask for: the default calibration file with its own budget. Bounds here only refuse
 * nonsense; a shared server then lowers what is too big for it and says so.
 */
export const CalibrationRequest = z.strictObject({
  budget: z.number().int().min(20).max(100_000).default(120),
  population: z.number().int().min(10).max(10_000).default(30),
  agents: z.number().int().min(1000).max(10_000_000).default(3000),
  seed: Seed,
});
export type CalibrationRequest = z.output<typeof CalibrationRequest>;

/** A calibration file read and validated (bad JSON or a bad setting is the file's fault). */
export function readCalibrationConfig(file: string): CalibrationConfig {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new BadInputError([{ file, line: 0, message: `cannot read as JSON: ${(e as Error).message}` }]);
  }
  return parseCalibrationConfig(file, json);
}

/** The calibration file's settings with the request's budget, population, agents and seed. */
export function configFor(req: CalibrationRequest, file = DEFAULT_CALIBRATION_FILE): CalibrationConfig {
  const cfg = readCalibrationConfig(file);
  return {
    ...cfg,
    run: { ...cfg.run, budget: req.budget, populationSize: req.population, agents: req.agents, seed: req.seed },
  };
}

export interface CalibrationDeps {
  store: Store;
  /** Where the simulations run (threads of this machine, or a Redis queue). */
  runner: Runner;
  signal?: AbortSignal;
  /** Generations already finished (a resumed calibration). */
  resume?: Generation[];
  onJobs?: (done: number, total: number) => void;
}

/**
 * Fits the model to the store's figures (ABC-SMC): yields each finished generation with the posterior so
 * far, as plain data (through JSON once: infinite tolerances become null, as a reader of the JSON sees them).
 */
export async function* runCalibration(
  deps: CalibrationDeps,
  cfg: CalibrationConfig,
  file: string,
): AsyncGenerator<{ generation: Generation; result: CalibrationResult }> {
  const observations = await deps.store.observations();
  const gens: Generation[] = [...(deps.resume ?? [])];
  for await (const { generation, targets } of calibrate(cfg, observations, deps.runner, {
    resume: deps.resume,
    file,
    signal: deps.signal,
    onJobs: deps.onJobs,
  })) {
    gens.push(generation);
    yield { generation, result: JSON.parse(JSON.stringify(summarise(cfg, targets, gens))) as CalibrationResult };
  }
}
