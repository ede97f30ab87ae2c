import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Observation } from '../../src/domain/observation.ts';
import { readDataset } from '../../src/ingest/bundled.ts';
import { findConflicts } from '../../src/report/conflicts.ts';
import { toCsv } from '../../src/report/csv.ts';
import { fanChart } from '../../src/report/fan-chart.ts';
import { headlines, overviewChart } from '../../src/report/overview.ts';
import { sankeyChart } from '../../src/report/sankey-chart.ts';
import { monthlyPoints, seriesChart } from '../../src/report/series-chart.ts';
import { escapeHtml, formatFigure } from '../../src/report/text.ts';

const MINI = new URL('../fixtures/mini/', import.meta.url).pathname;

const obs = (p: Partial<Observation> & { id: string; value: number }): Observation => ({
  seriesId: 's',
  sourceId: 'a',
  articles: [],
  scope: 'all',
  periodEnd: '2024-01-31',
  valueKind: 'cumulative',
  qualifier: '=',
  unit: 'cases',
  derivation: 'reported',
  ...p,
});

describe('series chart', () => {
  it('turns reported periods into counts per month (known answers from the fixture)', async () => {
    const d = await readDataset(MINI);
    const ngo = monthlyPoints(d.observations.filter((o) => o.seriesId === 'ngo.requests'));
    // 305 requests over 1 Jun – 31 Aug 2023 (92 days) and 577 over 1 Sep – 30 Nov (91 days), per 30.4375-day month.
    expect(ngo.map((p) => p.perMonth)).toEqual([
      expect.closeTo((305 / 92) * 30.4375, 6),
      expect.closeTo((577 / 91) * 30.4375, 6),
    ]);
    // Midpoints: 45.5 days after 1 June rounds to 17 July; 45 days after 1 September is 16 October.
    expect(ngo.map((p) => p.date)).toEqual(['2023-07-17', '2023-10-16']);
    expect(ngo.every((p) => p.kind === 'reported')).toBe(true);
  });

  it('differences cumulative totals only within one scope and set of articles', () => {
    const pts = monthlyPoints([
      obs({ id: 'a1', value: 100, periodEnd: '2024-01-01', articles: ['337'] }),
      obs({ id: 'a2', value: 160, periodEnd: '2024-01-31', articles: ['337'] }),
      obs({ id: 'b1', value: 1000, periodEnd: '2024-01-15' }),
      obs({ id: 'b2', value: 1300, periodEnd: '2024-03-15' }),
    ]);
    expect(pts.map((p) => [p.kind, p.count, p.start, p.end])).toEqual([
      ['derived', 60, '2024-01-01', '2024-01-31'],
      ['derived', 300, '2024-01-15', '2024-03-15'],
    ]);
    expect(pts[0]!.perMonth).toBeCloseTo((60 / 30) * 30.4375, 9);
  });

  it('plots every figure with its citation, outlines conflicts, and counts its points', async () => {
    const d = await readDataset(MINI);
    const ngo = d.series.find((s) => s.id === 'ngo.requests')!;
    const extra = obs({
      id: 'x-1',
      seriesId: 'ngo.requests',
      sourceId: 'mz-test',
      scope: 'all',
      periodStart: '2023-09-01',
      periodEnd: '2023-11-30',
      valueKind: 'interval_count',
      value: 600,
      unit: 'requests',
      notes: 'disagrees',
    });
    const spec = seriesChart({ series: ngo, observations: [...d.observations, extra], sources: d.sources });
    expect(spec.points).toEqual({ published: 3, monthly: 3 });
    const series = spec.option.series as Array<{
      name: string;
      data: Array<{ tip: string; itemStyle?: { borderColor?: string } }>;
    }>;
    const il = series.find((s) => s.name === 'Idite Lesom')!;
    expect(il.data).toHaveLength(2);
    expect(il.data[1]!.tip).toContain('Idite Lesom (confidence A)');
    expect(il.data[1]!.tip).toContain('a note, with a comma');
    // 577 (Idite Lesom) and 600 (the other source) claim the same period: both outlined, each names the other.
    expect(il.data[1]!.itemStyle?.borderColor).toBeDefined();
    expect(il.data[1]!.tip).toContain('conflicts with: 600');
    const mz = series.find((s) => s.name.startsWith('Mediazona'))!;
    expect(mz.data[0]!.tip).toContain('conflicts with: ~577 [570–580]');
    expect(mz.data[0]!.tip).toContain('open the source');
  });
});

