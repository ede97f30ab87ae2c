/** A cap the server applied to a request: what was asked and what is used. Stated in the response. */
export type Capped = Record<string, { asked: number | string; used: number | string }>;

/** Lowers `req[key]` to `max` when above, noting it in `capped`. */
export function capNumber<T extends Record<string, unknown>>(
  req: T,
  key: keyof T & string,
  max: number,
  capped: Capped,
): void {
  const v = req[key];
  if (typeof v === 'number' && v > max) {
    capped[key] = { asked: v, used: max };
    (req as Record<string, unknown>)[key] = max;
  }
}

/** The last day of a span of `years` from `start` (ISO dates). */
export function addYears(start: string, years: number): string {
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
