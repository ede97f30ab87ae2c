// Log-linear MSE as report objects: the best model by AIC/BIC (or stepwise), with profile and bootstrap intervals.
import { bootstrapInterval, type BootstrapResult, type Selector } from './bootstrap.ts';
import { EstimateUndefinedError, type MseEstimate } from './estimate.ts';
import { defaultMaxOrder, parseModel, type HierarchicalModel } from './hierarchical-models.ts';
import { fitLoglinear, type LoglinearFit } from './loglinear-fit.ts';
import { MAX_EXHAUSTIVE_LISTS, rankModels, stepwiseSelect, type Criterion } from './model-selection.ts';
import { profileLikelihoodInterval, type ProfileInterval } from './profile-interval.ts';
import { observedTotal, toPatternCounts, type PatternTable } from './table.ts';

export interface LoglinearOptions {
  criterion?: Criterion;
  maxOrder?: number;
  level?: number;
  seed?: number;
  /** Bootstrap replicates for the headline interval; 0 skips the bootstrap (profile interval instead). */
  replicates?: number;
  /** Re-select among this many of the best-ranked models in each replicate (default: all admissible, at most 20). */
  ntop?: number;
  /** Stepwise p-value threshold. */
  pThreshold?: number;
}

const ERRORS: Record<number, string> = {
  1: 'maximum-likelihood estimate does not exist (a fitted cell goes to 0)',
  2: 'not identifiable',
};

function summary(f: LoglinearFit) {
  return {
    model: f.name,
    estimate: f.estimate,
    aic: f.aic,
    bic: f.bic,
    deviance: f.deviance,
    df: f.df,
    droppedTerms: f.droppedTerms,
  };
}

function bestOf(models: HierarchicalModel[], criterion: Criterion): Selector {
  return (t) => {
    let best = NaN;
    let score = Infinity;
    for (const m of models) {
      const f = fitLoglinear(t, m);
      if (f.code === 0 && f.converged && Number.isFinite(f.estimate) && f[criterion] < score) {
        score = f[criterion];
        best = f.estimate;
      }
    }
    return best;
  };
}

