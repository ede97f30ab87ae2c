// Applying a damage profile to one true identity. Each kind of damage draws from its own keyed stream, so
// changing one probability does not reshuffle the others, and a profile of zeros returns the truth exactly.
import { transliterate, type TranslitScheme } from '../../domain/index.ts';
import { pick, weightedTable } from './categorical.ts';
import { dateDigitTypo, swapDayMonth } from './date-damage.ts';
import { latinVariant } from './latin-variants.ts';
import type { DamageProfile } from './profiles.ts';
import { Rng, hashInts } from './random.ts';
import { typo, yoToYe } from './typos.ts';
import { ukrainianSpelling } from './ukrainian-spelling.ts';

/** The identity columns of a list row. */
export interface IdentityColumns {
  surname: string | null;
  first_name: string | null;
  patronymic: string | null;
  birth_date: string | null;
  region: string | null;
  unit: string | null;
}

/** What was done to a record (for tests and diagnostics; not part of the list). */
export interface DamageLog {
  /** 'cyrillic', 'cyrillic-ukrainian' (Ukrainian letters), or the Latin transliteration scheme used. */
  script: 'cyrillic' | 'cyrillic-ukrainian' | TranslitScheme;
  yoToYe: boolean;
  hidden: boolean;
  initials: boolean;
  surnameInitial: boolean;
  typos: { surname: boolean; first_name: boolean; patronymic: boolean };
  /** Latin self-spelling alternation drawn for the field (it may find nothing to alternate). */
  variants: { surname: boolean; first_name: boolean; patronymic: boolean };
  missing: { first_name: boolean; patronymic: boolean; birth_date: boolean; region: boolean; unit: boolean };
  daySwap: boolean;
  dateTypo: boolean;
}

// One stream per kind of damage.
const enum Step {
  Script = 1,
  SchemePick,
  Ukrainian,
  Yo,
  Hide,
  Initials,
  SurnameInitial,
  MissFirst,
  MissPatronymic,
  MissBirth,
  MissRegion,
  MissUnit,
  TypoSurname,
  TypoFirst,
  TypoPatronymic,
  DaySwap,
  DateTypo,
  VariantSurname,
  VariantFirst,
  VariantPatronymic,
}

/** Initial of a name: first letter and a full stop ("И."). */
export function initialOf(name: string): string {
  const first = Array.from(name)[0] ?? '';
  return `${first.toUpperCase()}.`;
}

function schemeTable(schemes: DamageProfile['schemes']) {
  const rows = (Object.entries(schemes) as Array<[TranslitScheme, number]>).filter(([, w]) => w > 0);
  return rows.length > 0 ? weightedTable(rows) : null;
}

/**
 * Damage one record. `key` identifies the record (seed, source, person, occurrence) and keys every draw.
 * Order: choose script → hide/initials/missing → ё → spelling → Latin alternations → typos (on the keyboard of
 * the record's script) → dates.
 */
export function damageIdentity(
  key: number,
  truth: IdentityColumns,
  profile: DamageProfile,
  /** Optional memo of spellings (script + text → spelled text), shared across the records of one build. */
  spellCache?: Map<string, string>,
): { columns: IdentityColumns; log: DamageLog } {
  const draw = (step: Step, sub = 0) => new Rng(hashInts(key, step, sub));
  // A yes/no draw needs one uniform: take it straight from the keyed hash (cheaper than seeding an Rng).
  const hit = (step: Step, p: number) => p > 0 && hashInts(key, step) / 4294967296 < p;

  let script: DamageLog['script'] = 'cyrillic';
  if (hit(Step.Script, profile.latin)) {
    const table = schemeTable(profile.schemes);
    if (table) script = pick(table, hashInts(key, Step.SchemePick) / 4294967296);
  } else if (hit(Step.Ukrainian, profile.ukrainianLetters)) {
    script = 'cyrillic-ukrainian';
  }
  const log: DamageLog = {
    script,
    yoToYe: false,
    hidden: false,
    initials: false,
    surnameInitial: false,
    typos: { surname: false, first_name: false, patronymic: false },
    variants: { surname: false, first_name: false, patronymic: false },
    missing: { first_name: false, patronymic: false, birth_date: false, region: false, unit: false },
    daySwap: false,
    dateTypo: false,
  };
  log.yoToYe = hit(Step.Yo, profile.yoToYe);
  log.hidden = hit(Step.Hide, profile.hideNames);
  log.initials = !log.hidden && hit(Step.Initials, profile.initials);
  log.surnameInitial = log.initials && hit(Step.SurnameInitial, profile.surnameInitial);
  log.missing.first_name = hit(Step.MissFirst, profile.missingFirstName);
  log.missing.patronymic = hit(Step.MissPatronymic, profile.missingPatronymic);
  log.missing.birth_date = hit(Step.MissBirth, profile.missingBirthDate);
  log.missing.region = hit(Step.MissRegion, profile.missingRegion);
  log.missing.unit = hit(Step.MissUnit, profile.missingUnit);

  // Spelling of a Cyrillic text in the record's script (names, region, unit designation alike).
  const respell = (t: string): string =>
    script === 'cyrillic-ukrainian' ? ukrainianSpelling(t) : transliterate(t, script as TranslitScheme);
  const spell = (text: string): string => {
    const t = log.yoToYe ? yoToYe(text) : text;
    if (script === 'cyrillic') return t;
    if (!spellCache) return respell(t);
    const k = `${script}\u0000${t}`;
    let out = spellCache.get(k);
    if (out === undefined) spellCache.set(k, (out = respell(t)));
    return out;
  };
  const latin = script !== 'cyrillic' && script !== 'cyrillic-ukrainian';
  const name = (
    value: string | null,
    missing: boolean,
    typoStep: Step,
    variantStep: Step,
    field: keyof DamageLog['typos'],
    asInitial: boolean,
  ) => {
    if (value === null || missing || log.hidden) return null;
    let spelled = spell(value);
    if (asInitial) return initialOf(spelled);
    if (latin && hit(variantStep, profile.latinVariant)) {
      log.variants[field] = true;
      spelled = latinVariant(draw(variantStep, 1), spelled);
    }
    if (hit(typoStep, profile.typo)) {
      const out = typo(draw(typoStep, 1), spelled);
      log.typos[field] = out !== spelled;
      return out;
    }
    return spelled;
  };

  const columns: IdentityColumns = {
    surname: name(truth.surname, false, Step.TypoSurname, Step.VariantSurname, 'surname', log.surnameInitial),
    first_name: name(
      truth.first_name,
      log.missing.first_name,
      Step.TypoFirst,
      Step.VariantFirst,
      'first_name',
      log.initials,
    ),
    patronymic: name(
      truth.patronymic,
      log.missing.patronymic,
      Step.TypoPatronymic,
      Step.VariantPatronymic,
      'patronymic',
      log.initials,
    ),
    birth_date: truth.birth_date,
    region: truth.region === null || log.missing.region ? null : spell(truth.region),
    unit: truth.unit === null || log.missing.unit ? null : spell(truth.unit),
  };
  if (columns.birth_date !== null) {
    if (log.missing.birth_date) {
      columns.birth_date = null;
    } else {
      if (hit(Step.DaySwap, profile.daySwap)) {
        const swapped = swapDayMonth(columns.birth_date);
        log.daySwap = swapped !== columns.birth_date;
        columns.birth_date = swapped;
      }
      if (hit(Step.DateTypo, profile.dateTypo)) {
        columns.birth_date = dateDigitTypo(draw(Step.DateTypo, 1), columns.birth_date);
        log.dateTypo = true;
      }
    }
  }
  return { columns, log };
}
