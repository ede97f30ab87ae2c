import { z } from 'zod';
import { isoDate } from './dates.ts';

/** A/B/C: the originator's own or two independent exact reports / one reputable secondary / aggregator, unchecked, or conflicting. */
export const Confidence = z.enum(['A', 'B', 'C']);
export type Confidence = z.infer<typeof Confidence>;

export const Source = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, dot, dash, underscore'),
  /** Who produced the figure (Mediazona, Idite Lesom, UK Defence Intelligence). */
  organisation: z.string().min(1),
  /** Who published the text we read it in, when it is not the originator. */
  outlet: z.string().min(1).optional(),
  title: z.string().min(1).optional(),
  url: z.url().optional(),
  published: isoDate.optional(),
  accessed: isoDate.optional(),
  confidence: Confidence,
  /** Figures from a party to the war (Ukrainian or Russian state bodies) are unaudited wartime communications. */
  partyToConflict: z.boolean(),
  /** One of the four articles the project started from (read in full; every figure in them is catalogued). */
  seedArticle: z.boolean().optional(),
  notes: z.string().optional(),
});
export type Source = z.infer<typeof Source>;
