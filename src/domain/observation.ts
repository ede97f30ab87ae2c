import { z } from 'zod';
import { isoDate } from './dates.ts';
import { ValueKind } from './series.ts';

/** How the published figure relates to the truth: "=" exact, "~" about, ">" more than, "<" less than. */
export const Qualifier = z.enum(['=', '~', '>', '<', '>=', '<=']);
export type Qualifier = z.infer<typeof Qualifier>;

export const Derivation = z.enum(['reported', 'derived']);
export const RatePer = z.enum(['day', 'week', 'month', 'year']);

export const Observation = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9._:-]*$/, 'lower-case id of letters, digits, dot, dash, colon'),
    seriesId: z.string().min(1),
    sourceId: z.string().min(1),
    /** Criminal-code articles the figure covers, e.g. ["337"]; empty for non-court series. */
    articles: z.array(z.string().regex(/^\d+(\.\d+)?$/, 'article number such as 337 or 352.1')).default([]),
    /** What population or place the figure covers: since_mobilisation, calendar_year, unit:20GMRD, region:Moscow obl. */
    scope: z.string().min(1),
    periodStart: isoDate.optional(),
    periodEnd: isoDate,
    valueKind: ValueKind,
    ratePer: RatePer.optional(),
    value: z.number().finite(),
    qualifier: Qualifier.default('='),
    low: z.number().finite().optional(),
    high: z.number().finite().optional(),
    unit: z.string().min(1),
    derivation: Derivation.default('reported'),
    /** For derived rows: how it was computed, from which observation ids. */
    formula: z.string().optional(),
    /** Reference to the figure's id in the research notes (S13, M09...). */
    ref: z.string().optional(),
    notes: z.string().optional(),
  })
  .superRefine((o, ctx) => {
    // Every kind of value here (counts, rates, shares, ratios, levels of people or cases) is ≥ 0.
    for (const k of ['value', 'low', 'high'] as const) {
      const v = o[k];
      if (v !== undefined && v < 0)
        ctx.addIssue({
          code: 'custom',
          path: [k],
          message: `${k} (${v}) is negative: counts, rates, shares, ratios and levels are never below 0`,
        });
    }
    if (o.periodStart && o.periodStart > o.periodEnd)
      ctx.addIssue({
        code: 'custom',
        path: ['periodEnd'],
        message: `period ends (${o.periodEnd}) before it starts (${o.periodStart})`,
      });
    if (o.low !== undefined && o.high !== undefined && o.low > o.high)
      ctx.addIssue({ code: 'custom', path: ['high'], message: `high (${o.high}) is below low (${o.low})` });
    if (o.valueKind === 'rate' && !o.ratePer)
      ctx.addIssue({ code: 'custom', path: ['ratePer'], message: 'a rate needs ratePer (day, week, month or year)' });
    if (o.derivation === 'derived' && !o.formula)
      ctx.addIssue({ code: 'custom', path: ['formula'], message: 'a derived value needs its formula' });
  });
export type Observation = z.infer<typeof Observation>;
/** The interval a published figure implies: ">500" is [500, high or ∞), "~600" is [low, high] when given. */
export function impliedInterval(o: Pick<Observation, 'value' | 'qualifier' | 'low' | 'high'>): [number, number] {
  const lo = o.low ?? (o.qualifier === '<' || o.qualifier === '<=' ? 0 : o.value);
  const hi = o.high ?? (o.qualifier === '>' || o.qualifier === '>=' ? Number.POSITIVE_INFINITY : o.value);
  return [lo, hi];
}
