// Frequency tables assembled into samplers, built once per process (pure data, no I/O).
import { weightedTable, type WeightedTable } from './categorical.ts';
import {
  BASHKIR_FIRST_NAMES,
  BURYAT_FIRST_NAMES,
  CHECHEN_FIRST_NAMES,
  DAGESTANI_FIRST_NAMES,
  RUSSIAN_FIRST_NAMES,
  TATAR_FIRST_NAMES,
  TUVAN_FIRST_NAMES,
  YAKUT_FIRST_NAMES,
  type Cohort,
} from './tables/first-names.ts';
import { regionWeights, type Ethnicity } from './tables/regions.ts';
import {
  BASHKIR_SURNAMES,
  BURYAT_SURNAMES,
  CHECHEN_SURNAMES,
  DAGESTANI_SURNAMES,
  TATAR_SURNAMES,
  TUVAN_SURNAMES,
  YAKUT_SURNAMES,
  rankedRows,
  russianSurnameRows,
} from './tables/surnames.ts';

export interface NamePool {
  surnames: WeightedTable<string>;
  /** Own first names; null for the Russian pool, which uses the cohort tables. */
  firstNames: WeightedTable<string> | null;
  /** Probability that a man of this group carries a Russian first name (common in Buryatia, Tuva, Yakutia). */
  russianFirstShare: number;
}

let cache: {
  pools: Record<Ethnicity, NamePool>;
  russianFirst: Record<Cohort, WeightedTable<string>>;
  regions: WeightedTable<string>;
} | null = null;

function build() {
  const own = (rows: ReadonlyArray<readonly [string, number]>) => weightedTable(rows);
  // Republic lists are short and steep (a few clan surnames dominate), hence the small offset q = 1.
  const ranked = (names: readonly string[], s = 0.8) => weightedTable(rankedRows(names, 1, s, 1));
  const pools: Record<Ethnicity, NamePool> = {
    russian: { surnames: weightedTable(russianSurnameRows()), firstNames: null, russianFirstShare: 1 },
    buryat: { surnames: ranked(BURYAT_SURNAMES), firstNames: own(BURYAT_FIRST_NAMES), russianFirstShare: 0.25 },
    tuvan: { surnames: ranked(TUVAN_SURNAMES, 1.1), firstNames: own(TUVAN_FIRST_NAMES), russianFirstShare: 0.4 },
    dagestani: {
      surnames: ranked(DAGESTANI_SURNAMES, 1.1),
      firstNames: own(DAGESTANI_FIRST_NAMES),
      russianFirstShare: 0.03,
    },
    chechen: { surnames: ranked(CHECHEN_SURNAMES), firstNames: own(CHECHEN_FIRST_NAMES), russianFirstShare: 0 },
    tatar: { surnames: ranked(TATAR_SURNAMES), firstNames: own(TATAR_FIRST_NAMES), russianFirstShare: 0.2 },
    bashkir: { surnames: ranked(BASHKIR_SURNAMES), firstNames: own(BASHKIR_FIRST_NAMES), russianFirstShare: 0.2 },
    yakut: { surnames: ranked(YAKUT_SURNAMES), firstNames: own(YAKUT_FIRST_NAMES), russianFirstShare: 0.6 },
  };
  const russianFirst = Object.fromEntries(
    Object.entries(RUSSIAN_FIRST_NAMES).map(([c, rows]) => [c, weightedTable(rows)]),
  ) as Record<Cohort, WeightedTable<string>>;
  return { pools, russianFirst, regions: weightedTable(regionWeights()) };
}

export function tables() {
  cache ??= build();
  return cache;
}
