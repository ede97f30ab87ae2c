import { addDays, BadInputError, dayNumber, isIsoDate } from '../domain/index.ts';
import { type CumulativeReading, readingBounds, sortedReadings } from './cumulative-totals.ts';
import { type Interval, summariseDraws } from './nowcast-result.ts';
import { type PeriodUnit, periodEndDay, periodOfDay, periodStartDate, periodStartDay } from './periods.ts';
import { Rng } from './rng.ts';

/**
 * The months after the newest published running total, up to a chosen "now": a nowcast in the sense
 * economists use (the present estimated before its figure is published), not a reporting-delay
 * correction. Model: the monthly rate is a random walk on the log scale (no drift: the newest rate is the
 * best guess, and the band widens with the horizon); cases arrive as a Poisson process at that rate.
 * The walk's volatility is estimated from the published totals themselves (changes in the rate between
 * successive intervals, less the noise that Poisson counts and rounded or bounded readings explain), and
 * its uncertainty is carried into the draws (scaled inverse chi-square on the number of pairs).
 */
export interface ProjectionOptions {
  /** The date to project to (inclusive); must not precede the newest reading. */
  now: string;
  unit?: PeriodUnit;
  draws?: number;
  seed?: number;
  approxRelative?: number;
  boundSlack?: number;
  /** The day the count started from zero: adds a reading of 0 the day before. */
  start?: string;
  /** A volatility estimated elsewhere (pooled over series that move alike, see pooledVolatility) instead of this series' own. */
  volatility?: { estimate: number; pairs: number };
  /** Floor on the volatility (log-rate sd per √month) when the readings suggest less (default 0.05). */
  minVolatility?: number;
}

export interface ProjectedPeriod extends Interval {
  period: string;
  /** Share of the period's days that lie after the newest reading and on or before now. */
  covered: number;
}

export interface TotalsProjection {
  /** The newest reading the projection starts from. */
  from: { date: string; value: number; qualifier: string };
  now: string;
  /** Cases after the newest reading, by period (partial periods at either end say how much is covered). */
  periods: ProjectedPeriod[];
  /** Cases between the newest reading and now. */
  added: Interval;
  /** The running total at now: the newest reading (within its qualifier's bounds) plus what was added. */
  total: Interval;
  /** The rate of the newest interval, per month, and the volatility used. */
  level: { perMonth: number; intervalStart: string; intervalEnd: string };
  volatility: { estimate: number; used: number; pairs: number; floor: number; pooled: boolean };
  settings: Record<string, unknown>;
  warnings: string[];
}

const DAYS_PER_MONTH = 365.25 / 12;

interface Span {
  start: string;
  end: string;
  months: number;
  count: number;
  /** Variance of the count from the two readings' bounds (uniform within each). */
  varStart: number;
  varEnd: number;
}

function spansOf(sorted: ReadonlyArray<CumulativeReading>, approx: number, slack: number): Span[] {
  const mids = sorted.map((r) => {
    const [lo, hi] = readingBounds(r, approx, slack);
    return { mid: (lo + hi) / 2, variance: (hi - lo) ** 2 / 12 };
  });
  const out: Span[] = [];
  for (let i = 1; i < sorted.length; i++)
    out.push({
      start: sorted[i - 1]!.date,
      end: sorted[i]!.date,
      months: (dayNumber(sorted[i]!.date) - dayNumber(sorted[i - 1]!.date)) / DAYS_PER_MONTH,
      count: mids[i]!.mid - mids[i - 1]!.mid,
      varStart: mids[i - 1]!.variance,
      varEnd: mids[i]!.variance,
    });
  return out;
}

/**
 * Method-of-moments volatility of the log rate. For two adjacent intervals of lengths L1, L2 the
 * difference of their average log rates has variance σ²(L1 + L2)/3 under a Brownian log rate, plus the
 * noise of the two counts: Poisson (1/c) and the readings' bounds (the shared reading moves both counts in
 * opposite directions).
 */
export function logRateVolatility(spans: ReadonlyArray<Span>): { estimate: number; pairs: number } {
  return volatilityOf([volatilityParts(spans)]);
}

