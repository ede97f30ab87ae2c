import type { InputIssue } from '../../domain/errors.ts';
import { parseCourtDate } from './dates.ts';
import type { RawCourtRecord } from './types.ts';

/** Field names of a record, as SUDRFScraper's dump spells them. CSV mappings map their columns onto these. */
export const RECORD_FIELDS = ['id', 'region', 'name', 'caseNumber', 'caseUid', 'entryDate', 'names', 'judge', 'resultDate', 'decision', 'endDate', 'text'] as const;
export type RecordField = (typeof RECORD_FIELDS)[number];

// Exports that carry the case UID use one of these keys.
const UID_KEYS = ['caseUid', 'uid', 'UID', 'judicialUid', 'JUDICIAL_UID'];

const str = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'string' ? v : String(v));

/** One input object → a raw record, or the problems that stop it (missing court or case number, unreadable dates). */
export function toRawRecord(file: string, line: number, o: Record<string, unknown>): { record?: RawCourtRecord; issues: InputIssue[] } {
  const issues: InputIssue[] = [];
  const court = str(o.name).trim();
  const caseNumber = str(o.caseNumber).trim();
  if (court === '') issues.push({ file, line, field: 'name', message: 'no court name' });
  if (caseNumber === '') issues.push({ file, line, field: 'caseNumber', message: 'no case number' });
  const dates: Record<'entryDate' | 'resultDate' | 'endDate', string | null> = { entryDate: null, resultDate: null, endDate: null };
  for (const f of ['entryDate', 'resultDate', 'endDate'] as const) {
    const d = parseCourtDate(o[f]);
    if (d === undefined) issues.push({ file, line, field: f, message: `"${str(o[f])}" is not a date (dd.mm.yyyy)` });
    else dates[f] = d;
  }
  if (issues.length) return { issues };
  const uidKey = UID_KEYS.find((k) => str(o[k]).trim() !== '');
  return {
    issues,
    record: {
      line,
      court,
      caseNumber,
      caseUid: uidKey ? str(o[uidKey]).trim() : undefined,
      region: str(o.region).trim() || undefined,
      judge: str(o.judge).trim() || undefined,
      ...dates,
      names: str(o.names),
      decision: str(o.decision),
      text: str(o.text),
    },
  };
}
