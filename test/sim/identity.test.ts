// Synthetic identities for the individual-level lists: determinism, frequencies against the tables, damage rates
// against the profiles, the answer key, and row order that does not leak the person id.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildIndividualLists,
  damageIdentity,
  DEFAULT_PROFILES,
  hashInts,
  NO_DAMAGE,
  profileFor,
  regionWeights,
  swapDayMonth,
  trueIdentity,
  unitDesignation,
  type DamageProfile,
  type IdentityColumns,
  type ListEntry,
} from '../../src/sim/identity/index.ts';
import { tables } from '../../src/sim/identity/name-pools.ts';
import { ethnicMix, type Ethnicity } from '../../src/sim/identity/tables/regions.ts';
import { AGE_MIX, AGE_REFERENCE_DATE } from '../../src/sim/identity/birth-date.ts';
import { transliterate } from '../../src/domain/translit.ts';
import { dayNumber, isIsoDate } from '../../src/domain/dates.ts';

const CYRILLIC = /[\u0400-\u04FF]/;

function chiSquare(observed: number[], probs: number[], n: number): number {
  return observed.reduce((acc, o, i) => acc + (o - n * probs[i]!) ** 2 / (n * probs[i]!), 0);
}

/** Upper 0.1 % point of chi-square with df degrees of freedom (Wilson–Hilferty). */
function chiSquareCritical(df: number): number {
  const z = 3.09;
  return df * (1 - 2 / (9 * df) + z * Math.sqrt(2 / (9 * df))) ** 3;
}

/** |observed rate − p| within 4.5 standard errors (generous enough for the dozens of rates checked here). */
function expectRate(hits: number, n: number, p: number) {
  expect(n).toBeGreaterThan(0);
  const se = Math.sqrt(Math.max(p * (1 - p), 1e-12) / n);
  expect(Math.abs(hits / n - p)).toBeLessThanOrEqual(4.5 * se + 1e-12);
}

function truthColumns(seed: number, personId: number, unit: number, region?: string): IdentityColumns {
  const id = trueIdentity(seed, personId, region);
  return {
    surname: id.surname,
    first_name: id.first_name,
    patronymic: id.patronymic,
    birth_date: id.birth_date,
    region: id.region,
    unit: unitDesignation(unit),
  };
}

function spearman(xs: number[], ys: number[]): number {
  const rank = (v: number[]) => {
    const idx = v.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
    const r = new Array<number>(v.length);
    idx.forEach(([, i], k) => (r[i] = k));
    return r;
  };
  const rx = rank(xs);
  const ry = rank(ys);
  const n = xs.length;
  const mean = (n - 1) / 2;
  let num = 0;
  let dx = 0;
  let dy = 0;
  for (let i = 0; i < n; i++) {
    num += (rx[i]! - mean) * (ry[i]! - mean);
    dx += (rx[i]! - mean) ** 2;
    dy += (ry[i]! - mean) ** 2;
  }
  return num / Math.sqrt(dx * dy);
}

const noDamageEverywhere: Record<string, DamageProfile> = Object.fromEntries(
  Object.keys(DEFAULT_PROFILES).map((k) => [k, NO_DAMAGE]),
);

