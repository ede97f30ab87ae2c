// The canonical input of every MSE method: counts of people by inclusion pattern over J lists.
import { BadInputError, type InputIssue } from '../domain/index.ts';

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
  for (let c = 1; c < t.counts.length; c++) n += t.counts[c]!;
  return n;
}

/** The table as {pattern: count} with every observed pattern (zeros included). */
export function toPatternCounts(t: PatternTable): Record<string, number> {
  const out: Record<string, number> = {};
  for (let c = 1; c < t.counts.length; c++) out[patternString(c, t.lists.length)] = t.counts[c]!;
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
  const j = lists?.length ?? (keys.length > 0 ? keys[0]!.length : 0);
  if (lists) {
    const seen = new Set<string>();
    for (const name of lists) {
      if (typeof name !== 'string' || name.length === 0)
        issues.push({ file: where.file, line: 0, field: 'lists', message: 'every list needs a non-empty name' });
      else if (seen.has(name))
        issues.push({ file: where.file, line: 0, field: 'lists', message: `list "${name}" is named twice` });
      seen.add(name);
    }
  }
  if (j < 2)
    issues.push({
      file: where.file,
      line: 0,
      field: lists ? 'lists' : field,
      message: `capture–recapture needs at least 2 lists, got ${j}`,
    });
  if (j > MAX_LISTS)
    issues.push({
      file: where.file,
      line: 0,
      field: 'lists',
      message: `at most ${MAX_LISTS} lists are supported, got ${j}`,
    });
  if (keys.length === 0) issues.push({ file: where.file, line: 0, field, message: 'no pattern counts given' });
  if (issues.length) throw new BadInputError(issues);
  const table = new Float64Array(1 << j);
  const seenCells = new Set<number>();
  for (const key of keys) {
    const f = `${field}.${key}`;
    const v = counts[key];
    if (key.length !== j) {
      issues.push({
        file: where.file,
        line: 0,
        field: f,
        message: `pattern "${key}" has ${key.length} characters, expected ${j} (one per list)`,
      });
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
    else if (!Number.isInteger(v))
      issues.push({ file: where.file, line: 0, field: f, message: `count must be a whole number, got ${v}` });
    const c = patternIndex(key);
    if (c === 0) {
      issues.push({
        file: where.file,
        line: 0,
        field: f,
        message: 'the all-zero pattern (on no list) cannot be observed; it is what is estimated',
      });
      continue;
    }
    if (seenCells.has(c))
      issues.push({ file: where.file, line: 0, field: f, message: `pattern "${key}" is given twice` });
    seenCells.add(c);
    if (v >= 0 && Number.isInteger(v)) table[c] = v;
  }
  if (issues.length) throw new BadInputError(issues);
  const t: PatternTable = {
    lists: lists ? [...lists] : Array.from({ length: j }, (_, i) => `list${i + 1}`),
    counts: table,
  };
  if (observedTotal(t) === 0)
    throw new BadInputError([
      { file: where.file, line: 0, field, message: 'every count is zero: nobody was observed' },
    ]);
  return t;
}

/** Build a table from dga's array order (index = x1 + 2·x2 + …, list 1 fastest); element 0 is ignored. */
export function tableFromDgaOrder(values: readonly number[], lists?: string[]): PatternTable {
  const j = Math.round(Math.log2(values.length));
  if (1 << j !== values.length)
    throw new BadInputError([
      { file: '<input>', line: 0, message: `dga order needs 2^J values, got ${values.length}` },
    ]);
  const counts: Record<string, number> = {};
  for (let c = 1; c < values.length; c++) counts[patternString(c, j)] = values[c]!;
  return tableFromPatternCounts(lists, counts);
}

/**
 * Regroup the lists: output list i is "on any list of groups[i]" (input list indices). Lists in no group are
 * dropped, and people on none of the kept lists drop out of the observed; they join the never-recorded.
 */
export function groupLists(
  t: PatternTable,
  groups: readonly (readonly number[])[],
  names?: readonly string[],
): PatternTable {
  const masks = groups.map((g) => g.reduce((m, list) => m | (1 << list), 0));
  const out = new Float64Array(1 << groups.length);
  for (let c = 1; c < t.counts.length; c++) {
    if (!t.counts[c]) continue;
    let m = 0;
    for (let i = 0; i < masks.length; i++) if (c & masks[i]!) m |= 1 << i;
    if (m) out[m]! += t.counts[c]!;
  }
  return { lists: names ? [...names] : groups.map((g) => g.map((i) => t.lists[i]).join('+')), counts: out };
}

/** Sub-table on a subset of lists (marginalising the others); people on none of the kept lists drop out. */
export function marginalTable(t: PatternTable, keep: readonly number[]): PatternTable {
  return groupLists(
    t,
    keep.map((i) => [i]),
  );
}

/** Merge groups written as "courts+wanted,a+b": list names joined by "+", groups separated by commas. */
export function parseMergeGroups(value: string, field = 'merge'): string[][] {
  const groups = value.split(',').map((g) => g.split('+').map((s) => s.trim()));
  if (groups.some((g) => g.some((name) => name === '')))
    throw new BadInputError([
      {
        file: 'arguments',
        line: 0,
        field,
        message: `must be groups of list names joined by "+", separated by commas (got "${value}")`,
      },
    ]);
  return groups;
}

/**
 * Merge lists that are steps of one process (e.g. a wanted list and the court cases it leads to) into one
 * list, "on either": their direct dependence then no longer biases methods that assume none given the class.
 * `merges` names the lists of each merged group; the merged list takes the place of the group's first list
 * and is named "a+b". Errors name the argument `field`.
 */
export function mergeLists(t: PatternTable, merges: readonly (readonly string[])[], field = 'merge'): PatternTable {
  const issues: InputIssue[] = [];
  const issue = (message: string) => issues.push({ file: 'arguments', line: 0, field, message });
  const groupOf = new Map<number, number>();
  merges.forEach((names, g) => {
    if (names.length < 2) issue(`a merge needs at least two lists, got "${names.join('+')}"`);
    for (const name of names) {
      const i = t.lists.indexOf(name);
      if (i < 0) issue(`no list named "${name}" (lists: ${t.lists.join(', ')})`);
      else if (groupOf.has(i)) issue(`list "${name}" is merged twice`);
      else groupOf.set(i, g);
    }
  });
  if (issues.length) throw new BadInputError(issues);
  const groups: number[][] = [];
  const placed = new Map<number, number[]>();
  for (let i = 0; i < t.lists.length; i++) {
    const g = groupOf.get(i);
    if (g === undefined) groups.push([i]);
    else if (!placed.has(g)) {
      const members = merges[g]!.map((name) => t.lists.indexOf(name));
      placed.set(g, members);
      groups.push(members);
    }
  }
  if (groups.length < 2)
    throw new BadInputError([
      {
        file: 'arguments',
        line: 0,
        field,
        message: `merging leaves ${groups.length} list; capture–recapture needs at least 2`,
      },
    ]);
  return groupLists(t, groups);
}
