// Damage profiles: per source, the probability of each kind of damage (all independent, each drawn per record,
// or per field where noted). Plain objects so callers can override any number.
import type { TranslitScheme } from '../../domain/index.ts';

export interface DamageProfile {
  /** Record written in Latin script (one scheme for the whole record, drawn from `schemes`). */
  latin: number;
  /** Relative weights of transliteration schemes for Latin records. */
  schemes: Partial<Record<TranslitScheme, number>>;
  /** Per name field of a Latin record: one self-spelling alternation (Aleksei → Alexei, Kh → H). */
  latinVariant: number;
  /** Cyrillic record spelled with Ukrainian letters (і, є, ї). */
  ukrainianLetters: number;
  /** Record written with е for ё (only changes names that contain ё). */
  yoToYe: number;
  /** Per name field (surname, first name, patronymic, when still written in full): one keystroke typo. */
  typo: number;
  /** All three names hidden (court sites anonymise defendants). */
  hideNames: number;
  /** First name and patronymic reduced to initials ("Иванов И. И."). */
  initials: number;
  /** Surname reduced to its initial as well (applies to records with initials). */
  surnameInitial: number;
  missingFirstName: number;
  missingPatronymic: number;
  missingBirthDate: number;
  missingRegion: number;
  missingUnit: number;
  /** Birth date with day and month exchanged (only where that gives a different valid date). */
  daySwap: number;
  /** Birth date with one digit mistyped. */
  dateTypo: number;
}

/** A profile that changes nothing: the base for overrides and for tests. */
export const NO_DAMAGE: Readonly<DamageProfile> = Object.freeze({
  latin: 0,
  schemes: {},
  latinVariant: 0,
  ukrainianLetters: 0,
  yoToYe: 0,
  typo: 0,
  hideNames: 0,
  initials: 0,
  surnameInitial: 0,
  missingFirstName: 0,
  missingPatronymic: 0,
  missingBirthDate: 0,
  missingRegion: 0,
  missingUnit: 0,
  daySwap: 0,
  dateTypo: 0,
});

const PROFILES: Record<string, DamageProfile> = {
  // Court sites: Cyrillic; defendants shown as "Иванов И.И." or hidden; dates exact; the unit often named.
  courts: {
    ...NO_DAMAGE,
    yoToYe: 0.6,
    typo: 0.01,
    hideNames: 0.1,
    initials: 0.75,
    surnameInitial: 0.1,
    missingRegion: 0.3,
    missingUnit: 0.2,
  },
  // NGO help requests: people write their own names, mostly in Latin under whatever scheme they know.
  ngo: {
    ...NO_DAMAGE,
    latin: 0.75,
    schemes: { informal: 3, icao: 3, mvd1997: 2, bgn: 1, gost: 1 },
    latinVariant: 0.25,
    yoToYe: 0.5,
    typo: 0.05,
    missingPatronymic: 0.4,
    missingBirthDate: 0.5,
    missingRegion: 0.3,
    missingUnit: 0.4,
    daySwap: 0.02,
    dateTypo: 0.02,
  },
  // Surrender programme (Ukrainian): Ukrainian transliteration or Ukrainian letters; day–month swaps.
  surrender: {
    ...NO_DAMAGE,
    latin: 0.3,
    schemes: { ukrainian: 1 },
    latinVariant: 0.1,
    ukrainianLetters: 0.5,
    yoToYe: 0.6,
    typo: 0.04,
    missingPatronymic: 0.3,
    missingBirthDate: 0.1,
    missingRegion: 0.2,
    missingUnit: 0.3,
    daySwap: 0.15,
    dateTypo: 0.02,
  },
  // Federal wanted list: Cyrillic, complete, rare typos.
  wanted: { ...NO_DAMAGE, yoToYe: 0.2, typo: 0.01 },
  // A unit's own AWOL list (leaked): Cyrillic, complete, some typos, sometimes surname + initials.
  unit: { ...NO_DAMAGE, yoToYe: 0.3, typo: 0.04, initials: 0.2, dateTypo: 0.01 },
};

/** The default profiles, frozen so that no caller can change them for everyone else. */
export const DEFAULT_PROFILES: Readonly<Record<string, Readonly<DamageProfile>>> = Object.freeze(
  Object.fromEntries(
    Object.entries(PROFILES).map(([k, p]) => [k, Object.freeze({ ...p, schemes: Object.freeze({ ...p.schemes }) })]),
  ),
);

/** Source names the default profiles also answer to (matched as a prefix of the lower-cased source name). */
const ALIASES: ReadonlyArray<readonly [string, string]> = [
  ['court', 'courts'],
  ['verdict', 'courts'],
  ['ngo', 'ngo'],
  ['idite', 'ngo'],
  ['surrender', 'surrender'],
  ['application', 'surrender'],
  ['hochu', 'surrender'],
  ['wanted', 'wanted'],
  ['unit', 'unit'],
  ['leak', 'unit'],
  ['awol', 'unit'],
];

/** The default profile name for a source: exact name, else alias prefix, else 'wanted' (mild damage). */
export function defaultProfileName(source: string): string {
  if (DEFAULT_PROFILES[source]) return source;
  const lower = source.toLowerCase();
  for (const [prefix, name] of ALIASES) if (lower.startsWith(prefix)) return name;
  return 'wanted';
}

/**
 * The profile for a source: its default (see defaultProfileName) with an override laid over it; an override is
 * looked up by the exact source name first, then by the default profile's name. Overrides may be partial.
 */
export function profileFor(source: string, overrides?: Record<string, Partial<DamageProfile>>): DamageProfile {
  const name = defaultProfileName(source);
  const o = overrides?.[source] ?? overrides?.[name];
  // defaultProfileName returns only names of default profiles.
  const base = DEFAULT_PROFILES[name]!;
  return o ? { ...base, ...o } : base;
}
