// Damage to birth dates: day and month read the wrong way round (forms filled in a DD.MM vs MM.DD habit), or one
// digit mistyped. Both keep the result a valid calendar date, since the lists carry ISO dates.
import { isIsoDate } from '../../domain/index.ts';
import type { Rng } from './random.ts';

/** Whether swapping day and month gives a different valid date (day ≤ 12 and day ≠ month). */
export function canSwapDayMonth(iso: string): boolean {
  const month = +iso.slice(5, 7);
  const day = +iso.slice(8, 10);
  return day <= 12 && day !== month;
}

/** Day and month exchanged; the date unchanged when the swap is not a different valid date. */
export function swapDayMonth(iso: string): string {
  if (!canSwapDayMonth(iso)) return iso;
  return `${iso.slice(0, 4)}-${iso.slice(8, 10)}-${iso.slice(5, 7)}`;
}

/** One digit of the year's last two, the month or the day replaced, such that the date stays valid and changes. */
export function dateDigitTypo(rng: Rng, iso: string): string {
  const positions = [2, 3, 5, 6, 8, 9];
  for (let attempt = 0; attempt < 20; attempt++) {
    const p = positions[rng.int(positions.length)]!;
    const d = String(rng.int(10));
    const out = iso.slice(0, p) + d + iso.slice(p + 1);
    if (out !== iso && isIsoDate(out)) return out;
  }
  // Last resort: the day's last digit moved by one inside the month.
  const day = +iso.slice(8, 10);
  const nd = day > 1 ? day - 1 : day + 1;
  return `${iso.slice(0, 8)}${String(nd).padStart(2, '0')}`;
}
