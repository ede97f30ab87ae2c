import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { BadInputError, type InputIssue, type Observation } from '../domain/index.ts';
import { ConflictError, contentHash, type Store } from '../store/index.ts';
import { decideEncoding, Utf8Census } from './court/line-source.ts';
import { type Located, parseObservationsFile } from './observation-rows.ts';

export interface ImportSummary {
  files: Array<{ file: string; rows: number }>;
  inserted: number;
  unchanged: number;
}

/**
 * Check rows against each other and against the store: known series and source, one content per id.
 * Returns every problem at once.
 */
export async function checkObservations(
  store: Store,
  file: string,
  rows: Located<Observation>[],
): Promise<InputIssue[]> {
  const issues: InputIssue[] = [];
  const [seriesIds, sourceIds] = await Promise.all([store.seriesIds(), store.sourceIds()]);
  const units = new Map((await store.listSeries()).map((s) => [s.id, s.unit]));
  const firstById = new Map<string, { line: number; hash: string }>();
  for (const { line, value: o } of rows) {
    if (!seriesIds.has(o.seriesId))
      issues.push({ file, line, field: 'series_id', message: `unknown series "${o.seriesId}"` });
    else if (units.get(o.seriesId) !== o.unit)
      issues.push({
        file,
        line,
        field: 'unit',
        message: `unit "${o.unit}" differs from series ${o.seriesId}'s unit "${units.get(o.seriesId)}"`,
      });
    if (!sourceIds.has(o.sourceId))
      issues.push({ file, line, field: 'source_id', message: `unknown source "${o.sourceId}"` });
    const hash = contentHash(o);
    const first = firstById.get(o.id);
    if (first && first.hash !== hash)
      issues.push({
        file,
        line,
        field: 'id',
        message: `duplicate id "${o.id}" with different content (first at line ${first.line})`,
      });
    else if (!first) firstById.set(o.id, { line, hash });
  }
  const conflicts = await store.findConflicts({ observations: rows.map((r) => r.value) });
  const lineOf = new Map(rows.map((r) => [r.value.id, r.line]));
  for (const c of conflicts)
    issues.push({
      file,
      line: lineOf.get(c.id) ?? 0,
      field: 'id',
      message: `id "${c.id}" is already stored with different content`,
    });
  return issues;
}

/** Drop exact repeats of an id within the input (same content), keeping the first. */
function unique(rows: Located<Observation>[]): Observation[] {
  const seen = new Set<string>();
  const out: Observation[] = [];
  for (const r of rows) {
    if (seen.has(r.value.id)) continue;
    seen.add(r.value.id);
    out.push(r.value);
  }
  return out;
}

/**
 * Import observation files: all of them or nothing. Every problem in every file is reported at once
 * (BadInputError); the same content imported again changes nothing.
 */
export async function importObservationFiles(store: Store, files: string[]): Promise<ImportSummary> {
  const issues: InputIssue[] = [];
  const parsed: Array<{ file: string; hash: string; rows: Located<Observation>[] }> = [];
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (e) {
      issues.push({ file, line: 0, message: `cannot read: ${(e as Error).message}` });
      continue;
    }
    // UTF-8 strictly: Buffer's decoder would turn a stray byte into U+FFFD without a word.
    const census = new Utf8Census();
    census.feed(bytes);
    census.end();
    if (census.invalid > 0) {
      try {
        decideEncoding(file, 'utf-8', census, 'observation files are UTF-8');
      } catch (e) {
        if (!(e instanceof BadInputError)) throw e;
        issues.push(...e.issues);
      }
      continue;
    }
    const { rows, issues: found } = parseObservationsFile(file, bytes.toString('utf8'));
    issues.push(...found, ...(await checkObservations(store, file, rows)));
    parsed.push({ file, hash: createHash('sha256').update(bytes).digest('hex'), rows });
  }
  // Ids repeated across files with different content are as bad as within one file.
  const firstFile = new Map<string, { file: string; line: number; hash: string }>();
  for (const p of parsed)
    for (const r of p.rows) {
      const h = contentHash(r.value);
      const f = firstFile.get(r.value.id);
      if (f && f.hash !== h && f.file !== p.file)
        issues.push({
          file: p.file,
          line: r.line,
          field: 'id',
          message: `duplicate id "${r.value.id}" with different content (first in ${f.file} line ${f.line})`,
        });
      else if (!f) firstFile.set(r.value.id, { file: p.file, line: r.line, hash: h });
    }
  if (issues.length) throw new BadInputError(issues);

  const all = unique(parsed.flatMap((p) => p.rows));
  try {
    const res = await store.write(
      { observations: all },
      parsed.map((p) => ({ kind: 'observations', file: p.file, fileHash: p.hash, inserted: 0, unchanged: 0 })),
    );
    return { files: parsed.map((p) => ({ file: p.file, rows: p.rows.length })), ...res.observations };
  } catch (e) {
    // A concurrent writer got there first with other content: still nothing was written.
    if (e instanceof ConflictError)
      throw new BadInputError(
        e.conflicts.map((c) => ({
          file: files.join(', '),
          line: 0,
          field: 'id',
          message: `id "${c.id}" is already stored with different content`,
        })),
      );
    throw e;
  }
}
