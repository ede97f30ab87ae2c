/** File reading for the linkage commands: schemas, secrets, CSV records, CLK JSON Lines. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import { BadInputError, type InputIssue } from '../domain/errors.ts';
import { parseSchema, SchemaError, type LinkageSchema, rangeGrid } from '../linkage/encoding.ts';

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new BadInputError([
      { file, line: 0, message: `cannot read the file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` },
    ]);
  }
}

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1,
    last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}

/** Parse JSON, reporting a syntax error with its line and column. */
export function parseJsonFile(file: string): unknown {
  const text = readText(file);
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    const where = pos ? lineColumn(text, Number(pos[1])) : { line: 0, column: 0 };
    throw new BadInputError([
      { file, line: where.line, column: where.column || undefined, message: `not valid JSON: ${msg}` },
    ]);
  }
}

/** Where a JSON path's key first appears in the text (a best effort for error messages). */
function locatePath(text: string, path: string): { line: number; column?: number } {
  const keys = path.match(/[A-Za-z_][\w-]*|\[\d+\]/g) ?? [];
  let from = 0;
  for (const k of keys) {
    if (k.startsWith('[')) {
      // Step over array items by counting objects at the current level is costly; skip to the item's "identifier" instead.
      const n = Number(k.slice(1, -1));
      for (let i = 0; i <= n; i++) {
        const at = text.indexOf('"identifier"', from);
        if (at < 0) break;
        from = at + 1;
      }
      continue;
    }
    const at = text.indexOf(`"${k}"`, from);
    if (at < 0) break;
    from = at;
  }
  return from > 0 ? lineColumn(text, from) : { line: 0 };
}

export function readSchema(file: string): LinkageSchema {
  const doc = parseJsonFile(file);
  try {
    return parseSchema(doc);
  } catch (e) {
    if (!(e instanceof SchemaError)) throw e;
    const text = readText(file);
    throw new BadInputError(
      e.problems.map((p): InputIssue => ({
        file,
        ...locatePath(text, p.path),
        field: p.path || undefined,
        message: p.message,
      })),
    );
  }
}

export interface CsvRecords {
  header: string[];
  rows: string[][];
  /** File line of each row (1-based). */
  lines: number[];
}

export function readCsv(file: string, opts: { header: boolean; skipInitialSpace: boolean }): CsvRecords {
  const text = readText(file);
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      info: true,
      ltrim: opts.skipInitialSpace,
      relax_column_count: true,
      skip_empty_lines: true,
      bom: true,
    }) as unknown as typeof records;
  } catch (e) {
    const err = e as Error & { lines?: number; column?: number };
    throw new BadInputError([{ file, line: err.lines ?? 0, message: `cannot parse the CSV: ${err.message}` }]);
  }
  const header = opts.header && records.length ? records.shift()!.record : [];
  return { header, rows: records.map((r) => r.record), lines: records.map((r) => r.info.lines) };
}

/** A JSON Lines file of base64 CLKs (one JSON string per line). */
export function readClks(file: string): Uint8Array[] {
  const text = readText(file);
  const out: Uint8Array[] = [];
  const issues: InputIssue[] = [];
  let bytes = -1;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      v = undefined;
    }
    if (typeof v !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(v) || v.length % 4 !== 0 || v.length === 0) {
      issues.push({ file, line: i + 1, column: 1, message: 'expected a JSON string holding a base64 CLK' });
      return;
    }
    const b = new Uint8Array(Buffer.from(v, 'base64'));
    if (bytes >= 0 && b.length !== bytes)
      issues.push({
        file,
        line: i + 1,
        column: 1,
        message: `CLK of ${b.length * 8} bits; earlier lines have ${bytes * 8}`,
      });
    if (bytes < 0) bytes = b.length;
    out.push(b);
  });
  if (issues.length) throw new BadInputError(issues.slice(0, 20));
  if (out.length === 0) throw new BadInputError([{ file, line: 0, message: 'no CLKs in the file' }]);
  return out;
}

export function listName(file: string): string {
  return basename(file);
}

export function parseThreshold(v: string, what = '--threshold'): number {
  const t = Number(v);
  if (!Number.isFinite(t) || t <= 0 || t > 1)
    throw new BadInputError([
      { file: 'argument', line: 0, field: what, message: `expected a number in (0, 1], got "${v}"` },
    ]);
  return t;
}

/**
 * `--sensitivity from:to:step` (thresholds of the sensitivity table) or `off` (no table). Candidates
 * are kept down to `from`, so a low `from` costs memory on lists whose encodings are alike.
 */
export function parseSensitivity(v: string): number[] {
  if (v.trim().toLowerCase() === 'off') return [];
  const bad = (message: string) => new BadInputError([{ file: 'argument', line: 0, field: '--sensitivity', message }]);
  const parts = v.split(':').map((x) => Number(x));
  if (parts.length !== 3 || parts.some((x) => !Number.isFinite(x)))
    throw bad(`expected from:to:step such as 0.7:0.9:0.025, or off; got "${v}"`);
  const [from, to, step] = parts as [number, number, number]; // length checked above
  if (from <= 0 || to > 1 || from > to) throw bad(`expected 0 < from ≤ to ≤ 1, got "${v}"`);
  if (step <= 0 || (to - from) / step > 1000)
    throw bad(`expected a step > 0 giving at most 1,000 thresholds, got "${v}"`);
  return rangeGrid(from, to, step);
}
