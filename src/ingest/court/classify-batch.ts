import type { InputIssue } from '../../domain/index.ts';
import type { CourtCaseInput } from '../../store/index.ts';
import { classifyRecord, type ClassifyOptions } from './classify.ts';
import { parseSudrfLines, type ReadItem } from './readers.ts';
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
    it.record
      ? { line: it.line, raw: null, issues: [], rows: caseToRows(classifyRecord(it.record, opts)) }
      : { line: it.line, raw: it.raw, issues: it.issues },
  );
}

/** JSON Lines text → classified items: the whole per-record pipeline, as a worker thread runs it. */
export function classifySudrfLines(
  file: string,
  lines: string[],
  first: number,
  opts: ClassifyOptions,
): ClassifiedItem[] {
  return parseSudrfLines(file, lines, first).map((it) =>
    it.record
      ? { line: it.line, raw: null, issues: it.issues, rows: caseToRows(classifyRecord(it.record, opts)) }
      : { line: it.line, raw: it.raw, issues: it.issues },
  );
}
