import { dayNumber, isIsoDate, type InputIssue, BadInputError } from '../domain/index.ts';
import { type PeriodUnit, periodOfDay } from './periods.ts';
import type { CaseRecord } from './triangle.ts';

/** One row of a line list as read: its line in the file and the two date fields as text. */
export interface RawCaseRow {
  line: number;
  event: string;
  report: string;
}

/** What to do with bad rows: stop with every problem listed, or leave them out and count them. */
export type OnBadRows = 'fail' | 'skip';

export interface ValidatedCases {
  cases: CaseRecord[];
  skipped: number;
  /** The problems found (also when skipped, so the caller can say what was left out). */
  issues: InputIssue[];
  /** Rows reported after `now`: not yet known on that date, so left out (not bad input; NobBS does the same). */
  afterNow: number;
}

/** Accepts YYYY-MM-DD, or a timestamp that starts with one (the time of day is dropped). */
function parseDay(text: string): number | undefined {
  const s = text.trim().slice(0, 10);
  if (!isIsoDate(s)) return undefined;
  if (text.trim().length > 10 && !/^[T ]/.test(text.trim().slice(10))) return undefined;
  return dayNumber(s);
}

/**
 * Checks each row: both dates parse and the report is not before the event. A whole line list may be
 * given with an earlier `now`: rows reported after it were not known then and are counted and left
 * out. With onBad = 'fail' any problem throws BadInputError naming every bad line.
 */
export function validateCaseRows(
  rows: ReadonlyArray<RawCaseRow>,
  opts: { file: string; now?: string; onBad: OnBadRows; eventField: string; reportField: string },
): ValidatedCases {
  const nowDay = opts.now === undefined ? Number.POSITIVE_INFINITY : dayNumber(opts.now);
  const issues: InputIssue[] = [];
  const cases: CaseRecord[] = [];
  let afterNow = 0;
  for (const row of rows) {
    const e = parseDay(row.event);
    const r = parseDay(row.report);
    const bad = (field: string, message: string) => issues.push({ file: opts.file, line: row.line, field, message });
    if (e === undefined) bad(opts.eventField, `not a date (YYYY-MM-DD): "${row.event}"`);
    if (r === undefined) bad(opts.reportField, `not a date (YYYY-MM-DD): "${row.report}"`);
    if (e === undefined || r === undefined) continue;
    if (r < e) {
      bad(opts.reportField, `reported (${row.report.trim()}) before the event (${row.event.trim()})`);
      continue;
    }
    // An event after now has its report after now too (checked above), so this covers both.
    if (r > nowDay) {
      afterNow++;
      continue;
    }
    cases.push({ event: e, report: r });
  }
  if (issues.length > 0 && opts.onBad === 'fail') throw new BadInputError(issues);
  const badLines = new Set(issues.map((i) => i.line));
  return { cases, skipped: badLines.size, issues, afterNow };
}

/**
 * A default maximum delay: the 99th percentile of the observed delays in periods, so that a few
 * extreme cases do not make the triangle needlessly wide. At least 1.
 */
export function suggestMaxDelay(cases: ReadonlyArray<CaseRecord>, unit: PeriodUnit): number {
  if (cases.length === 0) return 1;
  const delays = cases.map((c) => periodOfDay(c.report, unit) - periodOfDay(c.event, unit)).sort((a, b) => a - b);
  return Math.max(1, delays[Math.max(0, Math.ceil(0.99 * delays.length) - 1)]!);
}