describe('conflicts', () => {
  it('groups figures for the same claim that disagree, and figures whose notes name each other', () => {
    const g = findConflicts([
      obs({ id: 'a', value: 684, sourceId: 'mz' }),
      obs({ id: 'b', value: 64, sourceId: 'sd' }),
      obs({ id: 'c', value: 684, sourceId: 'mz', articles: ['337'] }),
      obs({
        id: 'hz-per-day',
        value: 5,
        periodEnd: '2023-01-01',
        notes: 'Conflicts with hz-per-week (about 3 a week).',
      }),
      obs({ id: 'hz-per-week', value: 3, periodEnd: '2023-02-01' }),
      obs({ id: 'sum-ab', value: 7, periodEnd: '2022-01-01', notes: 'Built from hz-per-day and hz-per-week.' }),
      // A wildcard names the rows of the same scope only; a longer id is not its prefix.
      obs({
        id: 'ss-moscow',
        value: 201,
        scope: 'region:Moscow',
        periodEnd: '2023-09-15',
        notes: 'Conflicts in level with the rows (mz-cum-2023-09-21-*).',
      }),
      obs({ id: 'mz-cum-2023-09-21-moscow', value: 224, scope: 'region:Moscow', periodEnd: '2023-09-21' }),
      obs({ id: 'mz-cum-2023-09-21-perm', value: 50, scope: 'region:Perm', periodEnd: '2023-09-21' }),
      obs({ id: 'mz-cum-2023-09-21', value: 4000, scope: 'all', periodEnd: '2023-09-21' }),
    ]);
    expect(g.map((x) => x.observations.map((o) => o.id).sort())).toEqual([
      ['hz-per-day', 'hz-per-week'],
      ['mz-cum-2023-09-21-moscow', 'ss-moscow'],
      ['a', 'b'],
    ]);
  });

  it('never puts a figure in two groups, nor a group of one (property)', () => {
    const arb = fc.array(
      fc.record({
        value: fc.integer({ min: 0, max: 3 }),
        sourceId: fc.constantFrom('a', 'b'),
        scope: fc.constantFrom('x', 'y'),
        periodEnd: fc.constantFrom('2024-01-31', '2024-02-29'),
      }),
      { maxLength: 25 },
    );
    fc.assert(
      fc.property(arb, (rows) => {
        const groups = findConflicts(rows.map((r, i) => obs({ id: `o${i}`, ...r })));
        const ids = groups.flatMap((g) => g.observations.map((o) => o.id));
        return new Set(ids).size === ids.length && groups.every((g) => g.observations.length >= 2);
      }),
    );
  });
});

describe('overview', () => {
  it("draws only the headline series, one panel and axis per headline, and quotes each headline's newest figure", async () => {
    const d = await readDataset(MINI);
    const spec = overviewChart(d);
    // The fixture holds one row of the court headline (art. 337 since mobilisation) and none of the others;
    // its NGO rows belong to a series that is not a headline, so they stay off the chart.
    expect(spec.points).toEqual({
      'court-awol-cases': 1,
      'ngo-desertion-requests': 0,
      'surrender-hochu-zhit': 0,
      'leak-unit-list': 0,
    });
    expect((spec.option.yAxis as unknown[]).length).toBe(4);
    const hl = headlines(d);
    expect(hl.find((x) => x.id === 'court-awol-cases')?.figure?.text).toBe('4,121');
    expect(hl.find((x) => x.id === 'ngo-desertion-requests')?.figure).toBeUndefined();
    expect(spec.rows).toHaveLength(1);
    expect(spec.rows[0]!.headline).toBe('court-awol-cases');
  });
});

describe('fan and sankey builders', () => {
  const pt = (x: string, m: number, w: number) => ({
    x,
    median: m,
    lo50: m - w,
    hi50: m + w,
    lo90: m - 2 * w,
    hi90: m + 3 * w,
  });

  it('stacks each band as a lower edge plus a width that reaches the upper edge (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.float({ min: -1e6, max: 1e6, noNaN: true }), fc.float({ min: 0, max: 1e5, noNaN: true })),
          { minLength: 1, maxLength: 12 },
        ),
        (xs) => {
          const points = xs.map(([m, w], i) => pt(`2024-01-${String(i + 1).padStart(2, '0')}`, m, w));
          const spec = fanChart([{ name: 'A', points }], { title: 't', unit: 'u' });
          const s = spec.option.series as Array<{ stack?: string; data: Array<[string, number]> }>;
          const [lo90, w90, lo50, w50] = s;
          return points.every(
            (p, i) =>
              Math.abs(lo90!.data[i]![1] + w90!.data[i]![1] - p.hi90) <= 1e-6 * (1 + Math.abs(p.hi90)) &&
              Math.abs(lo50!.data[i]![1] + w50!.data[i]![1] - p.hi50) <= 1e-6 * (1 + Math.abs(p.hi50)) &&
              lo90!.stack === w90!.stack,
          );
        },
      ),
    );
  });

  it('refuses bands that do not nest', () => {
    expect(() =>
      fanChart([{ name: 'A', points: [{ x: 1, median: 5, lo50: 6, hi50: 7, lo90: 1, hi90: 9 }] }], {
        title: 't',
        unit: 'u',
      }),
    ).toThrow(/nest/);
  });

  it('builds a Sankey of flows and refuses cycles', () => {
    const spec = sankeyChart(
      [
        { from: 'front', to: 'AWOL', value: 100 },
        { from: 'AWOL', to: 'caught', value: 40 },
        { from: 'caught', to: 'court', value: 35 },
        { from: 'AWOL', to: 'abroad', value: 0 },
      ],
      { title: 'where soldiers went', unit: 'soldiers' },
    );
    expect(spec.points).toEqual({ nodes: 5, links: 3 });
    expect(() =>
      sankeyChart(
        [
          { from: 'a', to: 'b', value: 1 },
          { from: 'b', to: 'a', value: 1 },
        ],
        { title: 't', unit: 'u' },
      ),
    ).toThrow(/cycle/);
  });
});

describe('text and CSV', () => {
  it('CSV round-trips any text through a standard parser (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ a: fc.string(), b: fc.integer(), c: fc.string() }), { minLength: 1, maxLength: 10 }),
        (rows) => {
          const back = parse(toCsv(rows), { columns: true, relax_column_count: false }) as Array<
            Record<string, string>
          >;
          return (
            back.length === rows.length &&
            back.every((r, i) => r.a === rows[i]!.a && r.b === String(rows[i]!.b) && r.c === rows[i]!.c)
          );
        },
      ),
    );
  });

  it('escapes markup and formats figures as published', () => {
    expect(escapeHtml('<a href="x">&\'')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
    expect(formatFigure({ value: 1000, qualifier: '>' })).toBe('>1,000');
    expect(formatFigure({ value: 3, qualifier: '>=' })).toBe('≥3');
    expect(formatFigure({ value: 577, qualifier: '~', low: 570, high: 580 })).toBe('~577 [570–580]');
  });
});
