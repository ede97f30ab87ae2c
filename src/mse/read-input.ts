// Turning input text into pattern tables: the pattern-count JSON, record linkage's capture histories, and a
// CSV of records with one 0/1 column per list (optional count and stratum columns). Text in, tables out.
import { parse } from 'csv-parse/sync';
import { BadInputError, type InputIssue } from '../domain/index.ts';
import { patternIndex, patternString, tableFromPatternCounts, type PatternTable } from './table.ts';

export interface StratumTable {
  /** Stratum column values, e.g. {region: "north", year: "2023"}. */
  key: Record<string, string>;
  table: PatternTable;
}

export interface MseInput {
  table: PatternTable;
  strata: StratumTable[];
}

/** JSON: {"lists": [...], "counts": {"101": n, ...}} or linkage's {"lists": [...], "captureHistories": {...}}. */
export function parseMseJson(text: string, file: string): MseInput {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new BadInputError([
      { file, line: 0, message: `not valid JSON: ${e instanceof Error ? e.message : String(e)}` },
    ]);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data))
    throw new BadInputError([
      { file, line: 0, message: 'expected a JSON object with "counts" (pattern → count) or "captureHistories"' },
    ]);
  const o = data as Record<string, unknown>;
  const field = 'counts' in o ? 'counts' : 'captureHistories' in o ? 'captureHistories' : null;
  if (!field)
    throw new BadInputError([
      {
        file,
        line: 0,
        message: 'expected a "counts" or "captureHistories" object keyed by pattern strings such as "101"',
      },
    ]);
  const counts = o[field];
  if (!counts || typeof counts !== 'object' || Array.isArray(counts))
    throw new BadInputError([
      { file, line: 0, field, message: 'must be an object keyed by pattern strings such as "101"' },
    ]);
  let lists: string[] | undefined;
  if (o.lists !== undefined) {
    if (!Array.isArray(o.lists) || o.lists.some((l) => typeof l !== 'string'))
      throw new BadInputError([{ file, line: 0, field: 'lists', message: 'must be an array of list names' }]);
    lists = o.lists as string[];
  }
  // Linkage output may list the all-zero pattern with count 0; only a positive count there is an error.
  const cleaned: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(counts as Record<string, unknown>)) {
    if (/^0+$/.test(k) && v === 0) continue;
    cleaned[k] = v;
  }
  return { table: tableFromPatternCounts(lists, cleaned, { file, field }), strata: [] };
}

const COUNT_COLUMNS = new Set(['count', 'freq', 'frequency', 'n']);

/**
 * CSV of records: every column not named as a stratum (and not a count column: count/freq/frequency/n) is a list,
 * holding 0 or 1. Rows on no list are an error (nobody can be observed on no list).
 */
export function parseMseCsv(text: string, file: string, strataColumns: string[] = []): MseInput {
  let rows: string[][];
  let lines: number[];
  try {
    const records = parse(text, {
      skip_empty_lines: true,
      trim: true,
      bom: true,
      info: true,
      relax_column_count: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
    rows = records.map((r) => r.record);
    lines = records.map((r) => r.info.lines);
  } catch (e) {
    const line = e && typeof e === 'object' && 'lines' in e ? Number((e as { lines: number }).lines) : 0;
    throw new BadInputError([
      { file, line, message: `not readable as CSV: ${e instanceof Error ? e.message : String(e)}` },
    ]);
  }
  const [header] = rows;
  if (!header) throw new BadInputError([{ file, line: 0, message: 'the file is empty' }]);
  const issues: InputIssue[] = [];
  for (const s of strataColumns)
    if (!header.includes(s))
      issues.push({
        file,
        line: 1,
        field: s,
        message: `stratum column "${s}" is not in the header (${header.join(', ')})`,
      });
  const countCol = header.findIndex((h) => COUNT_COLUMNS.has(h.toLowerCase()));
  const strataIdx = strataColumns.map((s) => header.indexOf(s));
  const listIdx = header.map((_, i) => i).filter((i) => i !== countCol && !strataIdx.includes(i));
  if (listIdx.length < 2)
    issues.push({ file, line: 1, message: `capture–recapture needs at least 2 list columns, found ${listIdx.length}` });
  if (issues.length) throw new BadInputError(issues);
  const lists = listIdx.map((i) => header[i]!);
  const total: Record<string, number> = {};
  const byStratum = new Map<string, { key: Record<string, string>; counts: Record<string, number> }>();
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]!;
    const line = lines[r]!;
    if (row.length !== header.length) {
      issues.push({ file, line, message: `${row.length} fields, the header has ${header.length}` });
      continue;
    }
    let pattern = '';
    let bad = false;
    for (const i of listIdx) {
      const v = row[i];
      if (v !== '0' && v !== '1') {
        issues.push({ file, line, field: header[i]!, message: `list membership must be 0 or 1, got "${v}"` });
        bad = true;
      }
      pattern += v === '1' ? '1' : '0';
    }
    let count = 1;
    if (countCol >= 0) {
      count = Number(row[countCol]);
      if (row[countCol] === '' || !Number.isInteger(count) || count < 0) {
        issues.push({
          file,
          line,
          field: header[countCol]!,
          message: `count must be a whole number ≥ 0, got "${row[countCol]}"`,
        });
        bad = true;
      }
    }
    if (!bad && patternIndex(pattern) === 0 && count > 0) {
      issues.push({ file, line, message: 'this record is on no list; the unobserved cannot be counted' });
      bad = true;
    }
    if (bad) continue;
    total[pattern] = (total[pattern] ?? 0) + count;
    if (strataIdx.length) {
      const key: Record<string, string> = {};
      strataIdx.forEach((i, k) => (key[strataColumns[k]!] = row[i]!));
      const id = JSON.stringify(strataIdx.map((i) => row[i]));
      let s = byStratum.get(id);
      if (!s) byStratum.set(id, (s = { key, counts: {} }));
      s.counts[pattern] = (s.counts[pattern] ?? 0) + count;
    }
  }
  if (issues.length) throw new BadInputError(issues);
  if (rows.length < 2) throw new BadInputError([{ file, line: 0, message: 'no records after the header' }]);
  const complete = (c: Record<string, number>) => {
    // Every observed pattern present (zeros included) so tables of strata line up.
    const out: Record<string, number> = {};
    for (let cell = 1; cell < 1 << lists.length; cell++)
      out[patternString(cell, lists.length)] = c[patternString(cell, lists.length)] ?? 0;
    return out;
  };
  const table = tableFromPatternCounts(lists, complete(total), { file });
  const strata: StratumTable[] = [];
  for (const s of byStratum.values()) {
    const counts = complete(s.counts);
    if (Object.values(counts).every((v) => v === 0)) continue;
    strata.push({
      key: s.key,
      table: tableFromPatternCounts(lists, counts, { file, field: `stratum ${JSON.stringify(s.key)}` }),
    });
  }
  return { table, strata };
}

/** Pick the reader by content: JSON if it starts with "{", CSV otherwise. */
export function parseMseInput(text: string, file: string, strataColumns: string[] = []): MseInput {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    if (strataColumns.length)
      throw new BadInputError([
        { file, line: 0, message: '--strata needs a CSV of records; this file is JSON pattern counts' },
      ]);
    return parseMseJson(text, file);
  }
  return parseMseCsv(text, file, strataColumns);
}
