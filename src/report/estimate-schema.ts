import { z } from 'zod';
import { isoDate } from '../domain/index.ts';

/**
 * data/estimates.json: the bundled estimate of the unrecorded part, made from a calibration's
 * posterior by scripts/bundle-estimate.ts. Validated on load so that a hand-edited or stale file
 * is refused with the field named, never drawn.
 */

const Month = z.string().regex(/^\d{4}-\d{2}$/, 'expected a month YYYY-MM');
const Day = isoDate;
const Count = z.number().finite().nonnegative();

/** One month of a cumulative total: the median and the 50% and 95% intervals. */
export const BandPoint = z
  .strictObject({ month: Month, date: Day, median: Count, lo50: Count, hi50: Count, lo95: Count, hi95: Count })
  .superRefine((p, ctx) => {
    const order = ['lo95', 'lo50', 'median', 'hi50', 'hi95'] as const;
    for (let i = 1; i < order.length; i++)
      if (p[order[i]!] < p[order[i - 1]!])
        ctx.addIssue({
          code: 'custom',
          path: [order[i]!],
          message: `${order[i]} (${p[order[i]!]}) is below ${order[i - 1]} (${p[order[i - 1]!]}): the intervals must nest`,
        });
  });
export type BandPoint = z.infer<typeof BandPoint>;

export const EstimateSeries = z.strictObject({
  label: z.string().min(1),
  description: z.string().min(1),
  points: z.array(BandPoint).min(1),
});
export type EstimateSeries = z.infer<typeof EstimateSeries>;

export const EstimateTarget = z.strictObject({
  id: z.string().min(1),
  summary: z.string().min(1),
  value: z.number(),
  /** The interval the published figure implies; null for an open end (">3,000" has no upper end). */
  lo: z.number().nullable(),
  hi: z.number().nullable(),
  observationIds: z.array(z.string().min(1)),
});

/** A median with its 95% (and optionally 50%) interval. */
export const Band = z.strictObject({
  median: z.number().finite(),
  lo50: z.number().finite().optional(),
  hi50: z.number().finite().optional(),
  lo95: z.number().finite(),
  hi95: z.number().finite(),
});
export type Band = z.infer<typeof Band>;

/** One parameter's prior against its posterior: how much the data moved it. */
export const ParameterShift = z.strictObject({
  name: z.string().min(1),
  unit: z.string(),
  scale: z.enum(['log', 'linear']),
  /** Where the prior range comes from (docs/model.md section, figure ids, sources). */
  evidence: z.string().min(1),
  prior: z.strictObject({ low: z.number(), high: z.number(), median: z.number(), lo95: z.number(), hi95: z.number() }),
  posterior: Band,
  /** Width of the posterior 95% interval over the prior's (on the prior's scale): near 1, the data say little. */
  widthRatio: z.number().nonnegative(),
});
export type ParameterShift = z.infer<typeof ParameterShift>;

/** A published figure against what the model predicts for it (fresh simulations). */
export const CheckRow = z.strictObject({
  id: z.string().min(1),
  label: z.string().min(1),
  summary: z.string().min(1),
  date: Day,
  observationIds: z.array(z.string().min(1)),
  observed: z.strictObject({ value: z.number(), lo: z.number().nullable(), hi: z.number().nullable() }),
  predicted: Band,
  /** Whether the observed interval meets the predictive 95% interval. */
  inside: z.boolean(),
  /** Why the model misses it, when it does. */
  reason: z.string().optional(),
});
export type CheckRow = z.infer<typeof CheckRow>;

export const SensitivityRow = z.strictObject({
  id: z.string().min(1),
  kind: z.enum([
    'baseline',
    'prior-only',
    'prior-shift-down',
    'prior-shift-up',
    'prior-widen',
    'force-low',
    'force-high',
    'drop-target',
  ]),
  label: z.string().min(1),
  parameter: z.string().optional(),
  target: z.string().optional(),
  headline: Band,
  /** Median's change against the baseline row, as a share (−0.18 = 18% lower). */
  change: z.number().finite(),
});
export type SensitivityRow = z.infer<typeof SensitivityRow>;

