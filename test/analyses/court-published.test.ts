import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { datasetNewestDate, publishedCourtNowcasts } from '../../src/analyses/court-published.ts';
import { Observation } from '../../src/domain/observation.ts';
import { Source } from '../../src/domain/source.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const observations = readFileSync(`${ROOT}data/observations.jsonl`, 'utf8')
  .trim()
  .split('\n')
  .map((l) => Observation.parse(JSON.parse(l)));
const sources = (JSON.parse(readFileSync(`${ROOT}data/sources.json`, 'utf8')) as unknown[]).map((s) => Source.parse(s));

const total = (id: string, sourceId: string, periodEnd: string, value: number, extra: Partial<Observation> = {}) =>
  Observation.parse({
    id,
    seriesId: 'court.cases_received',
    sourceId,
    articles: ['337'],
    scope: 'since_mobilisation',
    periodStart: '2022-09-21',
    periodEnd,
    valueKind: 'cumulative',
    value,
    unit: 'cases',
    ...extra,
  });
const src = (id: string, organisation: string) =>
  Source.parse({ id, organisation, confidence: 'A', partyToConflict: false });

describe('the nowcast of the published court series (art. 337 since mobilisation, Mediazona)', () => {
  it('on the bundled figures: Mediazona totals only, projected to the dataset newest date, every point inside its band', () => {
    const all = publishedCourtNowcasts({ observations, sources });
    // The headline first; every series with three or more Mediazona totals since mobilisation after it.
    expect(all.map((p) => `${p.seriesId}:${p.articles.join('+')}`)).toEqual([
      'court.cases_received:337',
      'court.cases_received:338',
      'court.cases_received:332',
      'court.cases_received:332+337+338',
      'court.sentences:332+337+338',
    ]);
    const p = all[0]!;
    const org = new Map(sources.map((s) => [s.id, s.organisation]));
    expect(p.readings.every((r) => org.get(r.sourceId) === 'Mediazona')).toBe(true);
    // Sistema's September 2023 figure and darkfigure's own interpolation are not chained in.
    expect(p.readings.map((r) => r.observationId)).not.toContain('ss-337-recv-cum-2023-09');
    expect(p.readings.some((r) => r.observationId.startsWith('dv-'))).toBe(false);
    const newest = datasetNewestDate({ observations })!;
    expect(p.projection.now).toBe(newest);
    expect(p.projection.from.date).toBe(p.readings.at(-1)!.date);
    expect(p.projection.periods[0]!.period.slice(0, 7) > p.readings.at(-1)!.date.slice(0, 7)).toBe(true);
    expect(p.projection.periods.at(-1)!.period.slice(0, 7)).toBe(newest.slice(0, 7));
    for (const iv of [p.projection.total, p.projection.added, ...p.projection.periods]) {
      expect(iv.lo95).toBeLessThanOrEqual(iv.estimate);
      expect(iv.estimate).toBeLessThanOrEqual(iv.hi95);
    }
    expect(p.projection.total.lo95).toBeGreaterThanOrEqual(p.readings.at(-1)!.value);
    expect(p.backtest.total).toBe(p.readings.length - 2);
    for (const q of all) {
      expect(q.readings.length).toBeGreaterThanOrEqual(3);
      expect(q.projection.now).toBe(newest);
      expect(q.readings.every((r) => org.get(r.sourceId) === 'Mediazona' && !r.observationId.startsWith('dv-'))).toBe(
        true,
      );
    }
  });

  it('chains one counter: another organisation totals, derived rows and other scopes or articles are left out', () => {
    const data = {
      sources: [src('mz', 'Mediazona'), src('other', 'Sistema')],
      observations: [
        total('a', 'mz', '2023-06-30', 1000),
        total('g', 'mz', '2023-09-30', 1500),
        total('b', 'mz', '2023-12-31', 2200),
        total('c', 'other', '2024-03-31', 100),
        total('d', 'mz', '2024-03-31', 4000, { derivation: 'derived', formula: 'interpolated' }),
        total('e', 'mz', '2024-03-31', 50, { scope: 'since_mobilisation;region:Perm' }),
        total('f', 'mz', '2024-03-31', 90, { articles: ['338'] }),
      ],
    };
    // Three Mediazona totals: two intervals to see how the rate moves, projected to the newest date (2024-03-31).
    const [p, ...rest] = publishedCourtNowcasts(data);
    expect(rest).toEqual([]);
    expect(p!.readings.map((r) => r.observationId)).toEqual(['a', 'g', 'b']);
    expect(p!.projection.now).toBe('2024-03-31');
    expect(p!.projection.periods.map((m) => m.period)).toEqual(['2024-01-01', '2024-02-01', '2024-03-01']);
    // With two totals there is one interval, nothing to say how the rate moves: no nowcast.
    expect(publishedCourtNowcasts({ ...data, observations: data.observations.slice(1) })).toEqual([]);
  });
});
