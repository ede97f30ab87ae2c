import { addDays, dayNumber, isIsoDate, type InputIssue, BadInputError, type Qualifier } from '../domain/index.ts';
import { type IntervalCount, intervalCounts } from '../indicators/index.ts';
import type { OnBadRows } from './line-list.ts';
import { type Interval, summariseDraws } from './nowcast-result.ts';
import { type PeriodUnit, periodEndDay, periodOfDay, periodStartDate, periodStartDay } from './periods.ts';
import { Rng } from './rng.ts';

/**
 * Cumulative public totals at irregular dates → counts per period with the uncertainty that the
 * spacing implies. Between two readings the cases arrive as a Poisson process whose rate is smooth
 * but unknown: the increment is split over the periods the interval touches with Dirichlet shares
 * centred on each period's number of days (concentration `smoothness` per average month), then
 * multinomially. A single-month interval is therefore exact, a ten-month gap is not. Readings
 * qualified '~', '>' or '<' are drawn inside the interval they imply before differencing.
 */
export interface CumulativeReading {
  date: string;
  value: number;
  qualifier?: Qualifier;
  /** Explicit bounds, when the source gives them. */
  low?: number;
  high?: number;
}

export interface CumulativeOptions {
  unit?: PeriodUnit;
  draws?: number;
  seed?: number;
  /** Half-width of '~' as a share of the value (default 0.1: "about 600" is 540–660). */
  approxRelative?: number;
  /** How far above a '>' figure the truth may lie, as a share (default 0.25); likewise below '<'. */
  boundSlack?: number;
  /** Dirichlet concentration per average month; the month-to-month CV of the rate is about 1/√smoothness (default 10). */
  smoothness?: number;
  /** The day the count started from zero (e.g. the start of mobilisation): adds a reading of 0 the day before. */
  start?: string;
}

/**
 * `count` and `perMonth` are the difference of the figures as published; with '~', '>' or '<' that
 * difference is only one end of what the readings allow, so `estimate` (the median of the draws) is the
 * figure to quote with the interval: it always lies inside it.
 */
export interface CumulativeInterval extends IntervalCount, Interval {
  perMonthEstimate: number;
  perMonthLo95: number;
  perMonthHi95: number;
}

export interface CumulativePeriod extends Interval {
  period: string;
  /** Share of the period's days that lie between the first and the last reading. */
  covered: number;
}

export interface CumulativeAllocation {
  intervals: CumulativeInterval[];
  periods: CumulativePeriod[];
  settings: Record<string, unknown>;
  warnings: string[];
}

const DAYS_PER_MONTH = 365.25 / 12;

/** The bounds a reading's qualifier implies. */
export function readingBounds(r: CumulativeReading, approxRelative = 0.1, boundSlack = 0.25): [number, number] {
  const q = r.qualifier ?? '=';
  const v = r.value;
  if (q === '~') return [r.low ?? v * (1 - approxRelative), r.high ?? v * (1 + approxRelative)];
  if (q === '>' || q === '>=') return [r.low ?? v, r.high ?? v * (1 + boundSlack)];
  if (q === '<' || q === '<=') return [r.low ?? v * (1 - boundSlack), r.high ?? v];
  return [r.low ?? v, r.high ?? v];
}

/**
 * Readings by date, with a reading of 0 the day before `start` when given; of two readings on one day the
 * larger is kept (a running total published twice that day).
 */
export function sortedReadings(readings: ReadonlyArray<CumulativeReading>, start?: string): CumulativeReading[] {
  const pts = [...readings];
  if (start) pts.push({ date: addDays(start, -1), value: 0, qualifier: '=' });
  return pts
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : b.value - a.value))
    .filter((p, i, a) => i === 0 || p.date !== a[i - 1]!.date);
}

