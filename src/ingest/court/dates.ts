/** Whether year-month-day is a calendar date (proleptic Gregorian), without building a Date: this runs three times per record. */
function isCalendarDate(y: number, m: number, d: number): boolean {
  // Years below 100 never passed the Date-based check (Date.UTC maps them to 19xx); keep it so.
  if (y < 100 || m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return d <= days;
}

/**
 * A court date (dd.mm.yyyy as the sites print it; ISO also accepted; a time after the date is ignored)
 * to ISO. Empty → null; unreadable → undefined (the caller reports it).
 */
export function parseCourtDate(value: unknown): string | null | undefined {
  if (value === null || value === undefined) return null;
  const s = String(value).trim();
  if (s === '') return null;
  // In both patterns the three date groups are mandatory, so a match holds all of them.
  let m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(s);
  if (m) {
    const [, d, mo, y] = m as unknown as [string, string, string, string];
    return isCalendarDate(+y, +mo, +d) ? `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}` : undefined;
  }
  m = /^(\d{4})-(\d{2})-(\d{2})(?:[T\s].*)?$/.exec(s);
  if (m) {
    const [, y, mo, d] = m as unknown as [string, string, string, string];
    return isCalendarDate(+y, +mo, +d) ? `${y}-${mo}-${d}` : undefined;
  }
  return undefined;
}
