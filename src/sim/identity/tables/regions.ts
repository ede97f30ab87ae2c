// Home regions of soldiers, weighted half by mobilisation/losses and half by military-court cases.
//
// Sources:
// - Population: Rosstat, 2021 census (millions, rounded); Crimea and Sevastopol as Russia counts them.
// - Over-representation (`overrep`, relative to the national per-capita rate): the regional per-capita counts of
//   confirmed deaths published by Mediazona with BBC Russian (2022–2025 updates) and iStories' mobilisation
//   estimates: Tuva, Buryatia, the Altai Republic and Zabaykalsky Krai lead (3–5× the national rate), Moscow
//   and St Petersburg lie far below (≈ 0.15–0.35×).
// - Court cases: data/figures.json M08 (Mediazona, Sep 2023: Moscow obl. 224, Rostov 131, Sverdlovsk 129, Samara 117,
//   Krasnodar 77 of > 3,000 art. 337 cases) and M13 (Mediazona, Mar 2024: Moscow 496, Sverdlovsk 258,
//   Orenburg 255 of ≈ 7,400). Court regions are court seats, not home regions; we use them as a proxy and keep
//   their weight at one half.
// - Ethnic mix (for the name pools): 2021 census shares of Buryats, Tuvans, Dagestani peoples, Chechens, Tatars,
//   Bashkirs and Yakuts in their republics and neighbouring regions, tilted towards the titular group where the
//   lists of the killed show it over-represented (Buryats in Buryatia).

export type Ethnicity = 'russian' | 'buryat' | 'tuvan' | 'dagestani' | 'chechen' | 'tatar' | 'bashkir' | 'yakut';

export interface RegionRow {
  name: string;
  /** Population in millions (2021 census). */
  population: number;
  /** Per-capita over-representation among the mobilised and the killed (1 = national rate). */
  overrep: number;
  /** Shares of name pools among soldiers from the region; the rest is Russian. */
  ethnic?: Partial<Record<Ethnicity, number>>;
}

export const REGION_ROWS: readonly RegionRow[] = [
  { name: 'Москва', population: 13.0, overrep: 0.15 },
  { name: 'Московская область', population: 8.5, overrep: 0.6 },
  { name: 'Краснодарский край', population: 5.8, overrep: 0.9 },
  { name: 'Санкт-Петербург', population: 5.6, overrep: 0.3 },
  { name: 'Свердловская область', population: 4.27, overrep: 1.1, ethnic: { tatar: 0.04, bashkir: 0.01 } },
  { name: 'Ростовская область', population: 4.2, overrep: 0.9 },
  { name: 'Республика Башкортостан', population: 4.09, overrep: 1.5, ethnic: { bashkir: 0.3, tatar: 0.25 } },
  { name: 'Республика Татарстан', population: 4.0, overrep: 1.0, ethnic: { tatar: 0.5 } },
  { name: 'Челябинская область', population: 3.43, overrep: 1.3, ethnic: { tatar: 0.05, bashkir: 0.05 } },
  { name: 'Республика Дагестан', population: 3.18, overrep: 1.2, ethnic: { dagestani: 0.95 } },
  { name: 'Самарская область', population: 3.17, overrep: 0.9, ethnic: { tatar: 0.04 } },
  { name: 'Нижегородская область', population: 3.12, overrep: 0.9 },
  { name: 'Ставропольский край', population: 2.91, overrep: 0.9, ethnic: { dagestani: 0.03 } },
  { name: 'Красноярский край', population: 2.86, overrep: 1.3 },
  { name: 'Новосибирская область', population: 2.8, overrep: 1.0 },
  { name: 'Кемеровская область', population: 2.6, overrep: 1.3 },
  { name: 'Пермский край', population: 2.53, overrep: 1.2, ethnic: { tatar: 0.04 } },
  { name: 'Волгоградская область', population: 2.5, overrep: 1.0 },
  { name: 'Саратовская область', population: 2.4, overrep: 1.0 },
  { name: 'Иркутская область', population: 2.37, overrep: 1.5, ethnic: { buryat: 0.03 } },
  { name: 'Воронежская область', population: 2.3, overrep: 0.8 },
  { name: 'Алтайский край', population: 2.16, overrep: 1.4 },
  { name: 'Ленинградская область', population: 2.0, overrep: 0.8 },
  { name: 'Республика Крым', population: 1.93, overrep: 1.0 },
  { name: 'Оренбургская область', population: 1.86, overrep: 1.6, ethnic: { tatar: 0.07, bashkir: 0.02 } },
  { name: 'Омская область', population: 1.86, overrep: 1.3 },
  { name: 'Приморский край', population: 1.85, overrep: 1.3 },
  { name: 'Ханты-Мансийский АО', population: 1.7, overrep: 0.9, ethnic: { tatar: 0.07, bashkir: 0.02 } },
  { name: 'Тюменская область', population: 1.6, overrep: 1.0, ethnic: { tatar: 0.07 } },
  { name: 'Белгородская область', population: 1.53, overrep: 1.0 },
  { name: 'Чеченская Республика', population: 1.51, overrep: 0.5, ethnic: { chechen: 0.97 } },
  { name: 'Тульская область', population: 1.5, overrep: 0.9 },
  { name: 'Удмуртская Республика', population: 1.45, overrep: 1.2, ethnic: { tatar: 0.03 } },
  { name: 'Владимирская область', population: 1.34, overrep: 0.9 },
  { name: 'Хабаровский край', population: 1.29, overrep: 1.3 },
  { name: 'Пензенская область', population: 1.27, overrep: 1.0, ethnic: { tatar: 0.06 } },
  { name: 'Тверская область', population: 1.23, overrep: 1.0 },
  { name: 'Ульяновская область', population: 1.2, overrep: 1.1, ethnic: { tatar: 0.12 } },
  { name: 'Ярославская область', population: 1.2, overrep: 0.9 },
  { name: 'Чувашская Республика', population: 1.18, overrep: 1.1, ethnic: { tatar: 0.03 } },
  { name: 'Брянская область', population: 1.17, overrep: 1.0 },
  { name: 'Кировская область', population: 1.15, overrep: 1.2 },
  { name: 'Курская область', population: 1.08, overrep: 1.0 },
  { name: 'Забайкальский край', population: 1.0, overrep: 2.6, ethnic: { buryat: 0.07 } },
  { name: 'Архангельская область', population: 1.0, overrep: 1.2 },
  { name: 'Республика Саха (Якутия)', population: 0.995, overrep: 1.6, ethnic: { yakut: 0.55 } },
  { name: 'Республика Бурятия', population: 0.98, overrep: 3.7, ethnic: { buryat: 0.4 } },
  { name: 'Кабардино-Балкарская Республика', population: 0.9, overrep: 0.8 },
  { name: 'Республика Коми', population: 0.74, overrep: 1.2 },
  { name: 'Республика Северная Осетия — Алания', population: 0.69, overrep: 1.3 },
  { name: 'Севастополь', population: 0.55, overrep: 1.2 },
  { name: 'Республика Хакасия', population: 0.53, overrep: 1.4 },
  { name: 'Республика Алтай', population: 0.21, overrep: 3.0 },
  { name: 'Республика Тыва', population: 0.33, overrep: 4.5, ethnic: { tuvan: 0.85 } },
  { name: 'Республика Калмыкия', population: 0.27, overrep: 1.5 },
];

