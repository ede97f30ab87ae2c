import type { Result } from './types.ts';

// The case card's result line ("Вынесен ПРИГОВОР", "Дело прекращено", "Возвращено прокурору",
// "Направлено по подсудности", "Приговор оставлен без изменения"). Order matters: an appeal outcome names
// the verdict it rules on ("Приговор изменен"), and "возвращено прокурору" can follow "постановление", so
// the specific ones come first.
const RULES: Array<[RegExp, Result]> = [
  [/оставлен\S*\s+без\s+изменени/iu, 'upheld'],
  [/(?<![а-яё])(?:изменен|изменён)/iu, 'amended'],
  [/(?<![а-яё])(?:отменен|отменён)/iu, 'quashed'],
  [/возвращ\S*\s+(?:уголовн\S*\s+дел\S*\s+)?прокурор/iu, 'returned_to_prosecutor'],
  [/подсудност|передан\S*\s+(?:в|по)\s|направлен\S*\s+по\s/iu, 'transferred'],
  [/прекращ/iu, 'terminated'],
  [/приостановл/iu, 'suspended'],
  [/отложен/iu, 'postponed'],
  [/приговор/iu, 'verdict'],
];

/** Result of a case from its decision line; empty is pending, unreadable is unknown (never guessed). */
export function caseResult(decision: string): Result {
  const d = decision.trim();
  if (d === '') return 'pending';
  for (const [re, r] of RULES) if (re.test(d)) return r;
  return 'unknown';
}
