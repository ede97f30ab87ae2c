import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundled } from '../../src/ingest/bundled.ts';
import { importCourtFiles } from '../../src/ingest/court/import-court.ts';
import { createApp } from '../../src/server/app.ts';
import { CourtPool } from '../../src/server/court-pool.ts';
import { COURT_SIMULATION, computeCourtView as runCourtTask } from '../../src/analyses/court.ts';
import type { CourtView } from '../../src/report/court-chart.ts';
import { dayNumber } from '../../src/domain/dates.ts';
import { freshStore, type TestStore } from '../support/stores.ts';
import { CORPUS } from '../court/corpus.ts';

const MINI = new URL('../fixtures/mini/', import.meta.url).pathname;
const sum = (xs: Array<{ value: number }>) => xs.reduce((a, b) => a + b.value, 0);

function checkBands(v: CourtView): void {
  for (const p of v.nowcast.periods) {
    // A month the method cannot estimate (nothing reported yet, for chain ladder and baseline) has no figures and says why.
    if (p.estimate === null || Number.isNaN(p.estimate)) {
      expect(p.note).toMatch(/cannot estimate/);
      continue;
    }
    expect(p.lo95).toBeLessThanOrEqual(p.lo50);
    expect(p.lo50).toBeLessThanOrEqual(p.estimate + 1e-9);
    expect(p.estimate).toBeLessThanOrEqual(p.hi50 + 1e-9);
    expect(p.hi50).toBeLessThanOrEqual(p.hi95);
    // What is known is a floor: no method expects fewer verdicts than have already arrived.
    expect(p.estimate).toBeGreaterThanOrEqual(p.reported - 1e-9);
  }
}

describe('the court view: store records when there are any, else a labelled simulated line list; the nowcast off the event loop', () => {
  let empty: TestStore;
  let court: TestStore;
  const pool = new CourtPool();

  beforeAll(async () => {
    empty = await freshStore('sqlite');
    await loadBundled(empty.store, MINI);
    court = await freshStore('sqlite');
    await loadBundled(court.store, MINI);
    await importCourtFiles(court.store, [CORPUS], { format: 'sudrfscraper', scrapedAt: '2025-06-01' });
  }, 60_000);
  afterAll(async () => {
    await pool.close();
    await empty.cleanup();
    await court.cleanup();
  });

  it('without court records: the simulated list, said so, with a nowcast of every month from the first to the last complete one', async () => {
    const app = createApp({ store: empty.store, courtPool: pool });
    const r = await app.request('/api/court?method=chainladder');
    expect(r.status).toBe(200);
    const v = (await r.json()) as CourtView;
    expect(v.origin).toBe('simulated');
    expect(v.label).toMatch(/^SIMULATED/);
    expect(v.now).toBe(COURT_SIMULATION.now);
    // Every simulated case is received; only those decided by "now" have a verdict.
    expect(sum(v.received)).toBe(v.cases);
    expect(sum(v.verdicts)).toBeLessThan(v.cases);
    expect(v.nowcast.periods.map((p) => p.period.slice(0, 7))).toEqual(v.received.map((m) => m.month));
    checkBands(v);
    expect((await app.request('/api/court?method=nope')).status).toBe(400);
  }, 60_000);

  it('with imported records: their monthly counts as `court summary` gives them, and a nowcast over their months', async () => {
    // k = 1: no count withheld, so that the view can be checked against the raw summary (suppression: suppression-api.test.ts).
    const app = createApp({ store: court.store, courtPool: pool, minCell: 1 });
    const v = (await (await app.request('/api/court?method=bayes')).json()) as CourtView;
    expect(v.origin).toBe('store');
    expect(v.cases).toBe((await court.store.court.counts()).cases);
    const byMonth = await court.store.court.summary(['month']);
    // Summary rows count cases with a defendant; the received series counts every dated case.
    for (const row of byMonth.filter((x) => x.month !== 'unknown'))
      expect(v.received.find((m) => m.month === row.month)?.value).toBeGreaterThanOrEqual(Number(row.cases));
    expect(v.byArticle.length).toBeGreaterThan(0);
    expect(v.bySentence.length).toBeGreaterThan(0);
    checkBands(v);
    const csv = await (await app.request('/api/chart/court.csv?method=bayes&chart=court-articles')).text();
    // The data columns first (the export may add citation columns after them).
    expect(csv.split('\r\n')[0]).toMatch(/^month,group,label,value,unit(,|$)/);
  }, 60_000);

  it('complete records (every verdict long in): each method nowcasts exactly what is known', () => {
    // Cases received in 2023, each decided within two months; "now" a year after the last verdict.
    const received: number[] = [];
    const verdict: number[] = [];
    for (let m = 0; m < 12; m++)
      for (let k = 0; k <= m; k++) {
        const day = dayNumber(`2023-${String(m + 1).padStart(2, '0')}-10`);
        received.push(day);
        verdict.push(day + 20 + 10 * (k % 4));
      }
    for (const method of ['chainladder', 'baseline', 'bayes'] as const) {
      const v = runCourtTask({
        method,
        seed: 3,
        source: {
          origin: 'store',
          now: '2024-12-31',
          received: Int32Array.from(received),
          verdict: Int32Array.from(verdict),
          counts: { received: [], verdicts: [], byArticle: [], bySentence: [] },
        },
      });
      const in2023 = v.nowcast.periods.filter((p) => p.period < '2024-01-01');
      expect(in2023.map((p) => p.reported)).toEqual(Array.from({ length: 12 }, (_, m) => m + 1));
      for (const p of in2023) expect([p.estimate, p.lo95, p.hi95]).toEqual([p.reported, p.reported, p.reported]);
    }
  });
});