/** The sums behind the method-of-moments estimate, so that several series can be pooled. */
interface VolatilityParts {
  excess: number;
  exposure: number;
  pairs: number;
}

function volatilityParts(spans: ReadonlyArray<Span>): VolatilityParts {
  // Rates change by factors; a count that starts from zero ramps up (see projectTotals), so the caller leaves that interval out.
  let excess = 0;
  let exposure = 0;
  let pairs = 0;
  for (let i = 1; i < spans.length; i++) {
    const a = spans[i - 1]!;
    const b = spans[i]!;
    if (!(a.count > 0 && b.count > 0 && a.months > 0 && b.months > 0)) continue;
    const d = Math.log(b.count / b.months) - Math.log(a.count / a.months);
    const noise =
      1 / a.count +
      1 / b.count +
      a.varStart / a.count ** 2 +
      a.varEnd * (1 / a.count + 1 / b.count) ** 2 +
      b.varEnd / b.count ** 2;
    excess += d * d - noise;
    exposure += (a.months + b.months) / 3;
    pairs++;
  }
  return { excess, exposure, pairs };
}

function volatilityOf(parts: ReadonlyArray<VolatilityParts>): { estimate: number; pairs: number } {
  const excess = parts.reduce((s, p) => s + p.excess, 0);
  const exposure = parts.reduce((s, p) => s + p.exposure, 0);
  const pairs = parts.reduce((s, p) => s + p.pairs, 0);
  return { estimate: pairs > 0 && excess > 0 ? Math.sqrt(excess / exposure) : 0, pairs };
}

/** The intervals of one series that inform its volatility: all but the ramp-up from a start's zero reading. */
function seriesParts(
  readings: ReadonlyArray<CumulativeReading>,
  start: string | undefined,
  approx: number,
  slack: number,
): VolatilityParts {
  const startDay = start ? addDays(start, -1) : undefined;
  return volatilityParts(spansOf(sortedReadings(readings, start), approx, slack).filter((sp) => sp.start !== startDay));
}

/** A running total whose rate is taken to move like the others' (same courts, same counter): pooled for the volatility. */
export interface PooledSeries {
  readings: ReadonlyArray<CumulativeReading>;
  start?: string;
}

/**
 * One volatility for several running totals that move alike (e.g. one counter's totals by article):
 * their method-of-moments sums pooled, so that a series with two or three totals borrows the others'
 * pairs instead of resting on one. `before` keeps only readings dated before that day (for back-tests).
 */
export function pooledVolatility(
  series: ReadonlyArray<PooledSeries>,
  opts: { approxRelative?: number; boundSlack?: number; before?: string } = {},
): { estimate: number; pairs: number } {
  const approx = opts.approxRelative ?? 0.1;
  const slack = opts.boundSlack ?? 0.25;
  return volatilityOf(
    series.map((x) =>
      seriesParts(opts.before ? x.readings.filter((r) => r.date < opts.before!) : x.readings, x.start, approx, slack),
    ),
  );
}

