import type { InputIssue } from '../../domain/index.ts';
import { parseCourtDate } from './dates.ts';
import type { RawCourtRecord } from './types.ts';

/** Field names of a record, as SUDRFScraper's dump spells them. CSV mappings map their columns onto these. */
export const RECORD_FIELDS = [
  'id',
  'region',
  'name',
  'caseNumber',
  'caseUid',
  'entryDate',
  'names',
  'judge',
  'resultDate',
  'decision',
  'endDate',
  'text',
] as const;

// Exports that carry the case UID use one of these keys.
const UID_KEYS = ['caseUid', 'uid', 'UID', 'judicialUid', 'JUDICIAL_UID'];

const str = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'string' ? v : String(v));

/** A value a record field may hold: text, a number, a flag, or a flat list of those (joined as String() joins it). */
function fieldShapeProblem(v: unknown): string | null {
  if (v === null || v === undefined || typeof v !== 'object') return null;
  // Objects, and lists within lists (a field nested 10,000 deep overflows String()), are not field values.
  if (Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object')) return null;
  return Array.isArray(v) ? 'must be text, not a nested list' : 'must be text, not an object';
}

// A value echoed in an error message must be one that cannot hold a name: digits and date punctuation.
const ECHO_SAFE = /^[\d\s.:\-/T+Z]{0,40}$/;

/** One input object → a raw record, or the problems that stop it (missing court or case number, unreadable dates). */
export function toRawRecord(
  file: string,
  line: number,
  o: Record<string, unknown>,
): { record?: RawCourtRecord; issues: InputIssue[] } {
  const issues: InputIssue[] = [];
  for (const f of [...RECORD_FIELDS, ...UID_KEYS]) {
    const problem = fieldShapeProblem(o[f]);
    if (problem) issues.push({ file, line, field: f, message: problem });
  }
  if (issues.length) return { issues };
  const court = str(o.name).trim();
  const caseNumber = str(o.caseNumber).trim();
  if (court === '') issues.push({ file, line, field: 'name', message: 'no court name' });
  if (caseNumber === '') issues.push({ file, line, field: 'caseNumber', message: 'no case number' });
  const dates: Record<'entryDate' | 'resultDate' | 'endDate', string | null> = {
    entryDate: null,
    resultDate: null,
    endDate: null,
  };
  for (const f of ['entryDate', 'resultDate', 'endDate'] as const) {
    const d = parseCourtDate(o[f]);
    if (d === undefined) {
      const v = str(o[f]);
      issues.push({ file, line, field: f, message: `${ECHO_SAFE.test(v) ? `"${v}" ` : ''}is not a date (dd.mm.yyyy)` });
    } else dates[f] = d;
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

// Fields of a record kept as they are in a rejects file: where the case is, never who is in it. Names,
// judges, judgment texts, decisions and any field this reader does not know are blanked.
const KEPT_IN_REJECTS = new Set<string>([
  'id',
  'region',
  'name',
  'caseNumber',
  'entryDate',
  'resultDate',
  'endDate',
  ...UID_KEYS,
]);

/** Every run of letters masked: text that could not be parsed into fields may hold a name anywhere. */
export function maskLetters(text: string): string {
  return text.replace(/\p{L}+/gu, '*');
}

/** A rejected record as the rejects file may hold it: the located fields kept, anything that may name a person blanked. */
export function redactedRecord(o: Record<string, unknown>): string {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === null || v === undefined || v === '') out[k] = v ?? null;
    else if (KEPT_IN_REJECTS.has(k) && (typeof v === 'string' || typeof v === 'number'))
      out[k] = k.endsWith('Date') && !ECHO_SAFE.test(String(v)) ? maskLetters(String(v)) : v;
    else out[k] = '[redacted]';
  }
  return JSON.stringify(out);
}
