import type { InputIssue } from '../../domain/errors.ts';
import type { CourtCaseInput } from '../../store/court-records.ts';
import { classifyRecord, type ClassifyOptions } from './classify.ts';
import type { ReadItem } from './readers.ts';
import { toRawRecord } from './raw-record.ts';
import { caseToRows } from './to-rows.ts';

/** A read record after classification: the table rows, or the problems that stopped it. Names are gone. */
export interface ClassifiedItem {
  line: number;
  /** Kept only for rejected records (the rejects file); null otherwise. */
  raw: string | null;
  issues: InputIssue[];
  rows?: CourtCaseInput;
}

export function classifyItems(items: ReadItem[], opts: ClassifyOptions): ClassifiedItem[] {
  return items.map((it) =>
    it.record ? { line: it.line, raw: null, issues: [], rows: caseToRows(classifyRecord(it.record, opts)) } : { line: it.line, raw: it.raw, issues: it.issues },
  );
}

/** JSON Lines text → classified items: the whole per-record pipeline, as a worker thread runs it. */
export function classifySudrfLines(file: string, lines: string[], first: number, opts: ClassifyOptions): ClassifiedItem[] {
  const out: ClassifiedItem[] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    if (raw.trim() === '') continue;
    const line = first + i;
    let obj: unknown;
    try {
      obj = JSON.parse(raw);
    } catch (e) {
      out.push({ line, raw, issues: [{ file, line, message: `not valid JSON: ${(e as Error).message}` }] });
      continue;
    }
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
      out.push({ line, raw, issues: [{ file, line, message: 'each line must be a JSON object' }] });
      continue;
    }
    const { record, issues } = toRawRecord(file, line, obj as Record<string, unknown>);
    out.push(record ? { line, raw: null, issues, rows: caseToRows(classifyRecord(record, opts)) } : { line, raw, issues });
  }
  return out;
}