export function allocateCumulative(
  readings: ReadonlyArray<CumulativeReading>,
  opts: CumulativeOptions = {},
): CumulativeAllocation {
  const unit = opts.unit ?? 'month';
  const draws = opts.draws ?? 2000;
  const approx = opts.approxRelative ?? 0.1;
  const slack = opts.boundSlack ?? 0.25;
  const kappa = opts.smoothness ?? 10;
  const rng = new Rng(opts.seed ?? 1);
  const warnings: string[] = [];

  const sorted = sortedReadings(readings, opts.start);
  if (sorted.length < 2)
    throw new BadInputError([
      { file: 'readings', line: 0, message: 'need at least two cumulative readings (or one and a start date)' },
    ]);
  const base = intervalCounts(sorted.map((p) => ({ date: p.date, value: p.value })));
  base.forEach((iv) => {
    if (iv.count < 0)
      warnings.push(
        `the total falls between ${iv.start} and ${iv.end} (${iv.count}): a correction; that interval is allocated as zero`,
      );
  });

  // The periods each interval touches, with its days in each: (reading i, exclusive] … reading i+1.
  const firstDay = dayNumber(sorted[0]!.date) + 1;
  const lastDay = dayNumber(sorted[sorted.length - 1]!.date);
  const p0 = periodOfDay(firstDay, unit);
  const nPeriods = periodOfDay(lastDay, unit) - p0 + 1;
  const spans = base.map((iv) => {
    const a = dayNumber(iv.start) + 1;
    const b = dayNumber(iv.end);
    const idx: number[] = [];
    const days: number[] = [];
    for (let p = periodOfDay(a, unit); p <= periodOfDay(b, unit); p++) {
      idx.push(p - p0);
      days.push(Math.min(b, periodEndDay(p, unit)) - Math.max(a, periodStartDay(p, unit)) + 1);
    }
    return { idx, alpha: days.map((d) => Math.max(1e-3, (kappa * d) / DAYS_PER_MONTH)) };
  });

  const bounds = sorted.map((r) => readingBounds(r, approx, slack));
  const periodDraws = Array.from({ length: nPeriods }, () => new Float64Array(draws));
  const intervalDraws = base.map(() => new Float64Array(draws));
  const values = new Float64Array(sorted.length);
  for (let s = 0; s < draws; s++) {
    // True cumulative values inside their bounds, kept non-decreasing (a running maximum).
    for (let i = 0; i < sorted.length; i++) {
      const [lo, hi] = bounds[i]!;
      const v = lo + (hi - lo) * rng.uniform();
      values[i] = i > 0 ? Math.max(values[i - 1]!, v) : v;
    }
    for (let k = 0; k < spans.length; k++) {
      const inc = Math.max(0, Math.round(values[k + 1]!) - Math.round(values[k]!));
      intervalDraws[k]![s] = inc;
      const sp = spans[k]!;
      if (sp.idx.length === 1) {
        periodDraws[sp.idx[0]!]![s]! += inc;
        continue;
      }
      const shares = rng.dirichlet(sp.alpha);
      const counts = rng.multinomial(inc, shares);
      for (let j = 0; j < sp.idx.length; j++) periodDraws[sp.idx[j]!]![s]! += counts[j]!;
    }
  }

  const intervals: CumulativeInterval[] = base.map((iv, k) => {
    const sm = summariseDraws(intervalDraws[k]!);
    const scale = DAYS_PER_MONTH / iv.days;
    return {
      ...iv,
      ...sm,
      perMonthEstimate: sm.estimate * scale,
      perMonthLo95: sm.lo95 * scale,
      perMonthHi95: sm.hi95 * scale,
    };
  });
  const periods: CumulativePeriod[] = periodDraws.map((d, j) => {
    const p = p0 + j;
    const inside = Math.min(lastDay, periodEndDay(p, unit)) - Math.max(firstDay, periodStartDay(p, unit)) + 1;
    const length = periodEndDay(p, unit) - periodStartDay(p, unit) + 1;
    return { period: periodStartDate(p, unit), ...summariseDraws(d), covered: inside / length };
  });
  return {
    intervals,
    periods,
    settings: {
      unit,
      draws,
      seed: opts.seed ?? 1,
      approxRelative: approx,
      boundSlack: slack,
      smoothness: kappa,
      start: opts.start,
    },
    warnings,
  };
}

/** A row of a cumulative-totals file as read. */
export interface RawReadingRow {
  line: number;
  date: string;
  value: string;
  qualifier?: string;
}

const QUALIFIERS = new Set(['=', '~', '>', '<', '>=', '<=']);

/**
 * Parses readings such as "2023-05-01, >1,200" or "~600": the qualifier may sit in its own column
 * or in front of the number; thousands separators are allowed. Bad rows fail (all listed) or are skipped.
 */
export function parseReadings(
  rows: ReadonlyArray<RawReadingRow>,
  opts: { file: string; onBad: OnBadRows; dateField: string; valueField: string },
) {
  const issues: InputIssue[] = [];
  const readings: CumulativeReading[] = [];
  for (const row of rows) {
    const date = row.date.trim();
    const m = /^\s*(>=|<=|[=~><])?\s*([0-9][0-9,_ ]*(\.[0-9]+)?)\s*$/.exec(row.value);
    const q = (row.qualifier?.trim() || m?.[1] || '=') as Qualifier;
    const before = issues.length;
    if (!isIsoDate(date))
      issues.push({
        file: opts.file,
        line: row.line,
        field: opts.dateField,
        message: `not a date (YYYY-MM-DD): "${row.date}"`,
      });
    if (!m)
      issues.push({
        file: opts.file,
        line: row.line,
        field: opts.valueField,
        message: `not a number (optionally after ~ > < =): "${row.value}"`,
      });
    else if (!QUALIFIERS.has(q))
      issues.push({ file: opts.file, line: row.line, field: 'qualifier', message: `unknown qualifier "${q}"` });
    if (issues.length > before) continue;
    readings.push({ date, value: Number(m![2]!.replace(/[,_ ]/g, '')), qualifier: q });
  }
  if (issues.length > 0 && opts.onBad === 'fail') throw new BadInputError(issues);
  return { readings, skipped: new Set(issues.map((i) => i.line)).size, issues };
}
