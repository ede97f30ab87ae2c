// The true identity of a person: a pure function of (seed, personId, region), so the same person drawn for two
// lists (or in two runs) gets the same name, and no other entry can change it.
import { pick } from './categorical.ts';
import { birthDateForAge, drawAge } from './birth-date.ts';
import { fatherCohortOf, cohortOf } from './tables/first-names.ts';
import { ethnicMix, type Ethnicity } from './tables/regions.ts';
import { tables } from './name-pools.ts';
import { patronymicOf } from './patronymic.ts';
import { rngFor, type Rng } from './random.ts';

export interface Identity {
  surname: string;
  first_name: string;
  patronymic: string;
  /** ISO date. */
  birth_date: string;
  region: string;
  /** Which name pool the names came from (kept for tests and diagnostics; not a list column). */
  ethnicity: Ethnicity;
}

/** Stream tag for identity draws, distinct from the damage streams. */
const IDENTITY_STREAM = 0x1d3a7e;

function drawFirstName(
  rng: Rng,
  ethnicity: Ethnicity,
  birthYear: number,
  cohortFor: (y: number) => ReturnType<typeof cohortOf>,
): string {
  const t = tables();
  const pool = t.pools[ethnicity];
  if (pool.firstNames && !rng.bernoulli(pool.russianFirstShare)) return pick(pool.firstNames, rng.uniform());
  return pick(t.russianFirst[cohortFor(birthYear)], rng.uniform());
}

export function trueIdentity(seed: number, personId: number, region?: string): Identity {
  const rng = rngFor(IDENTITY_STREAM, seed, personId);
  const t = tables();
  // Region is drawn even when given, so the other draws do not shift with it.
  const drawnRegion = pick(t.regions, rng.uniform());
  const home = region ?? drawnRegion;
  const mix = ethnicMix(home);
  let u = rng.uniform();
  let ethnicity: Ethnicity = 'russian';
  for (const [e, w] of mix) {
    if (u < w) {
      ethnicity = e;
      break;
    }
    u -= w;
  }
  const birth_date = birthDateForAge(drawAge(rng));
  const birthYear = +birth_date.slice(0, 4);
  const first_name = drawFirstName(rng, ethnicity, birthYear, cohortOf);
  const father = drawFirstName(rng, ethnicity, birthYear, fatherCohortOf);
  const surname = pick(t.pools[ethnicity].surnames, rng.uniform());
  return { surname, first_name, patronymic: patronymicOf(father), birth_date, region: home, ethnicity };
}
