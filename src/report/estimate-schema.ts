import { z } from 'zod';
import { isoDate } from '../domain/dates.ts';

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
      if (p[order[i]] < p[order[i - 1]]) ctx.addIssue({ code: 'custom', path: [order[i]], message: `${order[i]} (${p[order[i]]}) is below ${order[i - 1]} (${p[order[i - 1]]}): the intervals must nest` });
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

export const BundledEstimates = z
  .strictObject({
    /** What produced it, in words. */
    method: z.string().min(1),
    /** Id of the method in the methods view (src/report/methods.ts). */
    methodId: z.string().min(1),
    /** How to make the file again: the calibration and the bundling commands. */
    commands: z.strictObject({ calibrate: z.string().min(1), bundle: z.string().min(1) }),
    settings: z
      .object({ agents: z.number().int().positive(), force: z.number().positive(), start: Day, end: Day, populationSize: z.number().int().positive(), budget: z.number().int().positive(), seed: z.number().int() })
      .catchall(z.unknown()),
    range: z.strictObject({ start: Day, end: Day }),
    fit: z.strictObject({ generations: z.number().int().nonnegative(), posteriorGeneration: z.number().int().nonnegative(), simulations: z.number().int().nonnegative() }),
    /** The published figures the model was fitted to (its inputs). */
    inputs: z.strictObject({ targets: z.array(EstimateTarget).min(1), observationIds: z.array(z.string().min(1)) }),
    warnings: z.array(z.string()),
    series: z.record(z.string(), EstimateSeries),
    headline: z.strictObject({ series: z.string().min(1), month: Month, date: Day, median: Count, lo50: Count, hi50: Count, lo95: Count, hi95: Count }),
  })
  .superRefine((e, ctx) => {
    if (!e.series[e.headline.series]) ctx.addIssue({ code: 'custom', path: ['headline', 'series'], message: `no series "${e.headline.series}" in "series"` });
    if (e.range.start > e.range.end) ctx.addIssue({ code: 'custom', path: ['range', 'end'], message: `ends (${e.range.end}) before it starts (${e.range.start})` });
  });
export type BundledEstimates = z.infer<typeof BundledEstimates>;
