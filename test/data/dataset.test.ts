import { describe, expect, it } from 'vitest';
import { Observation, Series, Source, type ValueKind } from '../../src/domain/index.ts';
import { evalArithmetic } from './arith.ts';
import { dataFile, readText } from './paths.ts';

// Parse every file with the domain schemas; a bad row fails with its file, line and zod message.
function parseArray<T>(name: string, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: Error } }): T[] {
  const raw: unknown = JSON.parse(readText(dataFile(name)));
  if (!Array.isArray(raw)) throw new Error(`${name}: not a JSON array`);
  return raw.map((v, i) => {
    const r = schema.safeParse(v);
    if (!r.success) throw new Error(`${name} item ${i}: ${r.error.message}`);
    return r.data;
  });
}

const sources = parseArray('sources.json', Source);
const series = parseArray('series.json', Series);
const obsLines = readText(dataFile('observations.jsonl')).split('\n');
const observations: Observation[] = [];
const parseErrors: string[] = [];
obsLines.forEach((line, i) => {
  if (line.trim() === '') return;
  try {
    const r = Observation.safeParse(JSON.parse(line));
    if (r.success) observations.push(r.data);
    else parseErrors.push(`observations.jsonl line ${i + 1}: ${r.error.message}`);
  } catch (e) {
    parseErrors.push(`observations.jsonl line ${i + 1}: ${(e as Error).message}`);
  }
});

const sourceById = new Map(sources.map((s) => [s.id, s]));
const seriesById = new Map(series.map((s) => [s.id, s]));
const obsById = new Map(observations.map((o) => [o.id, o]));
const refsOf = (o: Observation): string[] => (o.ref ? o.ref.split(',').map((r) => r.trim()) : []);

// The catalogue of public figures the dataset was built from (data/figures.json): ids such as S01, M09, H13.
interface Figure { id: string; group: string; value: string; unit?: string; period: string; numeric: boolean; sources: string[]; note?: string }
const figures = JSON.parse(readText(dataFile('figures.json'))) as Figure[];
const figureById = new Map(figures.map((f) => [f.id, f]));
/** Seed-article figures whose value holds a number (all of S01-S61 do: years count too). */
const seedNumberIds = figures.filter((f) => f.group === 'seed-articles' && f.numeric).map((f) => f.id);

/** Kinds that can be compared within one series: counts go together; rates, shares and ratios stand alone. */
const KIND_CLASS: Record<ValueKind, string> = {
  cumulative: 'count', interval_count: 'count', level: 'count', rate: 'rate', share: 'share', ratio: 'ratio',
};

