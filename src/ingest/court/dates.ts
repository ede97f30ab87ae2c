import { isIsoDate } from '../../domain/dates.ts';

/**
 * A court date (dd.mm.yyyy as the sites print it; ISO also accepted; a time after the date is ignored)
 * to ISO. Empty → null; unreadable → undefined (the caller reports it).
 */
export function parseCourtDate(value: unknown): string | null | undefined {
  if (value === null || value === undefined) return null;
  const s = String(value).trim();
  if (s === '') return null;
  let m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(s);
  if (m) {
    const iso = `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
    return isIsoDate(iso) ? iso : undefined;
  }
  m = /^(\d{4})-(\d{2})-(\d{2})(?:[T\s].*)?$/.exec(s);
  if (m) {
    const iso = `${m[1]}-${m[2]}-${m[3]}`;
    return isIsoDate(iso) ? iso : undefined;
  }
  return undefined;
}
