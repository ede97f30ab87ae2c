import type { CourtTier } from './types.ts';

// The court's name says its tier (docs/court.md, "Classification"): garrison courts are the usual first instance,
// district/fleet military courts the second tier, then the appellate and cassation military courts.
const TIERS: Array<[RegExp, CourtTier]> = [
  [/кассационн\S*\s+военн/i, 'cassation'],
  [/апелляционн\S*\s+военн/i, 'appeal'],
  [/верховн\S*\s+суд/i, 'supreme'],
  [/гарнизонн/i, 'garrison'],
  [/флотск\S*\s+военн/i, 'fleet'],
  [/окружн\S*\s+военн/i, 'district'],
  // Latin transliterations some exports use.
  [/cassation/i, 'cassation'],
  [/appeal/i, 'appeal'],
  [/garrison/i, 'garrison'],
  [/fleet/i, 'fleet'],
  [/district\s+military/i, 'district'],
];

/** Tier of a court from its name; "unknown" when the name matches no tier (never guessed). */
export function courtTier(name: string): CourtTier {
  for (const [re, tier] of TIERS) if (re.test(name)) return tier;
  return 'unknown';
}
