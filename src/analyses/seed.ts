import { z } from 'zod';

/** A run's seed as every analysis takes it: an unsigned 32-bit integer, 1 when not given. */
export const Seed = z
  .number()
  .int()
  .min(0)
  .max(2 ** 32 - 1)
  .default(1);
