import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importCourtFiles } from '../../src/ingest/court/import-court.ts';
import { type CourtListEntry, toSudrfRecords } from '../../src/ingest/court/sudrf-export.ts';
import { casesByArticle, listEntries, monthly, months, sourceSeries } from '../../src/sim/observe.ts';
import { freshStore } from '../support/stores.ts';
import { run } from '../sim/helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'df-court-rt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('round trip with the model: the simulated court list, exported as a SUDRFScraper dump, imports back to the same monthly counts', () => {
  it('cases received, verdicts, sentences and articles per month', async () => {
    const r = run({}, { keepEvents: true, agents: 12_000, end: '2023-12-31', seed: 11 });
    const entries: CourtListEntry[] = listEntries(r)
      .filter((e) => e.source === 'courts')
      .map((e) => ({
        personId: e.personId,
        unit: e.unit,
        received: String(e.fields.received_date),
        verdict: (e.fields.verdict_date as string | null) ?? null,
        article: String(e.fields.article),
        part: String(e.fields.part),
        sentence: (e.fields.sentence as CourtListEntry['sentence']) ?? null,
        category: String(e.fields.category),
      }));
    expect(entries.length).toBeGreaterThan(100);
    const dump = join(dir, 'sim.jsonl');
    writeFileSync(
      dump,
      toSudrfRecords(entries)
        .map((o) => JSON.stringify(o))
        .join('\n') + '\n',
    );

    const t = await freshStore('sqlite');
    try {
      const res = await importCourtFiles(t.store, [dump], { format: 'sudrfscraper', scrapedAt: '2024-01-15' });
      expect(res.rejected).toBe(0);
      expect(res.inserted).toBe(entries.length);
      expect(res.unknown.article).toBe(0);
      const S = sourceSeries(r);
      const ms = months(r).map((m) => m.month);
      const series = async (id: string, scope?: string) => {
        const obs = (await t.store.observations({ seriesId: id })).filter((o) => !scope || o.scope === scope);
        const byMonth = new Map(obs.map((o) => [o.periodStart!.slice(0, 7), o.value]));
        return ms.map((m) => byMonth.get(m) ?? 0);
      };
      expect(await series('court.import.cases_received_monthly')).toEqual(
        monthly(r, S['courts.casesReceived']!, false),
      );
      expect(await series('court.import.verdicts_monthly')).toEqual(monthly(r, S['courts.verdicts']!, false));
      expect(await series('court.import.sentences_monthly', 'sentence:suspended')).toEqual(
        monthly(r, S['courts.suspended']!, false),
      );
      expect(await series('court.import.sentences_monthly', 'sentence:prison')).toEqual(
        monthly(r, S['courts.prison']!, false),
      );
      // By article: the model's cases per article, summed over parts, against the defendants per article (one per case here).
      const byArticle = casesByArticle(r);
      for (const [article, daily] of Object.entries(byArticle)) {
        const obs = (await t.store.observations({ seriesId: 'court.import.defendants_by_article_monthly' })).filter(
          (o) => o.articles[0] === article,
        );
        const got = ms.map((m) => obs.filter((o) => o.periodStart!.startsWith(m)).reduce((s, o) => s + o.value, 0));
        expect(got).toEqual(monthly(r, daily, false));
      }
    } finally {
      await t.cleanup();
    }
  });
});
