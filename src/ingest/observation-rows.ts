import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { type InputIssue, Observation } from '../domain/index.ts';

/** A parsed row and the input line it came from. */
export interface Located<T> {
  line: number;
  value: T;
}

export interface ParsedRows<T> {
  rows: Located<T>[];
  issues: InputIssue[];
}

// File columns are snake_case (the README's "Observation files"); the domain is camelCase.
const COLUMNS: Record<string, string> = {
  id: 'id',
  series_id: 'seriesId',
  source_id: 'sourceId',
  articles: 'articles',
  scope: 'scope',
  period_start: 'periodStart',
  period_end: 'periodEnd',
  value_kind: 'valueKind',
  rate_per: 'ratePer',
  value: 'value',
  qualifier: 'qualifier',
  low: 'low',
  high: 'high',
  unit: 'unit',
  derivation: 'derivation',
  formula: 'formula',
  ref: 'ref',
  notes: 'notes',
};
const FIELD_TO_COLUMN = Object.fromEntries(Object.entries(COLUMNS).map(([c, f]) => [f, c]));
export const REQUIRED_COLUMNS = ['id', 'series_id', 'source_id', 'scope', 'period_end', 'value_kind', 'value', 'unit'];
const NUMERIC = new Set(['value', 'low', 'high']);

function zodIssues(file: string, line: number, err: z.ZodError, columnNames: boolean): InputIssue[] {
  return err.issues.map((i) => {
    const field = String(i.path[0] ?? '');
    return { file, line, field: columnNames ? (FIELD_TO_COLUMN[field] ?? field) : field, message: i.message };
  });
}

/**
 * Dates an observation may carry: from 1700 (the historical comparators begin in 1800) to a year after
 * today. A date outside is a typo (9999-12-31, 0202-05-01), not a figure.
 */
export const EARLIEST_DATE = '1700-01-01';
export function latestDate(today: Date = new Date()): string {
  const d = new Date(Date.UTC(today.getUTCFullYear() + 1, today.getUTCMonth(), today.getUTCDate()));
  return d.toISOString().slice(0, 10);
}

function dateWindowIssues(
  file: string,
  line: number,
  o: Observation,
  latest: string,
  columnNames: boolean,
): InputIssue[] {
  const out: InputIssue[] = [];
  for (const [k, col] of [
    ['periodStart', 'period_start'],
    ['periodEnd', 'period_end'],
  ] as const) {
    const d = o[k];
    if (d !== undefined && (d < EARLIEST_DATE || d > latest))
      out.push({
        file,
        line,
        field: columnNames ? col : k,
        message: `${d} is outside ${EARLIEST_DATE}..${latest} (a year after today)`,
      });
  }
  return out;
}

/** CSV cell → domain value: empty is absent, numbers must be numbers, articles are a ;-separated list. */
function cellValue(column: string, raw: string): { value?: unknown; error?: string } {
  const s = raw.trim();
  if (s === '') return column === 'articles' ? { value: [] } : {};
  if (NUMERIC.has(column)) {
    const n = Number(s.replace(/[\s_]/g, ''));
    return Number.isFinite(n) ? { value: n } : { error: `"${s}" is not a number` };
  }
  if (column === 'articles') {
    if (s.startsWith('[')) {
      try {
        return { value: JSON.parse(s) };
      } catch {
        return { error: `"${s}" is not a JSON list` };
      }
    }
    return {
      value: s
        .split(/[;,|]/)
        .map((a) => a.trim())
        .filter(Boolean),
    };
  }
  return { value: s };
}

export function parseObservationsCsv(file: string, text: string, today: Date = new Date()): ParsedRows<Observation> {
  const latest = latestDate(today);
  const issues: InputIssue[] = [];
  const rows: Located<Observation>[] = [];
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    records = parse(text, {
      columns: true,
      info: true,
      skip_empty_lines: true,
      bom: true,
      relax_column_count: false,
    }) as never;
  } catch (e) {
    const err = e as { lines?: number; message: string };
    return { rows, issues: [{ file, line: err.lines ?? 0, message: `not readable as CSV: ${err.message}` }] };
  }
  const header = records[0] ? Object.keys(records[0].record) : (parse(text, { to_line: 1 })[0] ?? []);
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  for (const c of missing) issues.push({ file, line: 1, field: c, message: `missing column "${c}"` });
  for (const c of header)
    if (!(c in COLUMNS)) issues.push({ file, line: 1, field: c, message: `unknown column "${c}"` });
  if (issues.length) return { rows, issues };
  for (const { record, info } of records) {
    const line = info.lines;
    const obj: Record<string, unknown> = {};
    let bad = false;
    for (const [column, raw] of Object.entries(record)) {
      const { value, error } = cellValue(column, raw);
      if (error) {
        issues.push({ file, line, field: column, message: error });
        bad = true;
      } else if (value !== undefined) obj[COLUMNS[column]!] = value; // unknown columns were refused above
    }
    if (bad) continue;
    const r = Observation.safeParse(obj);
    if (!r.success) issues.push(...zodIssues(file, line, r.error, true));
    else {
      const outside = dateWindowIssues(file, line, r.data, latest, true);
      if (outside.length) issues.push(...outside);
      else rows.push({ line, value: r.data });
    }
  }
  return { rows, issues };
}

export function parseJsonLines<T>(
  file: string,
  text: string,
  schema: z.ZodType<T>,
  normaliseKeys?: (o: Record<string, unknown>) => Record<string, unknown>,
): ParsedRows<T> {
  const issues: InputIssue[] = [];
  const rows: Located<T>[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const s = lines[i]!.trim();
    if (s === '') continue;
    const line = i + 1;
    let obj: unknown;
    try {
      obj = JSON.parse(s);
    } catch (e) {
      issues.push({ file, line, message: `not valid JSON: ${(e as Error).message}` });
      continue;
    }
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
      issues.push({ file, line, message: 'each line must be a JSON object' });
      continue;
    }
    const r = schema.safeParse(normaliseKeys ? normaliseKeys(obj as Record<string, unknown>) : obj);
    if (r.success) rows.push({ line, value: r.data });
    else issues.push(...zodIssues(file, line, r.error, false));
  }
  return { rows, issues };
}

/** Accept snake_case keys in JSON Lines too, so one file layout serves both formats. */
export function camelKeys(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[COLUMNS[k] ?? k] = v;
  return out;
}

export function parseObservationsJsonl(file: string, text: string, today: Date = new Date()): ParsedRows<Observation> {
  const parsed = parseJsonLines(file, text, Observation, camelKeys);
  const latest = latestDate(today);
  const rows: Located<Observation>[] = [];
  for (const r of parsed.rows) {
    const outside = dateWindowIssues(file, r.line, r.value, latest, false);
    if (outside.length) parsed.issues.push(...outside);
    else rows.push(r);
  }
  return { rows, issues: parsed.issues };
}

/** Pick the reader by extension: .csv, or .jsonl/.ndjson/.json (JSON Lines). */
export function parseObservationsFile(file: string, text: string, today: Date = new Date()): ParsedRows<Observation> {
  if (/\.csv$/i.test(file)) return parseObservationsCsv(file, text, today);
  if (/\.(jsonl|ndjson|json)$/i.test(file)) return parseObservationsJsonl(file, text, today);
  return { rows: [], issues: [{ file, line: 0, message: 'unknown file type: use .csv or .jsonl' }] };
}
