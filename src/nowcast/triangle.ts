import { type PeriodUnit, periodOfDay } from './periods.ts';

/**
 * A reporting triangle of incremental counts: counts[t][d] is the number of cases of event period
 * `firstPeriod + t` reported with a delay of d periods; NaN where that cell is not observed yet.
 * Each row is observed on a prefix of delays (0 … lastObserved). Columns run 0 … maxDelay.
 */
export interface ReportingTriangle {
  unit: PeriodUnit;
  /** Period index (see periods.ts) of row 0. */
  firstPeriod: number;
  maxDelay: number;
  counts: number[][];
}

/** A case: event (offence / case received) and report (verdict) as day numbers since 1970-01-01. */
export interface CaseRecord {
  event: number;
  report: number;
}

export interface TriangleFromCases {
  triangle: ReportingTriangle;
  /** Cases reported more than maxDelay periods after their event period: left out (the nowcast targets cases within maxDelay). */
  beyondMaxDelay: number;
  /** Cases reported after the last complete period (or with an event before firstPeriod): not in the triangle. */
  outside: number;
}

/**
 * Builds the triangle of the cases known on the last day of `lastPeriod` (report period ≤ lastPeriod).
 * Rows run from `firstPeriod` (default: the earliest event period) to `lastPeriod`.
 */
export function triangleFromCases(
  cases: ArrayLike<CaseRecord> | CaseRecord[],
  opts: { unit: PeriodUnit; lastPeriod: number; maxDelay: number; firstPeriod?: number },
): TriangleFromCases {
  const { unit, lastPeriod, maxDelay } = opts;
  let first = opts.firstPeriod ?? Number.POSITIVE_INFINITY;
  if (opts.firstPeriod === undefined) {
    for (let i = 0; i < cases.length; i++) {
      const p = periodOfDay(cases[i]!.event, unit);
      if (p < first) first = p;
    }
    if (!Number.isFinite(first)) first = lastPeriod;
  }
  const nRows = Math.max(0, lastPeriod - first + 1);
  const counts: number[][] = [];
  for (let t = 0; t < nRows; t++) {
    const row = new Array<number>(maxDelay + 1);
    const observedThrough = Math.min(maxDelay, nRows - 1 - t);
    for (let d = 0; d <= maxDelay; d++) row[d] = d <= observedThrough ? 0 : Number.NaN;
    counts.push(row);
  }
  let beyond = 0;
  let outside = 0;
  for (let i = 0; i < cases.length; i++) {
    const e = periodOfDay(cases[i]!.event, unit);
    const r = periodOfDay(cases[i]!.report, unit);
    if (r > lastPeriod || e < first || e > lastPeriod) {
      outside++;
      continue;
    }
    const d = r - e;
    if (d > maxDelay) {
      beyond++;
      continue;
    }
    counts[e - first]![d]!++;
  }
  return { triangle: { unit, firstPeriod: first, maxDelay, counts }, beyondMaxDelay: beyond, outside };
}

/** A triangle from incremental rows, null/undefined for unobserved cells (rows may be shorter than maxDelay + 1). */
export function triangleFromRows(
  rows: ReadonlyArray<ReadonlyArray<number | null | undefined>>,
  opts: { unit?: PeriodUnit; firstPeriod?: number; maxDelay?: number } = {},
): ReportingTriangle {
  const maxDelay = opts.maxDelay ?? Math.max(...rows.map((r) => r.length)) - 1;
  const counts = rows.map((r) => {
    const row = new Array<number>(maxDelay + 1).fill(Number.NaN);
    for (let d = 0; d <= maxDelay && d < r.length; d++) {
      const v = r[d];
      row[d] = v === null || v === undefined ? Number.NaN : v;
    }
    return row;
  });
  return { unit: opts.unit ?? 'month', firstPeriod: opts.firstPeriod ?? 0, maxDelay, counts };
}

/** Incremental rows from cumulative rows (actuarial triangles are usually published cumulative). */
export function incrementalFromCumulative(rows: ReadonlyArray<ReadonlyArray<number>>): number[][] {
  return rows.map((r) => r.map((v, d) => (d === 0 ? v : v - r[d - 1]!)));
}

/** Index of the last observed delay of a row (−1 if none). */
export function lastObserved(row: ReadonlyArray<number>): number {
  let k = -1;
  for (let d = 0; d < row.length; d++) {
    if (Number.isNaN(row[d])) break;
    k = d;
  }
  return k;
}

/** Sum of the observed cells of a row: what has been reported so far. */
export function reportedSoFar(row: ReadonlyArray<number>): number {
  let s = 0;
  for (let d = 0; d < row.length; d++) if (!Number.isNaN(row[d])) s += row[d]!;
  return s;
}

/**
 * The triangle as it was `back` periods earlier: rows after the cut are gone and cells reported
 * after it become unobserved. Used for retrospective nowcasts and backtests on a triangle.
 */
export function truncateTriangle(tri: ReportingTriangle, back: number): ReportingTriangle {
  const n = tri.counts.length - back;
  const counts: number[][] = [];
  for (let t = 0; t < n; t++) {
    const row = tri.counts[t]!.slice();
    for (let d = 0; d < row.length; d++) if (t + d > n - 1) row[d] = Number.NaN;
    counts.push(row);
  }
  return { ...tri, counts };
}
