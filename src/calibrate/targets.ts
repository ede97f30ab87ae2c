import { z } from 'zod';
import { impliedInterval, type Observation, BadInputError, type InputIssue } from '../domain/index.ts';

/**
 * A calibration target: a statistic the model's observation layer emits, the interval the published
 * figure implies (">500" is [500, ∞), "~600" is [low, high] or ±`approx`), and the scale on which
 * a miss is measured.
 */
export interface Target {
  id: string;
  /** Name of the model summary statistic compared with the figure. */
  summary: string;
  value: number;
  lo: number;
  hi: number;
  /** A miss of one `scale` outside [lo, hi] costs 1 (before weighting). */
  scale: number;
  weight: number;
  observationIds: string[];
  note?: string;
  missReason?: string;
}

export const TargetSpec = z.strictObject({
  id: z.string().min(1),
  summary: z.string().min(1),
  /** The observation id in the store that this target reproduces... */
  observation: z.string().optional(),
  /** ...or a literal figure, derived from the observations in `from` (named in the output). */
  value: z.number().optional(),
  from: z.array(z.string().min(1)).optional(),
  qualifier: z.enum(['=', '~', '>', '<', '>=', '<=']).optional(),
  low: z.number().optional(),
  high: z.number().optional(),
  /** Relative tolerance: scale = relSd × value (default 0.15). */
  relSd: z.number().positive().default(0.15),
  /** Half-width given to "~" figures without an explicit range, as a share of the value (default 0.1). */
  approx: z.number().min(0).default(0.1),
  weight: z.number().min(0).default(1),
  /**
   * The figure counts only part of what the model's statistic counts (say article 337 alone, where the
   * model counts articles 332, 337 and 338): it is divided by that part's share, given as a range in
   * percent with the observations that publish it, so the target has one definition with the model.
   */
  partShare: z
    .strictObject({
      low: z.number().gt(0).max(100),
      high: z.number().gt(0).max(100),
      observations: z.array(z.string().min(1)).min(1),
    })
    .optional(),
  note: z.string().optional(),
  /** Why the model may miss this figure, when a check finds that it does (shown with the miss). */
  missReason: z.string().optional(),
});
export type TargetSpec = z.infer<typeof TargetSpec>;

/**
 * The scale a miss is measured on: the figure's own relative uncertainty, plus — for counts — the
 * model's counting noise. A run represents the force by agents, so a simulated count moves in steps
 * of `quantum` (= force / agents) people and varies between seeds by about √(quantum × value); a
 * tolerance narrower than that would reject the true parameters on noise alone. Shares and ratios
 * are floored at one unit of their own scale (one percentage point, one man per 1,010).
 */
export function targetScale(summary: string, value: number, relSd: number, quantum = 1): number {
  const own = relSd * Math.abs(value);
  if (summary.startsWith('flow:') || summary.startsWith('stock:'))
    return Math.sqrt(own * own + quantum * Math.abs(value) + quantum * quantum);
  return Math.max(1, own);
}

function fromFigure(
  spec: TargetSpec,
  fig: Pick<Observation, 'value' | 'qualifier' | 'low' | 'high'>,
  ids: string[],
  quantum: number,
): Target {
  let [lo, hi] = impliedInterval(fig);
  if (fig.qualifier === '~' && fig.low === undefined && fig.high === undefined) {
    lo = fig.value * (1 - spec.approx);
    hi = fig.value * (1 + spec.approx);
  }
  let value = fig.value;
  if (spec.partShare) {
    // A wider share range widens the implied whole: the low end divides by the high share.
    const { low, high } = spec.partShare;
    lo /= high / 100;
    hi /= low / 100;
    value /= (low + high) / 200;
    ids = [...ids, ...spec.partShare.observations];
  }
  return {
    id: spec.id,
    summary: spec.summary,
    value,
    lo,
    hi,
    scale: targetScale(spec.summary, value, spec.relSd, quantum),
    weight: spec.weight,
    observationIds: ids,
    note: spec.note,
    ...(spec.missReason && { missReason: spec.missReason }),
  };
}

/**
 * Resolve a targets file against the store's observations; every unresolvable entry is reported at once.
 * `quantum` is the number of people one agent stands for (see targetScale).
 */
export function buildTargets(file: string, specs: TargetSpec[], observations: Observation[], quantum = 1): Target[] {
  const byId = new Map(observations.map((o) => [o.id, o]));
  const issues: InputIssue[] = [];
  const out: Target[] = [];
  specs.forEach((s, i) => {
    for (const [j, id] of (s.partShare?.observations ?? []).entries())
      if (!byId.has(id))
        issues.push({
          file,
          line: 0,
          field: `targets[${i}].partShare.observations[${j}]`,
          message: `no observation "${id}" in the store`,
        });
    if (s.partShare && s.partShare.low > s.partShare.high)
      issues.push({
        file,
        line: 0,
        field: `targets[${i}].partShare`,
        message: `low (${s.partShare.low}) is above high (${s.partShare.high})`,
      });
    if (s.observation) {
      const o = byId.get(s.observation);
      if (!o)
        issues.push({
          file,
          line: 0,
          field: `targets[${i}].observation`,
          message: `no observation "${s.observation}" in the store`,
        });
      else out.push(fromFigure(s, o, [o.id], quantum));
    } else if (s.value !== undefined) {
      for (const [j, id] of (s.from ?? []).entries())
        if (!byId.has(id))
          issues.push({
            file,
            line: 0,
            field: `targets[${i}].from[${j}]`,
            message: `no observation "${id}" in the store`,
          });
      out.push(
        fromFigure(
          s,
          { value: s.value, qualifier: s.qualifier ?? '=', low: s.low, high: s.high },
          s.from ?? [],
          quantum,
        ),
      );
    } else
      issues.push({ file, line: 0, field: `targets[${i}]`, message: 'a target needs an observation id or a value' });
  });
  if (issues.length) throw new BadInputError(issues);
  return out;
}

/** How far a simulated value falls outside the figure's interval, in units of the target's scale. */
export function targetMiss(t: Target, simulated: number): number {
  if (!Number.isFinite(simulated)) return Number.POSITIVE_INFINITY;
  if (simulated < t.lo) return (t.lo - simulated) / t.scale;
  if (simulated > t.hi) return (simulated - t.hi) / t.scale;
  return 0;
}

/** Weighted root-mean-square miss over all targets: 0 when every figure is reproduced within its interval. */
export function distance(targets: Target[], summaries: Record<string, number>): number {
  let num = 0;
  let den = 0;
  for (const t of targets) {
    // A statistic the run did not produce is an infinite miss (NaN is not finite).
    const m = targetMiss(t, summaries[t.summary] ?? Number.NaN);
    num += t.weight * m * m;
    den += t.weight;
  }
  return den > 0 ? Math.sqrt(num / den) : 0;
}
