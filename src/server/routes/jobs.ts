import type { Context } from 'hono';
import type { WhoEnv } from '../access.ts';

export type QueueState = { phase: 'queued' | 'running'; position: number } | undefined;

interface Cancellable {
  cancel(id: string, owner: string): 'cancelled' | 'removed' | 'forbidden' | 'unknown';
}

/**
 * DELETE of a job, behind Gate.need: its owner stops a queued or running one (it stays listed as
 * cancelled), or forgets a finished one.
 */
export const cancelJob = (registry: Cancellable) => (c: Context<WhoEnv>) => {
  const id = c.req.param('id')!;
  const outcome = registry.cancel(id, c.var.who.id);
  if (outcome === 'unknown') return c.json({ error: 'unknown job' }, 404);
  if (outcome === 'forbidden') return c.json({ error: 'this job belongs to another token' }, 403);
  return c.json({ id, outcome });
};