function safeProfile(t: PatternTable, m: HierarchicalModel, level: number): ProfileInterval | { error: string } {
  try {
    return profileLikelihoodInterval(t, m, level);
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

function finish(
  method: string,
  t: PatternTable,
  selected: LoglinearFit,
  level: number,
  profile: ProfileInterval | { error: string },
  boot: BootstrapResult | null,
  settings: Record<string, unknown>,
  diagnostics: Record<string, unknown>,
): MseEstimate {
  const warnings: string[] = [];
  let interval: [number, number];
  let intervalKind: string;
  if (boot && Number.isFinite(boot.interval[0])) {
    interval = boot.interval;
    intervalKind = 'BCa bootstrap with model re-selection';
    if (boot.failedReplicates > 0)
      warnings.push(`${boot.failedReplicates} of ${boot.replicates} bootstrap replicates had no admissible model`);
  } else if ('interval' in profile) {
    interval = profile.interval;
    intervalKind = 'profile likelihood (selected model)';
  } else {
    interval = [NaN, NaN];
    intervalKind = 'none';
  }
  if ('openAbove' in profile && profile.openAbove)
    warnings.push('the profile likelihood is flat above: the upper end is not bounded by the data');
  if (!selected.converged) warnings.push('IRLS did not converge for the selected model');
  return {
    method,
    model: selected.name,
    estimate: selected.estimate,
    interval,
    level,
    settings: { ...settings, interval: intervalKind },
    inputs: { lists: t.lists, counts: toPatternCounts(t), observed: observedTotal(t) },
    diagnostics: {
      selected: summary(selected),
      standardError: selected.standardError,
      profileInterval: 'interval' in profile ? profile.interval : profile.error,
      bootstrap: boot
        ? {
            percentile: boot.percentile,
            replicates: boot.replicates,
            failedReplicates: boot.failedReplicates,
            biasCorrection: boot.biasCorrection,
            acceleration: boot.acceleration,
          }
        : null,
      ...diagnostics,
    },
    warnings,
  };
}

/** Exhaustive search over hierarchical models (J ≤ 5), best by BIC (or AIC); stepwise beyond 5 lists. */
export function estimateLoglinear(t: PatternTable, opts: LoglinearOptions = {}): MseEstimate {
  const j = t.lists.length;
  if (j > MAX_EXHAUSTIVE_LISTS) {
    const r = estimateStepwise(t, opts);
    r.method = 'loglinear';
    r.warnings.push(
      `${j} lists: the exhaustive search stops at ${MAX_EXHAUSTIVE_LISTS}, so stepwise selection was used`,
    );
    return r;
  }
  const level = opts.level ?? 0.95;
  const criterion = opts.criterion ?? 'bic';
  const maxOrder = opts.maxOrder ?? defaultMaxOrder(j);
  const ranking = rankModels(t, { criterion, maxOrder });
  const selected = ranking.ranked[0];
  if (!selected) throw new EstimateUndefinedError('no hierarchical log-linear model has an estimate for this table');
  const ntop = Math.min(opts.ntop ?? 20, ranking.ranked.length);
  const replicates = opts.replicates ?? (j >= 5 ? 200 : 1000);
  const boot =
    replicates > 0
      ? bootstrapInterval(
          t,
          bestOf(
            ranking.ranked.slice(0, ntop).map((f) => f.model),
            criterion,
          ),
          { replicates, seed: opts.seed, level },
        )
      : null;
  const r = finish(
    'loglinear',
    t,
    selected,
    level,
    safeProfile(t, selected.model, level),
    boot,
    { criterion, maxOrder, ntop, replicates, seed: opts.seed ?? 1 },
    {
      ranked: ranking.ranked.map(summary),
      rejected: ranking.rejected.map((f) => ({ model: f.name, reason: ERRORS[f.code] ?? 'IRLS did not converge' })),
    },
  );
  const second = ranking.ranked[1];
  if (
    second &&
    second[criterion] - selected[criterion] < 2 &&
    Math.abs(second.estimate - selected.estimate) > 0.2 * selected.estimate
  )
    r.warnings.push(
      `models ${selected.name} and ${second.name} are within 2 ${criterion.toUpperCase()} points but their estimates differ by more than 20% (${Math.round(selected.estimate)} vs ${Math.round(second.estimate)})`,
    );
  return r;
}

/** Chan–Silverman–Vincent stepwise selection, with a bootstrap that repeats the stepwise search. */
export function estimateStepwise(t: PatternTable, opts: LoglinearOptions = {}): MseEstimate {
  const level = opts.level ?? 0.95;
  const pThreshold = opts.pThreshold ?? 0.02;
  const step = stepwiseSelect(t, pThreshold);
  const replicates = opts.replicates ?? 1000;
  const select: Selector = (x) => {
    try {
      return stepwiseSelect(x, pThreshold).selected.estimate;
    } catch {
      return NaN;
    }
  };
  const boot = replicates > 0 ? bootstrapInterval(t, select, { replicates, seed: opts.seed, level }) : null;
  return finish(
    'stepwise',
    t,
    step.selected,
    level,
    safeProfile(t, step.selected.model, level),
    boot,
    { pThreshold, replicates, seed: opts.seed ?? 1 },
    { steps: step.steps, deviance: step.selected.deviance, df: step.selected.df },
  );
}

/** One named model (e.g. "[12,3]"), with its profile-likelihood interval as the headline. */
export function estimateFixedModel(t: PatternTable, name: string, opts: { level?: number } = {}): MseEstimate {
  const level = opts.level ?? 0.95;
  let model: HierarchicalModel;
  try {
    model = parseModel(name, t.lists.length);
  } catch (e) {
    throw new EstimateUndefinedError(e instanceof Error ? e.message : String(e));
  }
  const fit = fitLoglinear(t, model);
  if (fit.code !== 0) throw new EstimateUndefinedError(`model ${fit.name}: ${ERRORS[fit.code]}`);
  return finish(
    'loglinear',
    t,
    fit,
    level,
    safeProfile(t, model, level),
    null,
    { model: fit.name },
    { deviance: fit.deviance, df: fit.df, aic: fit.aic, bic: fit.bic },
  );
}
