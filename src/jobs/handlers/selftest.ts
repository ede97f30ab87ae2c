import type { JobHandler } from '../types.ts';

/**
 * A deterministic compute job for testing and measuring the runners: sums a counter-based hash
 * stream for `iterations` steps, optionally sleeping `sleepMs` first so a test can kill a worker mid-job.
 */
export const selftest: JobHandler = async (payload) => {
  const {
    seed = 0,
    iterations = 1000,
    sleepMs = 0,
  } = (payload ?? {}) as { seed?: number; iterations?: number; sleepMs?: number };
  if (sleepMs > 0) await new Promise((r) => setTimeout(r, sleepMs));
  let acc = 0;
  for (let i = 0; i < iterations; i++) {
    let h = Math.imul((seed ^ i) >>> 0, 0x9e3779b1) >>> 0;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b) >>> 0;
    h ^= h >>> 13;
    acc = (acc + h) % 2147483647;
  }
  return { seed, iterations, checksum: acc };
};
