// The canonical input of every MSE method: counts of people by inclusion pattern over J lists.
import { BadInputError, type InputIssue } from '../domain/errors.ts';

/**
 * counts[c] is the number of people with inclusion pattern c, a bitmask where bit i means "on list i"
 * (pattern string position i). counts[0], the never-recorded cell, is always 0: it is what we estimate.
 */
export interface PatternTable {
  lists: string[];
  counts: Float64Array;
}

export const MAX_LISTS = 20;

/** Bitmask of a pattern string such as "101" (position i = list i). */
export function patternIndex(pattern: string): number {
  let c = 0;
  for (let i = 0; i < pattern.length; i++) if (pattern[i] === '1') c |= 1 << i;
  return c;
}

/** Pattern string of a bitmask over J lists. */
export function patternString(cell: number, lists: number): string {
  let s = '';
  for (let i = 0; i < lists; i++) s += cell & (1 << i) ? '1' : '0';
  return s;
}

/** Number of people observed (on at least one list). */
export function observedTotal(t: PatternTable): number {
  let n = 0;
  for (let c = 1; c < t.counts.length; c++) n += t.counts[c];
  return n;
}

export function listCount(t: PatternTable): number {
  return t.lists.length;
}

/** The table as {pattern: count} with every observed pattern (zeros included). */
export function toPatternCounts(t: PatternTable): Record<string, number> {
  const out: Record<string, number> = {};
  for (let c = 1; c < t.counts.length; c++) out[patternString(c, t.lists.length)] = t.counts[c];
  return out;
}

/**
 * Build a table from pattern-keyed counts, checking everything at once: pattern length and alphabet,
 * counts that are non-negative integers, at least 2 lists, and no count for the all-zero pattern.
 * `where` names the file (and field) in the error.
 */
export function tableFromPatternCounts(
  lists: readonly string[] | undefined,
  counts: Record<string, unknown>,
  where: { file: string; field?: string } = { file: '<input>' },
): PatternTable {
  const issues: InputIssue[] = [];
  const field = where.field ?? 'counts';
  const keys = Object.keys(counts);
  const j = lists?.length ?? (keys.length > 0 ? keys[0].length : 0);
  if (lists) {
    const seen = new Set<string>();
    for (const name of lists) {
      if (typeof name !== 'string' || name.length === 0) issues.push({ file: where.file, line: 0, field: 'lists', message: 'every list needs a non-empty name' });
      else if (seen.has(name)) issues.push({ file: where.file, line: 0, field: 'lists', message: `list "${name}" is named twice` });
      seen.add(name);
    }
  }
  if (j < 2) issues.push({ file: where.file, line: 0, field: lists ? 'lists' : field, message: `capture–recapture needs at least 2 lists, got ${j}` });
  if (j > MAX_LISTS) issues.push({ file: where.file, line: 0, field: 'lists', message: `at most ${MAX_LISTS} lists are supported, got ${j}` });
  if (keys.length === 0) issues.push({ file: where.file, line: 0, field, message: 'no pattern counts given' });
  if (issues.length) throw new BadInputError(issues);
  const table = new Float64Array(1 << j);
  const seenCells = new Set<number>();
  for (const key of keys) {
    const f = `${field}.${key}`;
    const v = counts[key];
    if (key.length !== j) {
      issues.push({ file: where.file, line: 0, field: f, message: `pattern "${key}" has ${key.length} characters, expected ${j} (one per list)` });
      continue;
    }
    if (!/^[01]+$/.test(key)) {
      issues.push({ file: where.file, line: 0, field: f, message: `pattern "${key}" may only contain 0 and 1` });
      continue;
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      issues.push({ file: where.file, line: 0, field: f, message: `count must be a number, got ${JSON.stringify(v)}` });
      continue;
    }
    if (v < 0) issues.push({ file: where.file, line: 0, field: f, message: `count must not be negative, got ${v}` });
    else if (!Number.isInteger(v)) issues.push({ file: where.file, line: 0, field: f, message: `count must be a whole number, got ${v}` });
    const c = patternIndex(key);
    if (c === 0) {
      issues.push({ file: where.file, line: 0, field: f, message: 'the all-zero pattern (on no list) cannot be observed; it is what is estimated' });
      continue;
    }
    if (seenCells.has(c)) issues.push({ file: where.file, line: 0, field: f, message: `pattern "${key}" is given twice` });
    seenCells.add(c);
    if (v >= 0 && Number.isInteger(v)) table[c] = v;
  }
  if (issues.length) throw new BadInputError(issues);
  const t: PatternTable = { lists: lists ? [...lists] : Array.from({ length: j }, (_, i) => `list${i + 1}`), counts: table };
  if (observedTotal(t) === 0) throw new BadInputError([{ file: where.file, line: 0, field, message: 'every count is zero: nobody was observed' }]);
  return t;
}

/** Build a table from dga's array order (index = x1 + 2·x2 + …, list 1 fastest); element 0 is ignored. */
export function tableFromDgaOrder(values: readonly number[], lists?: string[]): PatternTable {
  const j = Math.round(Math.log2(values.length));
  if (1 << j !== values.length) throw new BadInputError([{ file: '<input>', line: 0, message: `dga order needs 2^J values, got ${values.length}` }]);
  const counts: Record<string, number> = {};
  for (let c = 1; c < values.length; c++) counts[patternString(c, j)] = values[c];
  return tableFromPatternCounts(lists, counts);
}

/** Sub-table on a subset of lists (marginalising the others); people on none of the kept lists drop out. */
export function marginalTable(t: PatternTable, keep: readonly number[]): PatternTable {
  const out = new Float64Array(1 << keep.length);
  for (let c = 1; c < t.counts.length; c++) {
    let m = 0;
    keep.forEach((list, i) => {
      if (c & (1 << list)) m |= 1 << i;
    });
    if (m) out[m] += t.counts[c];
  }
  return { lists: keep.map((i) => t.lists[i]), counts: out };
}