/** The checks a referee asks for (issue #20); written by scripts/bundle-estimate.ts. */
export const EstimateChecks = z.strictObject({
  /** The headline under the prior alone, no fitting. */
  priorOnly: Band,
  priorPosterior: z.array(ParameterShift).min(1),
  force: z.strictObject({
    description: z.string().min(1),
    evidence: z.string().min(1),
    points: z.array(z.strictObject({ month: Month, prior: Band, posterior: Band })).min(1),
  }),
  monteCarlo: z.strictObject({
    method: z.string().min(1),
    particles: z.number().int().positive(),
    ess: z.number().nonnegative(),
    replicates: z.array(
      z.strictObject({ seed: z.number().int(), median: z.number(), lo95: z.number(), hi95: z.number() }),
    ),
    /** Monte Carlo standard error of the headline median. */
    seMedian: z.number().nonnegative(),
    /** How the Monte Carlo error was folded into the published interval. */
    folded: z.string().min(1),
  }),
  sensitivity: z.strictObject({ method: z.string().min(1), rows: z.array(SensitivityRow).min(1) }),
  predictive: z.strictObject({ method: z.string().min(1), rows: z.array(CheckRow).min(1) }),
  outOfSample: z.strictObject({
    method: z.string().min(1),
    fitThrough: Day,
    headline: Band,
    rows: z.array(CheckRow).min(1),
    /** Later published figures the model has no statistic for, each with why. */
    notModelled: z
      .array(z.strictObject({ observationId: z.string().min(1), label: z.string().min(1), reason: z.string().min(1) }))
      .optional(),
  }),
  /** Figures used twice (to set a fixed parameter and as a target), stated; empty when none. */
  doubleUse: z.array(z.string()),
});
export type EstimateChecks = z.infer<typeof EstimateChecks>;

export const BundledEstimates = z
  .strictObject({
    /** What produced it, in words. */
    method: z.string().min(1),
    /** Id of the method in the methods view (src/report/methods.ts). */
    methodId: z.string().min(1),
    /** How to make the file again: the calibration and the bundling commands. */
    commands: z.strictObject({ calibrate: z.string().min(1), bundle: z.string().min(1) }),
    settings: z
      .object({
        agents: z.number().int().positive(),
        force: z.number().positive(),
        start: Day,
        end: Day,
        populationSize: z.number().int().positive(),
        budget: z.number().int().positive(),
        seed: z.number().int(),
      })
      .catchall(z.unknown()),
    range: z.strictObject({ start: Day, end: Day }),
    fit: z.strictObject({
      generations: z.number().int().nonnegative(),
      posteriorGeneration: z.number().int().nonnegative(),
      simulations: z.number().int().nonnegative(),
    }),
    /** The published figures the model was fitted to (its inputs). */
    inputs: z.strictObject({ targets: z.array(EstimateTarget).min(1), observationIds: z.array(z.string().min(1)) }),
    warnings: z.array(z.string()),
    series: z.record(z.string(), EstimateSeries),
    headline: z.strictObject({
      series: z.string().min(1),
      month: Month,
      date: Day,
      median: Count,
      lo50: Count,
      hi50: Count,
      lo95: Count,
      hi95: Count,
    }),
    /** Prior vs posterior, sensitivity, out-of-sample and Monte Carlo error (absent in files made before them). */
    checks: EstimateChecks.optional(),
  })
  .superRefine((e, ctx) => {
    if (!e.series[e.headline.series])
      ctx.addIssue({
        code: 'custom',
        path: ['headline', 'series'],
        message: `no series "${e.headline.series}" in "series"`,
      });
    if (e.range.start > e.range.end)
      ctx.addIssue({
        code: 'custom',
        path: ['range', 'end'],
        message: `ends (${e.range.end}) before it starts (${e.range.start})`,
      });
  });
export type BundledEstimates = z.infer<typeof BundledEstimates>;

/** The series the headline counts (the schema checks it is present; a hand-built object may not be). */
export function headlineSeries(e: BundledEstimates): EstimateSeries {
  const s = e.series[e.headline.series];
  if (!s) throw new Error(`no series "${e.headline.series}" in "series"`);
  return s;
}
