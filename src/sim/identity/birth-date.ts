// Birth dates of soldiers. Ages are taken at a reference date in mid-war; the mix of service categories sets the
// shape: the mobilised were mostly 25–45 (reservists; Mediazona/BBC lists of the killed put the mobilised median
// near 35), contract soldiers 20–50, ex-prisoners and others 24–55.
import { addDays } from '../../domain/index.ts';
import type { Rng } from './random.ts';

/** Ages are computed at this date (the middle of the observed war period). */
export const AGE_REFERENCE_DATE = '2023-07-01';
export const MIN_AGE = 18;
export const MAX_AGE = 55;

/** [weight, lo, mode, hi] of a triangular age distribution per service category. */
export const AGE_MIX: ReadonlyArray<readonly [number, number, number, number]> = [
  [0.3, 25, 34, 46], // mobilised
  [0.6, 20, 30, 50], // contract
  [0.1, 24, 35, 55], // ex-prisoners and others
];

/** Age in fractional years, clamped to [MIN_AGE, MAX_AGE). */
export function drawAge(rng: Rng): number {
  const u = rng.uniform();
  let acc = 0;
  let comp = AGE_MIX[AGE_MIX.length - 1]!;
  for (const c of AGE_MIX) {
    acc += c[0];
    if (u < acc) {
      comp = c;
      break;
    }
  }
  const age = rng.triangular(comp[1], comp[2], comp[3]);
  return Math.min(MAX_AGE - 1e-9, Math.max(MIN_AGE, age));
}

/** ISO birth date for an age (years) at the reference date. */
export function birthDateForAge(age: number): string {
  return addDays(AGE_REFERENCE_DATE, -Math.floor(age * 365.2425));
}