export function projectTotals(readings: ReadonlyArray<CumulativeReading>, opts: ProjectionOptions): TotalsProjection {
  const unit = opts.unit ?? 'month';
  const draws = opts.draws ?? 4000;
  const approx = opts.approxRelative ?? 0.1;
  const slack = opts.boundSlack ?? 0.25;
  const floor = opts.minVolatility ?? 0.05;
  const sorted = sortedReadings(readings, opts.start);
  const last = sorted.at(-1);
  if (!isIsoDate(opts.now))
    throw new BadInputError([{ file: 'options', line: 0, field: 'now', message: `not a date: "${opts.now}"` }]);
  if (sorted.length < 3 || !last)
    throw new BadInputError([
      {
        file: 'readings',
        line: 0,
        message: 'projecting a running total needs at least three readings (two intervals) to see how its rate moves',
      },
    ]);
  if (opts.now < last.date)
    throw new BadInputError([
      {
        file: 'options',
        line: 0,
        field: 'now',
        message: `now (${opts.now}) is before the newest reading (${last.date})`,
      },
    ]);
  const warnings: string[] = [];
  const spans = spansOf(sorted, approx, slack);
  // The interval from the start's zero reading holds the ramp-up of a new count (cases reach court months
  // after the offence), not the month-to-month variation the walk describes: it is left out of the volatility.
  const vol = opts.volatility ?? volatilityOf([seriesParts(readings, opts.start, approx, slack)]);
  if (vol.pairs < 3)
    warnings.push(
      `the volatility of the rate rests on ${vol.pairs} pair(s) of intervals; the band is wide for that reason`,
    );
  const used = Math.max(vol.estimate, floor);
  if (vol.estimate < floor)
    warnings.push(
      `the readings move less than the floor allows; volatility ${used} per √month is used (${vol.estimate.toFixed(3)} estimated)`,
    );
  const lastSpan = spans.at(-1)!;
  if (lastSpan.count <= 0)
    warnings.push(
      `the newest interval (${lastSpan.start} to ${lastSpan.end}) adds no cases; the rate starts near zero`,
    );

  // The periods after the newest reading, with the days of each that fall in (last, now].
  const firstDay = dayNumber(last.date) + 1;
  const nowDay = dayNumber(opts.now);
  const periods: Array<{ p: number; days: number; mid: number }> = [];
  if (nowDay >= firstDay)
    for (let p = periodOfDay(firstDay, unit); p <= periodOfDay(nowDay, unit); p++) {
      const a = Math.max(firstDay, periodStartDay(p, unit));
      const b = Math.min(nowDay, periodEndDay(p, unit));
      periods.push({ p, days: b - a + 1, mid: (a + b + 1) / 2 });
    }

  const rng = new Rng(opts.seed ?? 1);
  const [lastLo, lastHi] = readingBounds(last, approx, slack);
  const prevBounds = readingBounds(sorted.at(-2)!, approx, slack);
  const periodDraws = periods.map(() => new Float64Array(draws));
  const addedDraws = new Float64Array(draws);
  const totalDraws = new Float64Array(draws);
  const nu = Math.max(1, vol.pairs);
  for (let s = 0; s < draws; s++) {
    // The volatility with its uncertainty: σ² ν / χ²_ν, χ²_ν = 2·Gamma(ν/2).
    const sigma2 = (used * used * nu) / (2 * rng.gamma(nu / 2));
    const lastValue = lastLo + (lastHi - lastLo) * rng.uniform();
    const prevValue = prevBounds[0] + (prevBounds[1] - prevBounds[0]) * rng.uniform();
    const count = Math.max(0, lastValue - prevValue);
    // The newest interval's rate given its count (Gamma with Jeffreys' prior), per month.
    let logRate = Math.log(rng.gamma(count + 0.5, lastSpan.months));
    // From the interval's average to the first period's middle: σ²(t + L/3); then σ²·Δt.
    let t = dayNumber(last.date) + 0.5;
    let extra = lastSpan.months / 3;
    let added = 0;
    for (let j = 0; j < periods.length; j++) {
      const pr = periods[j]!;
      const dt = (pr.mid - t) / DAYS_PER_MONTH + extra;
      logRate += Math.sqrt(sigma2 * Math.max(0, dt)) * rng.normal();
      t = pr.mid;
      extra = 0;
      // The cap only keeps the far tail of the walk finite (no realistic count comes near it).
      const n = rng.poisson(Math.min(1e9, Math.exp(logRate) * (pr.days / DAYS_PER_MONTH)));
      periodDraws[j]![s] = n;
      added += n;
    }
    addedDraws[s] = added;
    totalDraws[s] = Math.round(lastValue) + added;
  }
  return {
    from: { date: last.date, value: last.value, qualifier: last.qualifier ?? '=' },
    now: opts.now,
    periods: periods.map((pr, j) => {
      const length = periodEndDay(pr.p, unit) - periodStartDay(pr.p, unit) + 1;
      return { period: periodStartDate(pr.p, unit), ...summariseDraws(periodDraws[j]!), covered: pr.days / length };
    }),
    added: summariseDraws(addedDraws),
    total: summariseDraws(totalDraws),
    level: { perMonth: lastSpan.count / lastSpan.months, intervalStart: lastSpan.start, intervalEnd: lastSpan.end },
    volatility: { estimate: vol.estimate, used, pairs: vol.pairs, floor, pooled: opts.volatility !== undefined },
    settings: {
      unit,
      draws,
      seed: opts.seed ?? 1,
      approxRelative: approx,
      boundSlack: slack,
      start: opts.start,
      model: 'random walk on the log monthly rate, no drift; Poisson arrivals',
    },
    warnings,
  };
}

