import { describe, expect, it } from 'vitest';
import type { Observation } from '../../src/domain/observation.ts';
import { readDataset } from '../../src/ingest/bundled.ts';
import { HEADLINES, parseHeadlines } from '../../src/report/headlines.ts';
import { headlines, overviewChart } from '../../src/report/overview.ts';
import { dataFile, readText } from './paths.ts';

const data = await readDataset(new URL('../../data/', import.meta.url).pathname);
const raw = JSON.parse(readText(dataFile('headlines.json'))) as unknown[];

/** The rule restated: a headline's rows are its series' rows of one scope, one set of articles and one kind. */
const rowsOf = (d: (typeof HEADLINES)[number]): Observation[] =>
  data.observations.filter((o) => o.seriesId === d.seriesId && o.scope === d.select.scope && o.valueKind === d.select.valueKind && [...o.articles].sort().join() === [...d.select.articles].sort().join());

describe('data/headlines.json', () => {
  it('is a small named set, each headline defined with its unit and what it does not count', () => {
    expect(HEADLINES.length).toBeGreaterThanOrEqual(3);
    expect(HEADLINES.length).toBeLessThanOrEqual(6);
    expect(new Set(HEADLINES.map((h) => h.id)).size).toBe(HEADLINES.length);
    for (const h of HEADLINES) {
      expect(h.definition.length, h.id).toBeGreaterThan(40);
      expect(h.excludes.length, h.id).toBeGreaterThan(20);
    }
  });

  it('each headline resolves to an existing series of the same unit, with rows that all cite a known source', () => {
    const sources = new Set(data.sources.map((s) => s.id));
    for (const h of HEADLINES) {
      const series = data.series.find((s) => s.id === h.seriesId);
      expect(series, h.id).toBeDefined();
      expect(series!.unit, h.id).toBe(h.unit);
      const rows = rowsOf(h);
      expect(rows.length, h.id).toBeGreaterThan(0);
      for (const o of rows) expect(sources.has(o.sourceId), `${h.id}: ${o.id}`).toBe(true);
    }
  });

  it('each card quotes its headline series\' newest figure (known answers from the dataset)', () => {
    const cards = new Map(headlines(data).map((c) => [c.id, c]));
    for (const h of HEADLINES) {
      const rows = rowsOf(h);
      const latest = rows.map((o) => o.periodEnd).sort().at(-1)!;
      const newest = rows.filter((o) => o.periodEnd === latest);
      const card = cards.get(h.id)!;
      expect(newest.map((o) => o.id), h.id).toContain(card.figure!.observationId);
      expect(card.figure!.value, h.id).toBe(data.observations.find((o) => o.id === card.figure!.observationId)!.value);
    }
    // Restated by hand from data/observations.jsonl: the newest of each.
    expect(cards.get('court-awol-cases')!.figure).toMatchObject({ observationId: 'mz-337-recv-cum-2025-05', value: 18159, text: '18,159' });
    expect(cards.get('ngo-desertion-requests')!.figure).toMatchObject({ observationId: 'il-desreq-2024-01', value: 284 });
    expect(cards.get('surrender-hochu-zhit')!.figure).toMatchObject({ observationId: 'hz-surr-cum-2024-06-22', text: '>300' });
    expect(cards.get('leak-unit-list')!.figure).toMatchObject({ observationId: 'is-20gmrd-list', value: 1010 });
  });

  it('the recorded chart draws exactly the headline rows, one axis per headline, and no site visits', () => {
    const spec = overviewChart(data);
    expect(spec.points).toEqual(Object.fromEntries(HEADLINES.map((h) => [h.id, rowsOf(h).length])));
    expect((spec.option.yAxis as unknown[]).length).toBe(HEADLINES.length);
    const plotted = new Set(spec.rows.map((r) => r.series_id));
    expect(plotted.has('ua.hochu_zhit.site_visits')).toBe(false);
    expect([...plotted].sort()).toEqual([...new Set(HEADLINES.map((h) => h.seriesId))].sort());
  });

  it('a bad headline is refused with the file, the headline and the field named', () => {
    const bad = structuredClone(raw) as Array<Record<string, unknown>>;
    delete bad[1]!.unit;
    expect(() => parseHeadlines(bad)).toThrow(/data\/headlines\.json: headline 1 field unit/);
    const dup = structuredClone(raw) as Array<Record<string, unknown>>;
    dup[2]!.id = dup[0]!.id;
    expect(() => parseHeadlines(dup)).toThrow(/headline 2 field id: duplicate/);
    const kind = structuredClone(raw) as Array<Record<string, Record<string, unknown>>>;
    kind[0]!.select!.valueKind = 'visits';
    expect(() => parseHeadlines(kind)).toThrow(/headline 0 field select\.valueKind/);
  });
});
