import { describe, expect, it } from 'vitest';
import {
  FsSettings,
  levelOf,
  prepareTables,
  trainModel,
  predict,
  matchWeight,
} from '../../src/linkage/fellegi-sunter.ts';
import { jaro, jaroWinkler, levenshtein } from '../../src/linkage/string-similarity.ts';
import { dedupeClear, linkClear } from '../../src/linkage/link-clear.ts';
import { UnionFind } from '../../src/linkage/union-find.ts';
import { febrlEntity, pairQuality } from '../../src/linkage/evaluate.ts';
import { FEBRL_FS_SETTINGS, readFebrl } from './febrl.ts';

describe('string similarity', () => {
  it('matches the textbook Jaro–Winkler values', () => {
    expect(jaro('MARTHA', 'MARHTA')).toBeCloseTo(0.9444, 4);
    expect(jaroWinkler('MARTHA', 'MARHTA')).toBeCloseTo(0.9611, 4);
    expect(jaroWinkler('DIXON', 'DICKSONX')).toBeCloseTo(0.8133, 4);
    expect(jaroWinkler('', '')).toBe(1);
    expect(levenshtein('kitten', 'sitting')).toBe(3);
  });
});

describe('Fellegi–Sunter', () => {
  // Fewer random pairs for u than the default keeps the test quick; the estimates barely move.
  const settings = FsSettings.parse({ ...FEBRL_FS_SETTINGS, maxPairsForU: 40_000 });

  it('levels: null, first listed level that holds, else', () => {
    const levels = settings.comparisons[0]!.levels;
    expect(levelOf(levels, null, 'x')).toBe(-1);
    expect(levelOf(levels, 'jane', 'jane')).toBe(0);
    expect(levelOf(levels, 'jane', 'jene')).toBe(2);
    expect(levelOf(levels, 'jane', 'bob')).toBe(3);
  });

  it('deduplicates FEBRL dataset 1 with precision and recall ≥ 0.95, and its weights are sane', () => {
    const { header, rows } = readFebrl(1);
    const table = { columns: header, rows };
    const p = prepareTables([table], settings);
    const model = trainModel(p, settings);
    // Agreement is evidence for a match, disagreement against: m/u > 1 for exact, < 1 for else.
    for (let c = 0; c < settings.comparisons.length; c++) {
      const last = model.m[c]!.length - 1;
      expect(model.m[c]![0]! / model.u[c]![0]!, settings.comparisons[c]!.column).toBeGreaterThan(1);
      expect(model.m[c]![last]! / model.u[c]![last]!, settings.comparisons[c]!.column).toBeLessThan(1);
    }
    expect(model.lambda).toBeGreaterThan(1e-4);
    expect(model.lambda).toBeLessThan(1e-2);
    const scored = predict(p, settings, model);
    const uf = new UnionFind(p.n);
    for (let k = 0; k < scored.a.length; k++) if (scored.probability[k]! >= 0.9) uf.union(scored.a[k]!, scored.b[k]!);
    const labels = rows.map((r) => febrlEntity(r[0]!));
    const q = pairQuality(labels, uf.groups(2));
    expect(q.truePairs).toBe(500);
    expect(q.precision).toBeGreaterThanOrEqual(0.95);
    expect(q.recall).toBeGreaterThanOrEqual(0.95);
    // Term frequencies: a rare surname agreeing weighs more than a common one.
    expect(scored.a.length).toBeGreaterThan(500);
    const sc = settings.comparisons.findIndex((c) => c.column === 'surname');
    const freq = model.tf[sc]!;
    const [common] = [...freq.entries()].sort((x, y) => y[1] - x[1])[0]!;
    const rare = [...freq.entries()].find((e) => e[1] === Math.min(...freq.values()))![0];
    const si = header.indexOf('surname');
    const pairWith = (v: string) => {
      const idx = rows.map((r, i) => (r[si] === v ? i : -1)).filter((i) => i >= 0);
      return idx;
    };
    const ci = pairWith(common);
    expect(ci.length).toBeGreaterThan(1);
    expect(freq.get(common)!).toBeGreaterThan(freq.get(rare)!);
    expect(Number.isFinite(matchWeight(p, settings, model, ci[0]!, ci[1]!))).toBe(true);
  });

  it('term-frequency adjustment: agreeing on a rare value weighs log2(tf ratio) more than on a common one', () => {
    const tf = FsSettings.parse({
      comparisons: [
        { column: 'surname', levels: [{ type: 'exact' }], termFrequency: true },
        { column: 'city', levels: [{ type: 'exact' }] },
      ],
      blockingRules: [['city']],
      probabilityTwoRandomRecordsMatch: 0.01,
      maxPairsForU: 5000,
    });
    const rows: string[][] = [];
    for (let i = 0; i < 40; i++) rows.push(['smith', `c${i % 10}`]);
    rows.push(['zyx', 'c1'], ['zyx', 'c1']);
    for (let i = 0; i < 58; i++) rows.push([`s${i}`, `c${i % 10}`]);
    const p = prepareTables([{ columns: ['surname', 'city'], rows }], tf);
    const model = trainModel(p, tf);
    const smiths = rows.map((r, i) => (r[0] === 'smith' && r[1] === 'c1' ? i : -1)).filter((i) => i >= 0);
    const wCommon = matchWeight(p, tf, model, smiths[0]!, smiths[1]!);
    const wRare = matchWeight(p, tf, model, 40, 41);
    expect(wRare - wCommon).toBeCloseTo(Math.log2(40 / 2), 6);
  });

  it('links two tables (the clear-text link path) and recovers the overlap', () => {
    const { header, rows } = readFebrl(1);
    // Originals on list A, their duplicates on list B: 500 people on both.
    const A = rows.filter((r) => r[0]!.endsWith('-org'));
    const B = rows.filter((r) => !r[0]!.endsWith('-org'));
    const r = linkClear(
      [
        { columns: header, rows: A },
        { columns: header, rows: B },
      ],
      settings,
      0.9,
    );
    expect(r.captureHistories['11']).toBeGreaterThanOrEqual(475);
    const correct = r.groups.filter((g) => febrlEntity(A[g[0]![1]]![0]!) === febrlEntity(B[g[1]![1]]![0]!)).length;
    expect(correct / r.groups.length).toBeGreaterThanOrEqual(0.95);
    expect(r.thresholdSensitivity.map((s) => s.threshold)).toContain(0.9);
  });
});

describe.skipIf(!process.env.DARKFIGURE_SLOW)('FEBRL 2 and 3 (DARKFIGURE_SLOW=1)', () => {
  const settings = FsSettings.parse(FEBRL_FS_SETTINGS);
  for (const n of [2, 3] as const) {
    it(`clear-text dedupe of dataset ${n}: precision and recall ≥ 0.95`, () => {
      const { header, rows } = readFebrl(n);
      const q = pairQuality(
        rows.map((r) => febrlEntity(r[0]!)),
        dedupeClear({ columns: header, rows }, settings).clustersAt(0.9),
      );
      expect(q.precision).toBeGreaterThanOrEqual(0.95);
      expect(q.recall).toBeGreaterThanOrEqual(0.95);
    });
  }
});
