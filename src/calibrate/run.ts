import { monthsBetween, type Observation, type Runner } from '../domain/index.ts';
import { abcSmc, type BatchSimulator, effectiveSampleSize, type Generation, posteriorGeneration } from './abc-smc.ts';
import type { CalibrationConfig } from './config.ts';
import {
  parameterPosterior,
  predictiveChecks,
  type PredictiveCheck,
  type Quantiles,
  seriesPosterior,
} from './posterior.ts';
import type { ParamPrior } from './prior.ts';
import { buildTargets, type Target } from './targets.ts';

export interface CalibrationResult {
  method: 'abc-smc';
  settings: CalibrationConfig['run'] & { alpha: number };
  priors: ParamPrior[];
  targets: Target[];
  /** The generation the posterior is read from (the last complete one). */
  posteriorGeneration: number;
  generations: Array<
    Pick<Generation, 'index' | 'epsilon' | 'simulations' | 'totalSimulations' | 'acceptanceRate'> & {
      ess: number;
      particles: number;
    }
  >;
  parameters: Record<string, Quantiles>;
  /** Unseen totals by month, cumulative, scaled to the real force: the point of it all. */
  unseen: { months: string[]; series: Record<string, Quantiles[]> };
  predictive: PredictiveCheck[];
  warnings: string[];
}

/** A BatchSimulator that sends each proposal as a 'sim.calibrate' job to a runner (threads or Redis). */
export function runnerSimulator(
  runner: Runner,
  cfg: CalibrationConfig,
  targets: Target[],
  onJobs?: (done: number, total: number) => void,
  signal?: AbortSignal,
): BatchSimulator {
  const summaries = [...new Set(targets.map((t) => t.summary))];
  let n = 0;
  return async (batch) => {
    const jobs = batch.map((b) => ({
      id: `p${n++}`,
      kind: 'sim.calibrate',
      payload: {
        theta: b.theta,
        seed: b.seed,
        agents: cfg.run.agents,
        start: cfg.run.start,
        end: cfg.run.end,
        force: cfg.run.force,
        summaries,
      },
    }));
    const out = await runner.run<{ summaries: Record<string, number>; series?: Record<string, number[]> }>(jobs, {
      signal,
      onProgress: (p) => onJobs?.(p.done, p.total),
    });
    const failed = out.filter((o) => !o.ok);
    if (failed.length) throw new Error(`${failed.length} simulation job(s) failed: ${failed[0]!.error}`);
    return out.map((o) => o.result!);
  };
}

export const LOW_ESS = 200;

/** Summarise the last generation into the posterior report. */
export function summarise(
  cfg: CalibrationConfig,
  targets: Target[],
  gens: Generation[],
  alpha = 0.5,
): CalibrationResult {
  const last = posteriorGeneration(gens, cfg.run.populationSize);
  const priors = cfg.priors as ParamPrior[];
  const warnings: string[] = [];
  const ess = effectiveSampleSize(last.particles);
  // A 95% interval's tails are 2.5% each: below 200 effective particles each tail rests on fewer than 5.
  if (ess < LOW_ESS)
    warnings.push(
      `effective sample size ${ess.toFixed(1)} is below ${LOW_ESS}: each 2.5% tail of a 95% interval rests on fewer than ${(0.025 * LOW_ESS).toFixed(0)} effective particles`,
    );
  const cut = gens.at(-1)!;
  if (cut !== last)
    warnings.push(
      `the budget ran out mid-generation ${cut.index} (${cut.particles.length} of ${cfg.run.populationSize} particles): the posterior is read from generation ${last.index}`,
    );
  else if (last.particles.length < cfg.run.populationSize)
    warnings.push(
      `the budget ran out in the first generation: the posterior has ${last.particles.length} of ${cfg.run.populationSize} particles`,
    );
  if (gens.length < 3)
    warnings.push('fewer than 3 generations: the tolerance is still wide, and intervals are close to the prior');
  const predictive = predictiveChecks(last, targets);
  for (const p of predictive)
    if (p.pInside < 0.05)
      warnings.push(
        `target ${p.target} is not reproduced (posterior probability within one scale of its interval: ${(100 * p.pInside).toFixed(1)}%)`,
      );
  return {
    method: 'abc-smc',
    settings: { ...cfg.run, alpha },
    priors,
    targets,
    posteriorGeneration: last.index,
    generations: gens.map((g) => ({
      index: g.index,
      epsilon: g.epsilon,
      simulations: g.simulations,
      totalSimulations: g.totalSimulations,
      acceptanceRate: g.acceptanceRate,
      ess: effectiveSampleSize(g.particles),
      particles: g.particles.length,
    })),
    parameters: parameterPosterior(last, priors),
    unseen: { months: monthsBetween(cfg.run.start, cfg.run.end), series: seriesPosterior(last) },
    predictive,
    warnings,
  };
}

/** Run (or resume) a calibration: yields each finished generation so the caller can save and report it. */
export async function* calibrate(
  cfg: CalibrationConfig,
  observations: Observation[],
  runner: Runner,
  opts: {
    resume?: Generation[];
    file?: string;
    onJobs?: (done: number, total: number) => void;
    signal?: AbortSignal;
  } = {},
): AsyncGenerator<{ generation: Generation; targets: Target[] }> {
  const targets = buildTargets(opts.file ?? 'calibration', cfg.targets, observations, cfg.run.force / cfg.run.agents);
  const sim = runnerSimulator(runner, cfg, targets, opts.onJobs, opts.signal);
  for await (const g of abcSmc(
    sim,
    {
      priors: cfg.priors as ParamPrior[],
      targets,
      populationSize: cfg.run.populationSize,
      budget: cfg.run.budget,
      maxGenerations: cfg.run.maxGenerations,
      minEpsilonDrop: cfg.run.minEpsilonDrop,
      seed: cfg.run.seed,
    },
    opts.resume ?? [],
  )) {
    yield { generation: g, targets };
    if (opts.signal?.aborted) return;
  }
}