describe('true identities', () => {
  it('are deterministic in (seed, personId) and differ across seeds', () => {
    expect(trueIdentity(7, 123)).toEqual(trueIdentity(7, 123));
    expect(trueIdentity(7, 123, 'Республика Тыва')).toEqual(trueIdentity(7, 123, 'Республика Тыва'));
    let same = 0;
    for (let p = 0; p < 200; p++) if (JSON.stringify(trueIdentity(1, p)) === JSON.stringify(trueIdentity(2, p))) same++;
    expect(same).toBe(0);
  });

  it('are well-formed: Cyrillic names, ISO birth dates giving ages 18–55, a known region', () => {
    const regions = new Set(regionWeights().map(([r]) => r));
    const bad: string[] = [];
    for (let p = 0; p < 3000; p++) {
      const id = trueIdentity(3, p);
      const age = (dayNumber(AGE_REFERENCE_DATE) - dayNumber(id.birth_date)) / 365.2425;
      const ok =
        [id.surname, id.first_name, id.patronymic].every((s) => /^[А-ЯЁ][а-яё]+(-[А-ЯЁа-яё][а-яё]*)?$/.test(s)) &&
        /ич$/.test(id.patronymic) &&
        isIsoDate(id.birth_date) &&
        age >= 18 - 0.01 &&
        age < 55 + 0.01 &&
        regions.has(id.region);
      if (!ok) bad.push(JSON.stringify(id));
    }
    expect(bad).toEqual([]);
  });

  it('follow the region table (chi-square)', () => {
    const rows = regionWeights();
    const index = new Map(rows.map(([r], i) => [r, i]));
    const n = 20_000;
    const counts = new Array(rows.length).fill(0);
    for (let p = 0; p < n; p++) counts[index.get(trueIdentity(11, p).region)!]++;
    expect(
      chiSquare(
        counts,
        rows.map((r) => r[1]),
        n,
      ),
    ).toBeLessThan(chiSquareCritical(rows.length - 1));
  });

  it('follow the surname tables mixed over regions and name pools (chi-square on the 40 commonest + rest)', () => {
    const t = tables();
    // Expected P(surname) = Σ_region w_r Σ_pool mix_r(pool) P(surname | pool).
    const poolShare = new Map<Ethnicity, number>();
    for (const [r, w] of regionWeights())
      for (const [e, s] of ethnicMix(r)) poolShare.set(e, (poolShare.get(e) ?? 0) + w * s);
    const expected = new Map<string, number>();
    for (const [e, share] of poolShare) {
      const pool = t.pools[e].surnames;
      pool.items.forEach((name, i) => expected.set(name, (expected.get(name) ?? 0) + share * pool.weights[i]!));
    }
    const top = [...expected].sort((a, b) => b[1] - a[1]).slice(0, 40);
    const topIndex = new Map(top.map(([s], i) => [s, i]));
    const n = 30_000;
    const counts = new Array(top.length + 1).fill(0);
    for (let p = 0; p < n; p++) {
      const i = topIndex.get(trueIdentity(12, p).surname);
      counts[i ?? top.length]++;
    }
    const probs = [...top.map(([, w]) => w), 1 - top.reduce((a, [, w]) => a + w, 0)];
    expect(chiSquare(counts, probs, n)).toBeLessThan(chiSquareCritical(top.length));
    expect(top[0]![0]).toBe('Иванов'); // the commonest name overall, as in the published rankings
  });

  it('give national-republic names in the republics and cohort-typical first names', () => {
    const n = 1500;
    let tuvan = 0;
    let dagestani = 0;
    let mongushLike = 0;
    for (let p = 0; p < n; p++) {
      const tv = trueIdentity(5, p, 'Республика Тыва');
      if (tv.ethnicity === 'tuvan') tuvan++;
      if (['Монгуш', 'Ооржак', 'Ондар'].includes(tv.surname)) mongushLike++;
      if (trueIdentity(5, p, 'Республика Дагестан').ethnicity === 'dagestani') dagestani++;
    }
    expectRate(tuvan, n, 0.85);
    expectRate(dagestani, n, 0.95);
    expect(mongushLike / n).toBeGreaterThan(0.25);
    // Сергей is far commoner among men born in the 1970s than among those born after 1990.
    let sergeiOld = 0;
    let old = 0;
    let sergeiYoung = 0;
    let young = 0;
    for (let p = 0; p < 20_000; p++) {
      const id = trueIdentity(6, p, 'Москва');
      const y = +id.birth_date.slice(0, 4);
      if (y >= 1966 && y <= 1979) {
        old++;
        if (id.first_name === 'Сергей') sergeiOld++;
      } else if (y >= 1990) {
        young++;
        if (id.first_name === 'Сергей') sergeiYoung++;
      }
    }
    expect(sergeiOld / old).toBeGreaterThan(2 * (sergeiYoung / young));
  });

  it('have the mean age of the category mix', () => {
    const n = 20_000;
    let sum = 0;
    for (let p = 0; p < n; p++)
      sum += (dayNumber(AGE_REFERENCE_DATE) - dayNumber(trueIdentity(8, p).birth_date)) / 365.2425;
    const mean = AGE_MIX.reduce((acc, [w, lo, mode, hi]) => acc + (w * (lo + mode + hi)) / 3, 0);
    expect(Math.abs(sum / n - mean)).toBeLessThan(0.25); // sd ≈ 7 years → se ≈ 0.05, plus day rounding
  });
});