describe('bundled dataset: schema and integrity', () => {
  it('every observation line parses with the Observation schema', () => {
    expect(parseErrors).toEqual([]);
    expect(observations.length).toBe(obsLines.filter((l) => l.trim() !== '').length);
  });

  it('has at least 120 observation rows', () => {
    expect(observations.length).toBeGreaterThanOrEqual(120);
  });

  it('ids are unique in each file', () => {
    for (const ids of [sources.map((s) => s.id), series.map((s) => s.id), observations.map((o) => o.id)]) {
      const dup = ids.filter((id, i) => ids.indexOf(id) !== i);
      expect(dup).toEqual([]);
    }
  });

  it("every observation's series and source exist, and every source and series is used", () => {
    expect(observations.filter((o) => !seriesById.has(o.seriesId)).map((o) => o.id)).toEqual([]);
    expect(observations.filter((o) => !sourceById.has(o.sourceId)).map((o) => o.id)).toEqual([]);
    const usedSources = new Set(observations.map((o) => o.sourceId));
    const usedSeries = new Set(observations.map((o) => o.seriesId));
    expect(sources.filter((s) => !usedSources.has(s.id)).map((s) => s.id)).toEqual([]);
    expect(series.filter((s) => !usedSeries.has(s.id)).map((s) => s.id)).toEqual([]);
  });

  it("each observation's unit equals its series' unit", () => {
    const bad = observations.filter((o) => seriesById.get(o.seriesId)?.unit !== o.unit).map((o) => `${o.id}: ${o.unit}`);
    expect(bad).toEqual([]);
  });

  it('no series mixes value kinds that cannot be compared', () => {
    const classes = new Map<string, Set<string>>();
    const per = new Map<string, Set<string>>();
    for (const o of observations) {
      classes.set(o.seriesId, (classes.get(o.seriesId) ?? new Set()).add(KIND_CLASS[o.valueKind]));
      if (o.ratePer) per.set(o.seriesId, (per.get(o.seriesId) ?? new Set()).add(o.ratePer));
    }
    expect([...classes].filter(([, c]) => c.size > 1).map(([id, c]) => `${id}: ${[...c]}`)).toEqual([]);
    expect([...per].filter(([, p]) => p.size > 1).map(([id]) => id)).toEqual([]);
  });

  it('rates carry their period in the unit, shares are percentages between 0 and 100', () => {
    const badRates = observations.filter((o) => o.valueKind === 'rate' && !o.unit.endsWith(`/${o.ratePer}`));
    expect(badRates.map((o) => o.id)).toEqual([]);
    const shares = observations.filter((o) => o.valueKind === 'share');
    expect(shares.filter((o) => o.unit !== '%').map((o) => o.id)).toEqual([]);
    const outside = (v: number | undefined) => v !== undefined && (v < 0 || v > 100);
    expect(shares.filter((o) => outside(o.value) || outside(o.low) || outside(o.high)).map((o) => o.id)).toEqual([]);
  });

  it('ranges bracket their value and qualifiers agree with the written bound', () => {
    const bad = observations.filter(
      (o) => (o.low !== undefined && o.low > o.value) || (o.high !== undefined && o.high < o.value),
    );
    expect(bad.map((o) => o.id)).toEqual([]);
    // Counts are never negative.
    expect(observations.filter((o) => KIND_CLASS[o.valueKind] === 'count' && o.value < 0).map((o) => o.id)).toEqual([]);
  });

  it('cumulative totals since mobilisation start on 2022-09-21', () => {
    const bad = observations.filter(
      (o) => o.valueKind === 'cumulative' && o.scope.split(';')[0] === 'since_mobilisation' && o.periodStart !== '2022-09-21',
    );
    expect(bad.map((o) => o.id)).toEqual([]);
  });

  it('court observations name their articles; non-court series do not', () => {
    const topic = (o: Observation) => seriesById.get(o.seriesId)!.topic;
    // Court rows without articles must say why: chapter-level, all crimes, civil suits, or articles not stated.
    const why = /chapter:|articles not stated|all_military_court|summons|missing_or_dead/i;
    const silent = observations.filter(
      (o) => topic(o) === 'court' && o.articles.length === 0 && !why.test(`${o.scope} ${o.notes ?? ''}`),
    );
    expect(silent.map((o) => o.id)).toEqual([]);
    const stray = observations.filter((o) => !['court', 'comparator'].includes(topic(o)) && o.articles.length > 0);
    expect(stray.map((o) => o.id)).toEqual([]);
  });

  it('the Ukrainian comparator and Hochu Zhit rows come from parties to the war', () => {
    const bad = observations.filter(
      (o) => (o.seriesId.startsWith('comparator.ua.') || o.seriesId.startsWith('ua.')) &&
        !sourceById.get(o.sourceId)!.partyToConflict && o.derivation === 'reported',
    );
    expect(bad.map((o) => o.id)).toEqual([]);
  });

  it('the seed articles are cited by outlet, title, date and URL', () => {
    const seeds = sources.filter((s) => s.seedArticle);
    expect(seeds.length).toBeGreaterThanOrEqual(3);
    const bad = seeds.filter((s) => !s.outlet || !s.title || !s.published || !s.url).map((s) => s.id);
    expect(bad).toEqual([]);
  });

  it('every source with a URL also gives its publication or access date, or says why it cannot', () => {
    const undated = sources.filter((s) => s.url && !s.published && !s.accessed);
    expect(undated.filter((s) => !/date not established/.test(s.notes ?? '')).map((s) => s.id)).toEqual([]);
    expect(undated.length).toBeLessThanOrEqual(2);
  });
});

