import { Hono } from 'hono';
import { z } from 'zod';
import { NOWCAST_METHODS, type NowcastMethod } from '../../analyses/index.ts';
import type { RouteDeps } from './deps.ts';
import { zodQuery } from './validate.ts';

export const COURT_QUERY_ERROR = `method must be one of ${NOWCAST_METHODS.join(', ')}`;

/** ?method= of the court view and its exports: a nowcast method, Bayesian when absent or empty. */
export const CourtQuery = z.object({
  method: z
    .union([z.literal(''), z.enum(NOWCAST_METHODS)], { error: COURT_QUERY_ERROR })
    .optional()
    .transform((m): NowcastMethod => m || 'bayes'),
});

/** /api/court: court records' counts and the nowcast by method, from the store's records or a labelled simulated line list. */
export function courtRoutes({ courtView }: Pick<RouteDeps, 'courtView'>): Hono {
  return new Hono().get('/', zodQuery(CourtQuery, COURT_QUERY_ERROR), async (c) =>
    c.json(await courtView(c.req.valid('query').method)),
  );
}