describe('damage', () => {
  it('with all probabilities 0 returns the truth (property)', () => {
    const name = fc.stringMatching(/^[А-ЯЁ][а-яё]{0,12}$/);
    const date = fc
      .integer({ min: 0, max: 40 * 366 })
      .map((d) => new Date(Date.UTC(1965, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        fc.integer(),
        name,
        name,
        fc.option(name, { nil: null }),
        fc.option(date, { nil: null }),
        fc.option(name, { nil: null }),
        fc.nat(200_000),
        (key, surname, first, patronymic, birth, region, unit) => {
          const truth: IdentityColumns = {
            surname,
            first_name: first,
            patronymic,
            birth_date: birth,
            region,
            unit: unitDesignation(unit),
          };
          expect(damageIdentity(key, truth, NO_DAMAGE).columns).toEqual(truth);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps the default profiles inside [0, 1]', () => {
    for (const profile of Object.values(DEFAULT_PROFILES)) {
      for (const v of Object.values(profile)) if (typeof v === 'number') expect(v >= 0 && v <= 1).toBe(true);
    }
  });

  for (const [source, profile] of Object.entries(DEFAULT_PROFILES)) {
    it(`follows the ${source} profile's rates within sampling error`, () => {
      const n = 3000;
      const problems: string[] = [];
      // Collect mismatches instead of calling expect per record (vitest's expect is slow in tight loops).
      const check = (ok: boolean, what: string) => {
        if (!ok && problems.length < 5) problems.push(what);
      };
      const c = {
        latin: 0,
        ukr: 0,
        cyrillicRecords: 0,
        hidden: 0,
        initials: 0,
        notHidden: 0,
        surnameInitial: 0,
        missFirst: 0,
        missPat: 0,
        missBirth: 0,
        missRegion: 0,
        missUnit: 0,
        typoTrials: 0,
        typoHits: 0,
        variantTrials: 0,
        variantHits: 0,
        swapTrials: 0,
        swapHits: 0,
        dateTypoTrials: 0,
        dateTypoHits: 0,
      };
      for (let p = 0; p < n; p++) {
        const truth = truthColumns(21, p, p % 50);
        const key = hashInts(99, p);
        const { columns: out, log } = damageIdentity(key, truth, profile);
        // The log must agree with what the columns show.
        const names = [out.surname, out.first_name, out.patronymic].filter((v): v is string => v !== null);
        if (log.script !== 'cyrillic' && log.script !== 'cyrillic-ukrainian') {
          c.latin++;
          for (const v of names) check(!CYRILLIC.test(v), `Cyrillic left in ${v}`);
        } else {
          c.cyrillicRecords++;
          if (log.script === 'cyrillic-ukrainian') c.ukr++;
        }
        if (log.hidden) {
          c.hidden++;
          check(out.surname === null && out.first_name === null && out.patronymic === null, 'hidden names shown');
        } else {
          c.notHidden++;
          check(out.surname !== null, 'surname missing');
          if (log.initials) {
            c.initials++;
            check(out.first_name === null || /^.\.$/u.test(out.first_name), `initial ${out.first_name}`);
            if (log.surnameInitial) c.surnameInitial++;
            check(/^.\.$/u.test(out.surname!) === log.surnameInitial, `surname initial ${out.surname}`);
          }
        }
        if (log.missing.first_name) c.missFirst++;
        if (log.missing.patronymic) c.missPat++;
        check(!log.missing.first_name || out.first_name === null, 'first name not missing');
        check(!log.missing.patronymic || out.patronymic === null, 'patronymic not missing');
        check((out.birth_date === null) === log.missing.birth_date, 'birth date missing flag');
        check((out.region === null) === log.missing.region, 'region missing flag');
        check((out.unit === null) === log.missing.unit, 'unit missing flag');
        if (log.missing.birth_date) c.missBirth++;
        if (log.missing.region) c.missRegion++;
        if (log.missing.unit) c.missUnit++;
        // Typos: each name field still written in full is a trial.
        if (!log.hidden) {
          const full: Array<keyof typeof log.typos> = ['surname'];
          if (!log.initials) full.push('first_name', 'patronymic');
          else full.splice(log.surnameInitial ? 0 : 1, log.surnameInitial ? 1 : 0);
          for (const f of full) {
            if (f !== 'surname' && log.missing[f]) continue;
            c.typoTrials++;
            if (log.typos[f]) c.typoHits++;
            if (log.script !== 'cyrillic' && log.script !== 'cyrillic-ukrainian') {
              c.variantTrials++;
              if (log.variants[f]) c.variantHits++;
              // Without typo or alternation the field is the scheme's transliteration exactly.
              if (!log.typos[f] && !log.variants[f] && !log.yoToYe)
                check(
                  out[f] === transliterate(truth[f]!, log.script),
                  `${f} ${out[f]} ≠ ${transliterate(truth[f]!, log.script)}`,
                );
            } else {
              check(!log.variants[f], 'alternation on a Cyrillic record');
            }
          }
        }
        if (!log.missing.birth_date) {
          if (truth.birth_date !== swapDayMonth(truth.birth_date!)) {
            c.swapTrials++;
            if (log.daySwap) c.swapHits++;
          } else {
            check(!log.daySwap, 'impossible swap logged');
          }
          c.dateTypoTrials++;
          if (log.dateTypo) c.dateTypoHits++;
          check(log.daySwap || log.dateTypo || out.birth_date === truth.birth_date, 'date changed');
          check(!log.daySwap || log.dateTypo || out.birth_date === swapDayMonth(truth.birth_date!), 'swap');
          check(isIsoDate(out.birth_date!), `bad date ${out.birth_date}`);
        }
      }
      expect(problems).toEqual([]);
      const hasSchemes = Object.values(profile.schemes).some((w) => (w ?? 0) > 0);
      expectRate(c.latin, n, hasSchemes ? profile.latin : 0);
      expectRate(c.ukr, c.cyrillicRecords, profile.ukrainianLetters);
      expectRate(c.hidden, n, profile.hideNames);
      expectRate(c.initials, c.notHidden, profile.initials);
      if (c.initials > 0) expectRate(c.surnameInitial, c.initials, profile.surnameInitial);
      expectRate(c.missFirst, n, profile.missingFirstName);
      expectRate(c.missPat, n, profile.missingPatronymic);
      expectRate(c.missBirth, n, profile.missingBirthDate);
      expectRate(c.missRegion, n, profile.missingRegion);
      expectRate(c.missUnit, n, profile.missingUnit);
      expectRate(c.typoHits, c.typoTrials, profile.typo);
      if (c.variantTrials > 0) expectRate(c.variantHits, c.variantTrials, profile.latinVariant);
      expectRate(c.swapHits, c.swapTrials, profile.daySwap);
      expectRate(c.dateTypoHits, c.dateTypoTrials, profile.dateTypo);
    });
  }

  it('uses the schemes in proportion to their weights', () => {
    const profile: DamageProfile = { ...NO_DAMAGE, latin: 1, schemes: { icao: 3, informal: 1 } };
    const n = 4000;
    let icao = 0;
    for (let p = 0; p < n; p++)
      if (damageIdentity(hashInts(5, p), truthColumns(1, p, 0), profile).log.script === 'icao') icao++;
    expectRate(icao, n, 0.75);
  });

  it('resolves profiles by name, alias and partial override', () => {
    expect(profileFor('courts')).toBe(DEFAULT_PROFILES.courts);
    expect(profileFor('court_verdicts')).toBe(DEFAULT_PROFILES.courts);
    expect(profileFor('unit:20GMRD')).toBe(DEFAULT_PROFILES.unit);
    expect(profileFor('media')).toBe(DEFAULT_PROFILES.wanted);
    const o = profileFor('ngo', { ngo: { typo: 0.5 } });
    expect(o.typo).toBe(0.5);
    expect(o.latin).toBe(DEFAULT_PROFILES.ngo!.latin);
    expect(profileFor('unit:7', { 'unit:7': NO_DAMAGE })).toEqual(NO_DAMAGE);
  });
});

describe('individual lists', () => {
  const SOURCES = ['courts', 'ngo', 'surrender', 'wanted', 'unit'];
  /** A world of n persons; each source records a keyed-random subset. Fields carry a secret tag of the person. */
  function world(seed: number, n: number, withDates = true): ListEntry[] {
    const out: ListEntry[] = [];
    for (let p = 0; p < n; p++) {
      SOURCES.forEach((source, s) => {
        if (hashInts(seed, p, s) % 3 !== 0) return;
        const fields: ListEntry['fields'] = { tag: `t${hashInts(777, p)}`, article: '337' };
        if (withDates) fields.date = `2023-${String(1 + (hashInts(seed, p, s, 1) % 12)).padStart(2, '0')}-01`;
        out.push({ source, personId: p, unit: p % 37, region: p % 5 === 0 ? 'Республика Бурятия' : undefined, fields });
      });
    }
    return out;
  }

  it('maps every row to the right person through the answer key', () => {
    const entries = world(1, 600);
    const { lists, answerKey } = buildIndividualLists(42, entries);
    expect(answerKey.length).toBe(entries.length);
    const seen = new Set<string>();
    for (const { source, row, personId } of answerKey) {
      const r = lists[source]![row]!;
      expect(r.tag).toBe(`t${hashInts(777, personId)}`);
      expect(r.unit === null || r.unit === unitDesignation(personId % 37) || !CYRILLIC.test(String(r.unit))).toBe(true);
      seen.add(`${source}#${row}`);
    }
    for (const [source, rows] of Object.entries(lists))
      for (let i = 0; i < rows.length; i++) expect(seen.has(`${source}#${i}`)).toBe(true);
  });

  it('gives each person the true identity on every list when nothing is damaged, whatever the order or company', () => {
    const entries = world(2, 300);
    const a = buildIndividualLists(9, entries, { profiles: noDamageEverywhere });
    const shuffled = [...entries].sort(
      (x, y) => hashInts(3, x.personId, x.source.length) - hashInts(3, y.personId, y.source.length),
    );
    const subset = shuffled.filter((e) => e.personId % 2 === 0);
    const b = buildIndividualLists(9, shuffled, { profiles: noDamageEverywhere });
    const c = buildIndividualLists(9, subset, { profiles: noDamageEverywhere });
    expect(b).toEqual(a);
    const rowOf = (res: typeof a) => {
      const m = new Map<string, Record<string, string | number | null>>();
      for (const k of res.answerKey) m.set(`${k.source}:${k.personId}`, res.lists[k.source]![k.row]!);
      return m;
    };
    const ra = rowOf(a);
    const rc = rowOf(c);
    for (const [k, row] of rc) expect(row).toEqual(ra.get(k));
    for (const k of a.answerKey) {
      const row = a.lists[k.source]![k.row]!;
      const region = k.personId % 5 === 0 ? 'Республика Бурятия' : undefined;
      const t = trueIdentity(9, k.personId, region);
      expect([row.surname, row.first_name, row.patronymic, row.birth_date, row.region]).toEqual([
        t.surname,
        t.first_name,
        t.patronymic,
        t.birth_date,
        t.region,
      ]);
    }
  });

  it('is reproducible with default damage, independent of entry order', () => {
    const entries = world(4, 300);
    const a = buildIndividualLists(5, entries);
    const b = buildIndividualLists(5, [...entries].reverse());
    expect(b).toEqual(a);
    expect(buildIndividualLists(6, entries)).not.toEqual(a);
  });

  it('keeps a person linkable: one region for all their rows in a call', () => {
    const entries: ListEntry[] = [
      { source: 'courts', personId: 5, unit: 1, fields: {} },
      { source: 'wanted', personId: 5, unit: 1, region: 'Республика Тыва', fields: {} },
    ];
    const { lists } = buildIndividualLists(1, entries, { profiles: noDamageEverywhere });
    expect(lists.courts![0]!.region).toBe('Республика Тыва');
    expect(lists.courts![0]!.surname).toBe(lists.wanted![0]!.surname);
  });

  it('orders rows by the date field, and the order does not leak the person id', () => {
    const { lists, answerKey } = buildIndividualLists(3, world(5, 3000));
    for (const rows of Object.values(lists))
      for (let i = 1; i < rows.length; i++) expect(String(rows[i - 1]!.date) <= String(rows[i]!.date)).toBe(true);
    const undated = buildIndividualLists(3, world(5, 3000, false));
    for (const source of SOURCES) {
      for (const res of [undated, { lists, answerKey }]) {
        const keys = res.answerKey.filter((k) => k.source === source);
        const rho = spearman(
          keys.map((k) => k.row),
          keys.map((k) => k.personId),
        );
        expect(Math.abs(rho)).toBeLessThan(4 / Math.sqrt(keys.length));
      }
    }
  });

  it('refuses fields that would leak the answer or clash with identity columns', () => {
    expect(() => buildIndividualLists(1, [{ source: 'ngo', personId: 1, unit: 0, fields: { personId: 1 } }])).toThrow(
      /leak/,
    );
    expect(() => buildIndividualLists(1, [{ source: 'ngo', personId: 1, unit: 0, fields: { surname: 'x' } }])).toThrow(
      /collides/,
    );
  });

  it('damages each source in its own style', () => {
    const entries = world(6, 1500);
    const { lists } = buildIndividualLists(8, entries);
    const share = (
      rows: Array<Record<string, string | number | null>>,
      f: (r: Record<string, string | number | null>) => boolean,
    ) => rows.filter(f).length / rows.length;
    expect(share(lists.ngo!, (r) => typeof r.surname === 'string' && !CYRILLIC.test(r.surname))).toBeGreaterThan(0.6);
    expect(
      share(lists.courts!, (r) => typeof r.first_name === 'string' && /^.\.$/u.test(r.first_name)),
    ).toBeGreaterThan(0.55);
    expect(
      share(
        lists.surrender!,
        (r) => typeof r.surname === 'string' && /[іїє]/i.test(`${r.surname}${r.first_name}${r.patronymic}`),
      ),
    ).toBeGreaterThan(0.2);
    expect(share(lists.wanted!, (r) => Object.values(r).every((v) => v !== null))).toBe(1);
  });
});