/** One out-of-sample check: a published total predicted from the readings before it. */
export interface ProjectionCheck {
  date: string;
  published: number;
  qualifier: string;
  /** Readings the prediction used (all dated before this one). */
  fittedOn: number;
  from: string;
  horizonMonths: number;
  estimate: number;
  lo95: number;
  hi95: number;
  /** The published figure's range (its qualifier's bounds) meets the 95% band. */
  inside: boolean;
}

/**
 * The volatility a series borrows from a pool: none (its own is used) when it has at least `minOwnPairs`
 * pairs of intervals of its own, else the pool's (readings before `before` only, when given).
 */
export function borrowedVolatility(
  readings: ReadonlyArray<CumulativeReading>,
  opts: {
    start?: string;
    pool?: ReadonlyArray<PooledSeries>;
    minOwnPairs?: number;
    before?: string;
    approxRelative?: number;
    boundSlack?: number;
  },
): { estimate: number; pairs: number } | undefined {
  if (!opts.pool) return undefined;
  const own = pooledVolatility([{ readings, start: opts.start }], opts);
  return own.pairs >= (opts.minOwnPairs ?? 3) ? undefined : pooledVolatility(opts.pool, opts);
}

/**
 * Each reading from the `minReadings`-th on, predicted from the readings dated before it alone (with
 * the start reading, when given): how often the published figure fell inside the 95% band.
 */
export function backtestProjection(
  readings: ReadonlyArray<CumulativeReading>,
  opts: Omit<ProjectionOptions, 'now' | 'volatility'> & {
    minReadings?: number;
    /** Series to pool the volatility over (this one among them), each cut before the reading predicted. */
    pool?: ReadonlyArray<PooledSeries>;
    /** With this many pairs of intervals of its own (before the reading predicted), a series uses its own volatility (default 3). */
    minOwnPairs?: number;
  },
): { checks: ProjectionCheck[]; inside: number; total: number } {
  const approx = opts.approxRelative ?? 0.1;
  const slack = opts.boundSlack ?? 0.25;
  const sorted = sortedReadings(readings);
  const min = opts.minReadings ?? 3;
  const checks: ProjectionCheck[] = [];
  for (let k = 0; k < sorted.length; k++) {
    const target = sorted[k]!;
    const before = sorted.slice(0, k);
    if (before.length + (opts.start ? 1 : 0) < min) continue;
    const { pool, minOwnPairs, ...rest } = opts;
    const volatility = borrowedVolatility(before, {
      start: opts.start,
      pool,
      minOwnPairs,
      before: target.date,
      approxRelative: approx,
      boundSlack: slack,
    });
    const pr = projectTotals(before, { ...rest, now: target.date, ...(volatility && { volatility }) });
    const [lo, hi] = readingBounds(target, approx, slack);
    checks.push({
      date: target.date,
      published: target.value,
      qualifier: target.qualifier ?? '=',
      fittedOn: before.length,
      from: pr.from.date,
      horizonMonths: (dayNumber(target.date) - dayNumber(pr.from.date)) / DAYS_PER_MONTH,
      estimate: pr.total.estimate,
      lo95: pr.total.lo95,
      hi95: pr.total.hi95,
      inside: hi >= pr.total.lo95 && lo <= pr.total.hi95,
    });
  }
  return { checks, inside: checks.filter((c) => c.inside).length, total: checks.length };
}
