import { z } from 'zod';

export const ValueKind = z.enum(['cumulative', 'interval_count', 'rate', 'share', 'ratio', 'level']);
export type ValueKind = z.infer<typeof ValueKind>;

/** A series groups observations of one quantity in one unit; different units never share a series. */
export const Series = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case dotted id such as court.cases_received'),
  title: z.string().min(1),
  unit: z.string().min(1),
  /** What it counts. */
  counts: z.string().min(1),
  /** What it does not count (the confusions to avoid). */
  excludes: z.string().min(1),
  /** Coarse grouping for the dashboard: court, ngo, surrender, leak, force, historical, comparator, derived. */
  topic: z.string().min(1),
});
export type Series = z.infer<typeof Series>;