describe('bundled dataset: coverage of the research notes', () => {
  it('the figure catalogue holds the seed table S01-S61 and unique ids', () => {
    expect(figureById.size).toBe(figures.length);
    expect(seedNumberIds.length).toBe(61);
    expect(seedNumberIds[0]).toBe('S01');
    expect(seedNumberIds.at(-1)).toBe('S61');
  });

  it('every numeric seed figure S01-S61 is referenced by some row', () => {
    const referenced = new Set(observations.flatMap(refsOf));
    expect(seedNumberIds.filter((id) => !referenced.has(id))).toEqual([]);
  });

  it("each figure's sources are the sources of the rows that cite it, and exist", () => {
    const derived = new Map<string, Set<string>>();
    for (const o of observations) for (const r of refsOf(o)) derived.set(r, (derived.get(r) ?? new Set()).add(o.sourceId));
    const bad = figures
      .filter((f) => [...(derived.get(f.id) ?? [])].sort().join() !== [...f.sources].sort().join() || f.sources.some((s) => !sourceById.has(s)))
      .map((f) => f.id);
    expect(bad).toEqual([]);
  });

  it('every ref names a figure of the catalogue', () => {
    const known = new Set(figures.map((f) => f.id));
    expect(known.size).toBeGreaterThan(100);
    const bad = observations.flatMap((o) => refsOf(o).filter((r) => !known.has(r)).map((r) => `${o.id}: ${r}`));
    expect(bad).toEqual([]);
  });

  it('covers every catalogued figure beyond the seed articles that carries a number', () => {
    const numbered = figures.filter((f) => f.group !== 'seed-articles' && f.numeric);
    expect(numbered.length).toBeGreaterThan(40);
    const referenced = new Set(observations.flatMap(refsOf));
    // I11 and H12 carry no usable number (their catalogue rows say so); everything else must be present.
    const missing = numbered.filter((f) => !referenced.has(f.id) && !f.note).map((f) => f.id);
    expect(missing).toEqual([]);
  });

  it('keeps the Ukrainian comparator (2e) and the other historical anchors (2f) in their own series', () => {
    expect(observations.filter((o) => o.seriesId === 'comparator.ua.awol_cases').length).toBeGreaterThanOrEqual(10);
    expect(observations.some((o) => o.seriesId === 'comparator.us.desertions' && o.value === 7978)).toBe(true);
    expect(observations.some((o) => o.seriesId === 'comparator.ua.persons_charged' && o.value === 10266)).toBe(true);
  });
});

