import { addDays } from '../domain/index.ts';
import type { CumulativeReading } from './cumulative-totals.ts';
import { Rng } from './rng.ts';

const DAYS_PER_MONTH = 365.25 / 12;

export interface TotalsWorldOptions {
  /** Log-rate volatility per √month of the true rate. */
  sigma: number;
  /** Days from the newest reading to "now" (the day whose total is to be nowcast). */
  horizonDays: number;
  seed: number;
  start?: string;
  /** Readings are published up to this day of the count (default 720). */
  publishUntil?: number;
  /** Each next reading comes this many days after the last, uniformly (default 30–120). */
  gapDays?: [number, number];
}

/**
 * A world with a known truth for the projection of running totals: cases arrive day by day as Poisson
 * counts at a rate whose log walks randomly; a running total is published on irregular dates. Returns
 * the published readings, the "now" to nowcast and the true total on that day.
 */
export function simulateRunningTotals(o: TotalsWorldOptions): {
  readings: CumulativeReading[];
  start: string;
  now: string;
  truth: number;
} {
  const rng = new Rng(o.seed);
  const start = o.start ?? '2022-10-01';
  const until = o.publishUntil ?? 720;
  const [g0, g1] = o.gapDays ?? [30, 120];
  const step = o.sigma / Math.sqrt(DAYS_PER_MONTH);
  let logRate = Math.log(200 + 600 * rng.uniform());
  let total = 0;
  const readings: CumulativeReading[] = [];
  let next = g0 + Math.floor(rng.uniform() * (g1 - g0));
  let last = -1;
  for (let d = 0; ; d++) {
    if (last < 0 && d > until)
      throw new RangeError(`no reading falls in the first ${until} days (gaps of ${g0}–${g1} days)`);
    logRate += step * rng.normal();
    total += rng.poisson(Math.exp(logRate) / DAYS_PER_MONTH);
    if (d === next && d <= until) {
      readings.push({ date: addDays(start, d), value: total });
      last = d;
      next = d + g0 + Math.floor(rng.uniform() * (g1 - g0));
    }
    // Past the publishing window, the day `horizonDays` after the newest reading is "now".
    if (last >= 0 && next > until && d === last + o.horizonDays)
      return { readings, start, now: addDays(start, d), truth: total };
  }
}

/**
 * Three running totals whose rates share one volatility: two long ones and a short one (three or four
 * totals published within its first 300 days) whose nowcast borrows the others' volatility. `short` is
 * undefined when the short series came out with fewer than three totals.
 */
export function simulatePooledTotals(o: { seed: number; sigma: number; horizonDays?: number }) {
  const horizonDays = o.horizonDays ?? 180;
  const long = [1, 2].map((k) => simulateRunningTotals({ seed: o.seed * 31 + k, sigma: o.sigma, horizonDays }));
  const short = simulateRunningTotals({
    seed: o.seed * 31 + 3,
    sigma: o.sigma,
    horizonDays,
    publishUntil: 300,
    gapDays: [70, 100],
  });
  return { long, short: short.readings.length >= 3 ? short : undefined };
}
