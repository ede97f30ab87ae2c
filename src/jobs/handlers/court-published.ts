import { backtestProjection, borrowedVolatility, projectTotals } from '../../nowcast/index.ts';
import type { PublishedNowcast, PublishedSeries } from '../../report/index.ts';

/** The published running totals to nowcast, as the court analysis selects them, and the day to nowcast to. */
export interface PublishedInput {
  series: PublishedSeries[];
  now: string;
}

/**
 * Each published running total projected to `now`, with its out-of-sample check. A series with fewer
 * than three pairs of intervals of its own borrows the volatility pooled over all of them (one counter's
 * tallies of the same courts): one pair alone gives a band of no use. Each back-test applies the same
 * rule to the totals published before the one it predicts. Runs with the court nowcast, off the event loop.
 */
export function nowcastPublished(input: PublishedInput, seed: number): PublishedNowcast[] {
  const plain = input.series.map((s) =>
    s.readings.map((r) => ({ date: r.date, value: r.value, qualifier: r.qualifier })),
  );
  const pool = input.series.map((s, i) => ({ readings: plain[i]!, start: s.start }));
  return input.series.map((s, i) => {
    const readings = plain[i]!;
    const volatility = borrowedVolatility(readings, { start: s.start, pool });
    return {
      ...s,
      projection: projectTotals(readings, { now: input.now, start: s.start, seed, ...(volatility && { volatility }) }),
      backtest: backtestProjection(readings, { start: s.start, seed, pool }),
    };
  });
}