describe('bundled dataset: units kept apart and conflicts kept visible', () => {
  it('cases received, sentences, persons convicted and requests live in different series', () => {
    const find = (ref: string, seriesId: string) => observations.some((o) => refsOf(o).includes(ref) && o.seriesId === seriesId);
    expect(find('S13', 'court.cases_received')).toBe(true);
    expect(find('S14', 'court.sentences')).toBe(true);
    expect(find('P01', 'court.persons_convicted')).toBe(true);
    expect(find('S01', 'court.defendants')).toBe(true);
    expect(find('S03', 'ngo.idite_lesom.desertion_requests')).toBe(true);
    expect(find('J01', 'court.sd_cases_unclear_unit')).toBe(true);
    const units = new Set(['court.cases_received', 'court.sentences', 'court.persons_convicted', 'ngo.idite_lesom.desertion_requests']
      .map((id) => seriesById.get(id)!.unit));
    expect(units.size).toBe(4);
  });

  // Conflicting figures stay as separate rows, one naming the other (data/README.md).
  it.each([
    ['M13', 'M13'], // 684 vs 64 sentences in March 2024
    ['M10', 'S23'], // August 2023 peak of 457 vs >500 a month since July
    ['S12', 'H07'], // 3-5 surrenders a day vs about 3 a week
    ['I10', 'I06'], // ">3,000 soldiers" vs the NGO's own counts
    ['S31', 'S29'], // 2-3% of the force vs the article's own counts
    ['J01', 'M01'], // Judicial Department "cases" vs Mediazona cases received
  ])('conflict %s vs %s stays visible with cross-referencing notes', (a, b) => {
    const rowsA = observations.filter((o) => refsOf(o).includes(a));
    const rowsB = observations.filter((o) => refsOf(o).includes(b));
    expect(rowsA.length).toBeGreaterThan(0);
    expect(rowsB.length).toBeGreaterThan(0);
    const names = (x: Observation, ys: Observation[]) => ys.some((y) => y.id !== x.id && (x.notes ?? '').includes(y.id));
    expect(rowsA.some((x) => names(x, rowsB)) || rowsB.some((y) => names(y, rowsA))).toBe(true);
  });

  it('every observation id named in notes or formulas exists', () => {
    const idLike = /\b[a-z][a-z0-9]*(?:-[a-z0-9]+){2,}\b/g;
    const bad = observations.flatMap((o) =>
      [...`${o.notes ?? ''} ${o.formula ?? ''}`.matchAll(idLike)].map((m) => m[0]).filter((t) => !obsById.has(t)).map((t) => `${o.id}: ${t}`),
    );
    expect(bad).toEqual([]);
  });

  it('derived rows recompute from the arithmetic in their formula', () => {
    const derived = observations.filter((o) => o.derivation === 'derived');
    let checked = 0;
    const bad: string[] = [];
    for (const o of derived) {
      const rhs = o.formula!.split('=').at(-1)!;
      const v = evalArithmetic(rhs);
      if (v === undefined || !o.formula!.includes('=')) continue;
      checked++;
      // Tolerance covers the rounding of published values (one decimal, or 0.5%).
      const close = (x: number) => Math.abs(x - o.value) <= Math.max(0.005 * Math.abs(o.value), 0.06);
      if (!close(v) && !close(100 * v)) bad.push(`${o.id}: formula gives ${v}, row says ${o.value}`);
    }
    expect(bad).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(20);
  });

  it('derived Idite Lesom months add up to the quarterly totals', () => {
    const v = (id: string) => obsById.get(id)!.value;
    expect(v('il-desreq-2023-06') + v('dv-il-desreq-2023-07-08')).toBe(v('il-desreq-2023-06-08'));
    expect(v('dv-il-desreq-2023-09') + v('il-desreq-2023-10') + v('il-desreq-2023-11')).toBe(v('il-desreq-2023-09-11'));
  });

  it('cumulative totals never fall over time within one series, article set, scope and origin (across sources)', () => {
    const groups = new Map<string, Observation[]>();
    for (const o of observations.filter((x) => x.valueKind === 'cumulative')) {
      const key = [o.seriesId, o.articles.join('+'), o.scope, o.periodStart ?? ''].join('|');
      groups.set(key, [...(groups.get(key) ?? []), o]);
    }
    // A later total below an earlier one is allowed only as a documented conflict (one row names the other).
    const documented = (x: Observation, y: Observation) => (x.notes ?? '').includes(y.id) || (y.notes ?? '').includes(x.id);
    const bad: string[] = [];
    for (const rows of groups.values())
      for (const a of rows)
        for (const b of rows)
          if (a.periodEnd < b.periodEnd && b.value < a.value && !documented(a, b)) bad.push(`${a.id} > ${b.id}`);
    expect(bad).toEqual([]);
    expect(groups.size).toBeGreaterThan(20);
  });
});
