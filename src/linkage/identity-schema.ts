/**
 * A linkage schema for darkfigure's identity columns (surname, first_name, patronymic, birth_date, unit:
 * the columns of the simulation's lists and of most real ones). Each column is hashed the way its damage
 * calls for: names as transliteration-proof keys (bigrams) plus their initial, since court sites print
 * "Иванов И. И."; the birth date and the unit number exactly. Region is left out: often missing, and too
 * common to tell people apart.
 *
 * The weights were chosen on the simulation's lists (seeds 5 and 11; bench/linkage-sim.ts reports others):
 * about 560 bits set in 1,024, so a filter is a third full and two strangers share few bits by chance.
 * Common names are weak evidence and the birth date and unit strong, so the date carries the most bits;
 * an earlier schema with 860 bits, most on names, merged namesakes (pairwise precision 0.57). Partial
 * credit for a swapped or mistyped date (positional digit bigrams) cost more in false links than it won.
 */
import { parseSchema, type LinkageSchema } from './schema.ts';

type Rule = 'nameKey' | 'initial' | 'isoDate' | 'digits';

/** [feature identifier, source column, normalisation, hashing]. */
const FEATURES: ReadonlyArray<readonly [string, string, Rule, object]> = [
  ['surname', 'surname', 'nameKey', { comparison: { type: 'ngram', n: 2 }, strategy: { bitsPerFeature: 120 } }],
  ['first_name', 'first_name', 'nameKey', { comparison: { type: 'ngram', n: 2 }, strategy: { bitsPerFeature: 60 } }],
  ['first_initial', 'first_name', 'initial', { comparison: { type: 'exact' }, strategy: { bitsPerToken: 30 } }],
  ['patronymic', 'patronymic', 'nameKey', { comparison: { type: 'ngram', n: 2 }, strategy: { bitsPerFeature: 50 } }],
  ['patronymic_initial', 'patronymic', 'initial', { comparison: { type: 'exact' }, strategy: { bitsPerToken: 20 } }],
  ['birth_date', 'birth_date', 'isoDate', { comparison: { type: 'exact' }, strategy: { bitsPerToken: 200 } }],
  ['unit', 'unit', 'digits', { comparison: { type: 'exact' }, strategy: { bitsPerToken: 80 } }],
];

/** The schema as JSON (what list holders exchange), with the salt and info every holder must share. */
export const IDENTITY_SCHEMA_JSON = {
  version: 3,
  'x-darkfigure-normalisation-version': 1,
  clkConfig: {
    l: 1024,
    kdf: { type: 'HKDF', hash: 'SHA256', salt: 'ZGFya2ZpZ3VyZQ==', info: 'bGlua2FnZQ==', keySize: 64 },
  },
  features: FEATURES.map(([identifier, , rule, hashing]) => ({
    identifier,
    'x-darkfigure-normalise': rule,
    format: { type: 'string' },
    hashing: { ...hashing, missingValue: { sentinel: '' } },
  })),
} as const;

export function identitySchema(): LinkageSchema {
  return parseSchema(IDENTITY_SCHEMA_JSON);
}

/** The columns a row needs, in the order identitySchema's features take them. */
export const IDENTITY_SOURCE_COLUMNS: readonly string[] = FEATURES.map(([, column]) => column);

/** A row of a list (missing values as null, undefined or '') as the values identitySchema encodes. */
export function identityRecord(row: Readonly<Record<string, unknown>>): string[] {
  return FEATURES.map(([, column]) => {
    const v = row[column];
    return v === null || v === undefined ? '' : String(v);
  });
}
