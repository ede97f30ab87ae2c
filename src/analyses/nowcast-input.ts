import { parse } from 'csv-parse/sync';
import { dayNumber, isIsoDate, BadInputError, type InputIssue } from '../domain/index.ts';
import {
  suggestMaxDelay,
  validateCaseRows,
  type OnBadRows,
  type RawCaseRow,
  detectPeriodLabels,
  type DateKind,
  type PeriodLabels,
  periodOfDate,
  type PeriodUnit,
  type CaseRecord,
  type ReportingTriangle,
} from '../nowcast/index.ts';

// The nowcast's inputs from CSV text: a line list, a reporting triangle, or cumulative readings. Text in,
// so that a file (the CLI) and an upload (a request) are read by the same code.

export interface CsvTable {
  header: string[];
  rows: Array<{ line: number; values: Record<string, string> }>;
}

export function parseCsvText(text: string, file: string): CsvTable {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      skip_empty_lines: true,
      trim: true,
      bom: true,
      info: true,
      relax_column_count: true,
    }) as unknown as typeof records;
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 0;
    throw new BadInputError([
      { file, line, message: `not valid CSV: ${err instanceof Error ? err.message : String(err)}` },
    ]);
  }
  // Arrays, not objects: column names such as "0", "1" would be reordered as object keys.
  const header = records[0]?.record ?? [];
  const rows = records
    .slice(1)
    .map((r) => ({ line: r.info.lines, values: Object.fromEntries(header.map((h, i) => [h, r.record[i] ?? ''])) }));
  return { header, rows };
}

export interface LineListOptions {
  eventCol?: string;
  reportCol?: string;
  now?: string;
  unit: PeriodUnit;
  onBad: OnBadRows;
  maxDelay?: number;
}

export interface LineList {
  cases: CaseRecord[];
  nowDay: number;
  maxDelay: number;
  warnings: string[];
  afterNow: number;
}

/** A line list names its two date columns (checked before the file is read). */
export function checkLineListColumns(
  opts: Pick<LineListOptions, 'eventCol' | 'reportCol'>,
): asserts opts is { eventCol: string; reportCol: string } {
  if (!opts.eventCol || !opts.reportCol)
    throw new BadInputError([
      {
        file: 'arguments',
        line: 0,
        field: '--event-col',
        message: 'a line list needs --event-col and --report-col (or give --triangle)',
      },
    ]);
}

/** A line list's cases as of now (rows reported later are left out and counted), and the maximum delay. */
export function readLineList(csv: CsvTable, file: string, opts: LineListOptions): LineList {
  checkLineListColumns(opts);
  const { eventCol, reportCol } = opts;
  const { header, rows } = csv;
  for (const [flag, col] of [
    ['--event-col', eventCol],
    ['--report-col', reportCol],
  ] as const)
    if (rows.length > 0 && !header.includes(col))
      throw new BadInputError([
        { file, line: 1, field: col, message: `no column "${col}" (${flag}); columns: ${header.join(', ')}` },
      ]);
  const raw: RawCaseRow[] = rows.map((r) => ({
    line: r.line,
    event: r.values[eventCol] ?? '',
    report: r.values[reportCol] ?? '',
  }));
  const v = validateCaseRows(raw, {
    file,
    now: opts.now,
    onBad: opts.onBad,
    eventField: eventCol,
    reportField: reportCol,
  });
  if (v.cases.length === 0) throw new BadInputError([{ file, line: 0, message: 'no usable rows' }]);
  const warnings: string[] = [];
  if (v.skipped > 0)
    warnings.push(
      `skipped ${v.skipped} bad row(s) (first: ${v.issues[0]!.file} line ${v.issues[0]!.line}: ${v.issues[0]!.message})`,
    );
  if (v.afterNow > 0)
    warnings.push(`${v.afterNow} row(s) reported after now (${opts.now}) were not yet known then and are left out`);
  const nowDay = opts.now ? dayNumber(opts.now) : Math.max(...v.cases.map((c) => c.report));
  const maxDelay = opts.maxDelay ?? suggestMaxDelay(v.cases, opts.unit);
  return { cases: v.cases, nowDay, maxDelay, warnings, afterNow: v.afterNow };
}

/** A triangle CSV: first column the period start date, then one column per delay 0, 1, …; empty = not yet observed. */
export function readTriangle(csv: CsvTable, file: string, unit: PeriodUnit): ReportingTriangle {
  const { header, rows } = csv;
  const issues: InputIssue[] = [];
  const counts: number[][] = [];
  let first = 0;
  // Rows exist only below a header line, and each row holds every header column (see parseCsvText).
  const dateCol = header[0]!;
  rows.forEach((r, i) => {
    const date = r.values[dateCol]!;
    if (!isIsoDate(date))
      issues.push({ file, line: r.line, field: dateCol, message: `not a date (YYYY-MM-DD): "${date}"` });
    else if (i === 0) first = periodOfDate(date, unit);
    else if (periodOfDate(date, unit) !== first + i)
      issues.push({ file, line: r.line, field: dateCol, message: `rows must be consecutive ${unit}s` });
    const row = header.slice(1).map((h) => {
      const s = r.values[h];
      if (s === '' || s === undefined || s.toUpperCase() === 'NA') return Number.NaN;
      const x = Number(s);
      if (!Number.isFinite(x) || x < 0) issues.push({ file, line: r.line, field: h, message: `not a count: "${s}"` });
      return x;
    });
    counts.push(row);
  });
  if (issues.length > 0) throw new BadInputError(issues);
  if (counts.length === 0) throw new BadInputError([{ file, line: 0, message: 'no rows' }]);
  return { unit, firstPeriod: first, maxDelay: header.length - 2, counts };
}

/** How the dates of the list are read: the kind asked for, or detected; an explicit period-start that does not fit is bad input. */
export function periodLabels(
  file: string,
  cases: ReadonlyArray<CaseRecord>,
  unit: PeriodUnit,
  kind: DateKind,
): PeriodLabels {
  if (kind === 'day') return { periodStart: false, shift: 0 };
  const found = detectPeriodLabels(cases, unit);
  if (kind === 'period-start' && !found.periodStart && unit !== 'day')
    throw new BadInputError([
      {
        file,
        line: 0,
        field: '--date-kind',
        message: `period-start: the dates are not all the first day of a ${unit}${unit === 'week' ? ' on one weekday' : ''} (e.g. ${found.counterexample ?? 'only one date'})`,
      },
    ]);
  return found;
}