/** Court case counts by region, summed over the two Mediazona snapshots (M08 + M13), and the snapshots' totals. */
export const COURT_CASES: Readonly<Record<string, number>> = {
  'Московская область': 224 + 496,
  'Ростовская область': 131,
  'Свердловская область': 129 + 258,
  'Самарская область': 117,
  'Краснодарский край': 77,
  'Оренбургская область': 255,
};
export const COURT_CASES_TOTAL = 3000 + 7400;

/**
 * Region weights: ½ × mobilisation share (population × over-representation) + ½ × court share, where the court
 * share of unnamed regions is the unnamed remainder spread by their mobilisation share.
 */
export function regionWeights(): Array<[string, number]> {
  const mob = REGION_ROWS.map((r) => r.population * r.overrep);
  const mobTotal = mob.reduce((a, b) => a + b, 0);
  const named = Object.values(COURT_CASES).reduce((a, b) => a + b, 0);
  const restShare = 1 - named / COURT_CASES_TOTAL;
  const unnamedMob = REGION_ROWS.reduce((acc, r, i) => acc + (r.name in COURT_CASES ? 0 : mob[i]!), 0);
  return REGION_ROWS.map((r, i) => {
    const mobShare = mob[i]! / mobTotal;
    const courtShare =
      r.name in COURT_CASES ? COURT_CASES[r.name]! / COURT_CASES_TOTAL : (restShare * mob[i]!) / unnamedMob;
    return [r.name, 0.5 * mobShare + 0.5 * courtShare];
  });
}

const BY_NAME = new Map(REGION_ROWS.map((r) => [r.name, r]));

/** The ethnic name-pool mix of a region (Russian takes the remainder); unknown regions are all Russian. */
export function ethnicMix(region: string): Array<[Ethnicity, number]> {
  const row = BY_NAME.get(region);
  const mix: Array<[Ethnicity, number]> = [];
  let rest = 1;
  for (const [e, share] of Object.entries(row?.ethnic ?? {}) as Array<[Ethnicity, number]>) {
    mix.push([e, share]);
    rest -= share;
  }
  mix.push(['russian', Math.max(0, rest)]);
  return mix;
}
