import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { BadInputError } from '../../src/domain/errors.ts';
import { importCourtFiles } from '../../src/ingest/court/import-court.ts';
import type { DerivedQuery } from '../../src/store/court-records.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import { migrations } from '../../src/store/migrations/index.ts';
import { connect } from '../../src/store/connect.ts';
import { Store } from '../../src/store/index.ts';
import { courtNameEncoder, nameParts } from '../../src/ingest/court/linkage-encoding.ts';
import { nameHmac } from '../../src/ingest/court/pseudonym.ts';
import { ClkEncoder, toBase64 } from '../../src/linkage/encode.ts';
import { parseSchema } from '../../src/linkage/schema.ts';
import { freshStore } from '../support/stores.ts';
import { describeOnEngines } from '../support/services.ts';
import { CORPUS, corpusLines, expectedCases } from './corpus.ts';
import { generateRecord } from './corpus/generate.ts';
import { rawHandles } from '../../src/store/testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'df-court-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SECRET = Buffer.from('test secret, more than sixteen bytes');
const expected = expectedCases();

function tally<T>(xs: T[], key: (x: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[key(x)] = (out[key(x)] ?? 0) + 1;
  return out;
}

/** Everything in the court tables and the derived observations, for "nothing changed" checks. */
async function snapshot(store: Store): Promise<string> {
  const tables = ['court_cases', 'court_defendants', 'court_charges', 'court_scrapes'] as const;
  const parts: unknown[] = [];
  // imported_at is the wall clock of the import: everything else must match.
  for (const t of tables)
    parts.push(
      await rawHandles(store)
        .db.selectFrom(t)
        .selectAll()
        .execute()
        .then((rows) => rows.map((r) => JSON.stringify({ ...r, imported_at: undefined })).sort()),
    );
  parts.push((await store.observations()).filter((o) => o.seriesId.startsWith('court.import.')));
  return JSON.stringify(parts);
}

/** The counts the importer keeps (court_monthly_counts) are what the series' queries compute from the tables. */
async function expectKeptCounts(store: Store): Promise<void> {
  const rows = (qs: DerivedQuery[]) => qs.map((q) => ({ name: q.name, rows: q.rows }));
  expect(rows(await store.court.storedMonthlyCounts())).toEqual(rows(await store.court.monthlyCounts()));
}

function writeLines(name: string, lines: string[]): string {
  const f = join(dir, name);
  writeFileSync(f, lines.join('\n') + '\n');
  return f;
}

describeOnEngines('court records in the store (%s)', (engine) => {
  it('imports the corpus: summaries equal the expected classification; the same file again changes nothing', async () => {
    const t = await freshStore(engine);
    try {
      const r = await importCourtFiles(t.store, [CORPUS], {
        format: 'sudrfscraper',
        secret: SECRET,
        scrapedAt: '2025-06-01',
      });
      expect(r.inserted).toBe(expected.length);
      expect(r.rejected).toBe(0);
      const counts = await t.store.court.counts();
      expect(counts.cases).toBe(expected.length);
      expect(counts.defendants).toBe(expected.reduce((s, e) => s + e.defendants.length, 0));

      const byTier = await t.store.court.summary(['tier']);
      expect(Object.fromEntries(byTier.map((x) => [x.tier, x.cases]))).toEqual(tally(expected, (e) => e.tier));

      const byMonth = await t.store.court.summary(['month']);
      expect(Object.fromEntries(byMonth.map((x) => [x.month, x.cases]))).toEqual(
        tally(expected, (e) => e.entryDate!.slice(0, 7)),
      );

      // One row per (article, part); a defendant counts once under each article-part he is charged with.
      const byArticle = await t.store.court.summary(['article']);
      const want: Record<string, number> = {};
      for (const e of expected)
        for (const d of e.defendants)
          for (const k of new Set(d.charges.map((c) => `${c.article}|${c.part || 'unknown'}`)))
            want[k] = (want[k] ?? 0) + 1;
      expect(Object.fromEntries(byArticle.map((x) => [`${x.article}|${x.part}`, x.defendants]))).toEqual(want);

      const bySentence = await t.store.court.summary(['sentence', 'region']);
      const wantS = tally(
        expected.flatMap((e) => e.defendants.map((d) => ({ s: d.sentence.type, r: e.region }))),
        (x) => `${x.s}|${x.r}`,
      );
      expect(Object.fromEntries(bySentence.map((x) => [`${x.sentence}|${x.region}`, x.defendants]))).toEqual(wantS);

      // The derived series: monthly cases received, with the query as formula and the import as source.
      const obs = await t.store.observations({ seriesId: 'court.import.cases_received_monthly' });
      expect(Object.fromEntries(obs.map((o) => [o.periodStart!.slice(0, 7), o.value]))).toEqual(
        tally(expected, (e) => e.entryDate!.slice(0, 7)),
      );
      expect(obs.every((o) => o.derivation === 'derived' && /select/i.test(o.formula ?? ''))).toBe(true);
      const src = await t.store.source(obs[0]!.sourceId);
      expect(src?.organisation).toBe('darkfigure import');
      expect(src?.notes).toContain(r.files[0]!.fileHash);
      const verdicts = await t.store.observations({ seriesId: 'court.import.verdicts_monthly' });
      expect(verdicts.reduce((s, o) => s + o.value, 0)).toBe(expected.filter((e) => e.result === 'verdict').length);

      // The line list nowcasting takes.
      const lines = await t.store.court.lineList();
      expect(lines.length).toBe(expected.length);
      expect(lines.filter((l) => l.verdict).length).toBe(expected.filter((e) => e.result === 'verdict').length);

      await expectKeptCounts(t.store);
      const before = await snapshot(t.store);
      const again = await importCourtFiles(t.store, [CORPUS], {
        format: 'sudrfscraper',
        secret: SECRET,
        scrapedAt: '2025-07-01',
      });
      expect(again.files[0]!.alreadyImported).toBe(true);
      expect(await snapshot(t.store)).toBe(before);

      // The same records in another file (other bytes), scraped the same day: no case changes.
      const copy = join(dir, `copy-${engine}.jsonl`);
      writeFileSync(copy, corpusLines().join('\r\n'));
      const r2 = await importCourtFiles(t.store, [copy], {
        format: 'sudrfscraper',
        secret: SECRET,
        scrapedAt: '2025-06-01',
      });
      expect(r2).toMatchObject({ inserted: 0, updated: 0, unchanged: expected.length });
      const [casesBefore, ...restBefore] = JSON.parse(before) as unknown[][];
      const [casesAfter, ...restAfter] = JSON.parse(await snapshot(t.store)) as unknown[][];
      // Only the scrape that last listed each case moved on; defendants, charges and every count stay.
      expect(restAfter.slice(0, 2)).toEqual(restBefore.slice(0, 2));
      const noScrape = (rows: unknown[]) =>
        rows.map((r) => ({ ...(JSON.parse(r as string) as object), last_scrape: undefined }));
      expect(noScrape(casesAfter!)).toEqual(noScrape(casesBefore!));
      const values = (obs: unknown[]) => (obs as Array<{ id: string; value: number }>).map((o) => [o.id, o.value]);
      expect(values(restAfter[3]!)).toEqual(values(restBefore[3]!));
    } finally {
      await t.cleanup();
    }
  });

  it('merges re-scrapes by court and case number (or UID), keeps first/last seen, marks unlisted cases deleted', async () => {
    const t = await freshStore(engine);
    try {
      const base = corpusLines()
        .slice(0, 12)
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      // Same court for all, so that one full re-scrape covers them.
      const recs: Array<Record<string, unknown>> = base.map((o, i) => ({
        ...o,
        name: '235 гарнизонный военный суд',
        caseNumber: `1-${500 + i}/2023`,
        entryDate: `${String(i + 1).padStart(2, '0')}.03.2023`,
        caseUid: undefined,
      }));
      recs[0]!.caseUid = 'UID-A';
      const s1 = writeLines(
        `s1-${engine}.jsonl`,
        recs.map((o) => JSON.stringify(o)),
      );
      await importCourtFiles(t.store, [s1], { format: 'sudrfscraper', scrapedAt: '2024-01-10' });
      // Second scrape, full: record 1 gone, record 2 now has a verdict, record 0 printed with another number but the same UID.
      const second = recs.filter((_, i) => i !== 1).map((o) => ({ ...o }));
      second[0]!.caseNumber = '1-500/2023 (М-1)';
      second[1] = { ...second[1], decision: 'Вынесен ПРИГОВОР', resultDate: '20.04.2023', text: '' };
      const s2 = writeLines(
        `s2-${engine}.jsonl`,
        second.map((o) => JSON.stringify(o)),
      );
      const r2 = await importCourtFiles(t.store, [s2], {
        format: 'sudrfscraper',
        scrapedAt: '2024-02-10',
        fullScrape: true,
      });
      expect(r2.deleted).toBe(1);
      expect(r2.inserted).toBe(0);
      const rows = await rawHandles(t.store).db.selectFrom('court_cases').selectAll().orderBy('case_number').execute();
      expect(rows.length).toBe(12);
      const gone = rows.find((r) => r.case_number === '1-501/2023')!;
      expect(gone.deleted_at).toBe('2024-02-10');
      expect(gone.last_seen).toBe('2024-01-10');
      const uidCase = rows.find((r) => r.case_uid === 'UID-A')!;
      expect(uidCase.first_seen).toBe('2024-01-10');
      expect(uidCase.last_seen).toBe('2024-02-10');
      const decided = rows.find((r) => r.case_number === recs[2]!.caseNumber)!;
      expect(decided.result).toBe('verdict');
      expect(decided.first_seen).toBe('2024-01-10');
      // The deleted case is still counted (deletions are a finding, not a correction).
      expect((await t.store.court.counts()).deleted).toBe(1);
      // Listed again later: the deleted mark goes.
      const s3 = writeLines(`s3-${engine}.jsonl`, [JSON.stringify(recs[1])]);
      await importCourtFiles(t.store, [s3], { format: 'sudrfscraper', scrapedAt: '2024-03-10' });
      const back = await rawHandles(t.store)
        .db.selectFrom('court_cases')
        .selectAll()
        .where('case_number', '=', '1-501/2023')
        .executeTakeFirstOrThrow();
      expect(back.deleted_at).toBeNull();
      expect(back.last_seen).toBe('2024-03-10');
      // Replaced, renumbered and re-listed cases: the kept counts still equal a recount.
      await expectKeptCounts(t.store);
    } finally {
      await t.cleanup();
    }
  });

  it('fails on bad records with their lines (nothing written), or skips them into a rejects file', async () => {
    const t = await freshStore(engine);
    try {
      const lines = corpusLines().slice(0, 20);
      lines.splice(5, 0, '{not json');
      lines.splice(9, 0, JSON.stringify({ ...JSON.parse(lines[9]!), entryDate: '32.13.2023' }));
      const f = writeLines(`bad-${engine}.jsonl`, lines);
      const err = await importCourtFiles(t.store, [f], { format: 'sudrfscraper' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BadInputError);
      expect((err as BadInputError).issues.map((i) => [i.line, i.field ?? null])).toEqual([
        [6, null],
        [10, 'entryDate'],
      ]);
      expect((await t.store.court.counts()).cases).toBe(0);
      expect(await t.store.observations({ seriesId: 'court.import.cases_received_monthly' })).toEqual([]);

      const rejects = join(dir, `rejects-${engine}.jsonl`);
      const r = await importCourtFiles(t.store, [f], {
        format: 'sudrfscraper',
        onError: 'skip',
        rejectsFile: () => rejects,
      });
      expect(r.rejected).toBe(2);
      expect(r.inserted).toBe(20);
      const rej = readFileSync(rejects, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { line: number; raw: string });
      expect(rej.map((x) => x.line)).toEqual([6, 10]);
      // Rejects hold redacted records: letters of an unparseable line are masked (issue #19).
      expect(rej[0]!.raw).toBe('{* *');
    } finally {
      await t.cleanup();
    }
  });
});

describe('bulk load (SQLite)', () => {
  it('stores exactly what the ordinary path stores, repeats and renumbered cases within one file included', async () => {
    const a = await freshStore('sqlite');
    const b = await freshStore('sqlite');
    try {
      const lines = corpusLines();
      const objs = lines.slice(0, 40).map((l) => JSON.parse(l) as Record<string, unknown>);
      // Later in the same file: a case listed again with a verdict, and a case printed with another number but its UID.
      const withUid = objs.find((o) => o.caseUid)!;
      const extra = [
        JSON.stringify({ ...objs[3], decision: 'Вынесен ПРИГОВОР', resultDate: '20.04.2025', text: '' }),
        JSON.stringify({
          ...withUid,
          caseNumber: `${String(withUid.caseNumber)} (М-1)`,
          decision: 'Прекращено уголовное дело',
        }),
      ];
      // Over one read chunk (1 MiB) of filler, so that the repeats land in a later batch than their first listing.
      const filler = Array.from({ length: 2500 }, (_, i) =>
        JSON.stringify(generateRecord(10_000 + i, { textShare: 0.3 }).json),
      );
      const f = writeLines('bulk.jsonl', [...lines, ...filler, ...extra]);
      const ra = await importCourtFiles(a.store, [f], {
        format: 'sudrfscraper',
        secret: SECRET,
        scrapedAt: '2025-06-01',
        bulk: false,
      });
      const rb = await importCourtFiles(b.store, [f], {
        format: 'sudrfscraper',
        secret: SECRET,
        scrapedAt: '2025-06-01',
        bulk: true,
      });
      expect(ra).toMatchObject({ inserted: lines.length + filler.length, updated: 2, rejected: 0 });
      expect(rb).toEqual(ra);
      expect(await snapshot(b.store)).toBe(await snapshot(a.store));
      await expectKeptCounts(b.store);
      // The key indexes are back: a second case with a stored key is refused by the store itself.
      expect(() =>
        rawHandles(b.store).sqlite!.prepare('insert into court_cases select * from court_cases limit 1').run(),
      ).toThrow(/UNIQUE/);
      expect(String(rawHandles(b.store).sqlite!.pragma('journal_mode', { simple: true }))).toBe('wal');
      // A bulk load that fails leaves nothing, indexes included.
      const bad = writeLines('bulk-bad.jsonl', [...lines.slice(0, 10), '{not json']);
      const c = await freshStore('sqlite');
      try {
        await expect(importCourtFiles(c.store, [bad], { format: 'sudrfscraper', bulk: true })).rejects.toBeInstanceOf(
          BadInputError,
        );
        expect((await c.store.court.counts()).cases).toBe(0);
        const idx = rawHandles(c.store)
          .sqlite!.prepare(
            "select name from sqlite_master where type = 'index' and tbl_name = 'court_cases' order by name",
          )
          .pluck()
          .all();
        expect(idx).toEqual(['court_cases_key', 'court_cases_uid']);
      } finally {
        await c.cleanup();
      }
    } finally {
      await a.cleanup();
      await b.cleanup();
    }
  });

  it('migration 003 upgrades a store with cases: key index renamed, counts filled from the stored cases', async () => {
    const t = await freshStore('sqlite');
    const url = t.url;
    try {
      await importCourtFiles(t.store, [CORPUS], { format: 'sudrfscraper', secret: SECRET, scrapedAt: '2025-06-01' });
      const want = await t.store.court.monthlyCounts();
      await t.store.close();
      // Back to the 002 schema, cases kept: inline UNIQUE key, no counts table, 003 not applied.
      const c = await connect({ url });
      const raw = c.sqlite!;
      raw.exec(`drop table court_monthly_counts; drop index court_cases_key; delete from darkfigure_migrations where name = '003-court-bulk';
        create table old_cases as select * from court_cases; drop table court_cases;`);
      // The case table as migration 002 made it.
      raw.exec(`create table court_cases (id integer primary key, case_key text not null unique, court text not null, court_tier text not null, region text,
        case_number text not null, case_uid text, judge text, date_received text, date_result text, date_in_force text, decision text not null, result text not null,
        text_redacted text, text_available integer not null, defendants integer not null, first_seen text not null, last_seen text not null, deleted_at text,
        last_scrape text not null, content_hash text not null);
        create index court_cases_uid on court_cases (case_uid) where case_uid is not null;
        insert into court_cases select id, case_key, court, court_tier, region, case_number, case_uid, judge, date_received, date_result, date_in_force, decision,
          result, text_redacted, text_available, defendants, first_seen, last_seen, deleted_at, last_scrape, content_hash from old_cases; drop table old_cases;`);
      expect(await migrateToLatest(c.db as unknown as Kysely<unknown>, 'sqlite', migrations)).toEqual([
        '003-court-bulk',
      ]);
      await c.db.destroy();
      const s = await Store.open({ url });
      t.store = s;
      expect((await s.court.storedMonthlyCounts()).map((q) => q.rows)).toEqual(want.map((q) => q.rows));
      expect((await s.court.counts()).cases).toBe(expected.length);
    } finally {
      await t.cleanup();
    }
  });
});

describe('worker threads', () => {
  it('classifying on a worker thread stores exactly what the in-process path stores, and reports the same bad lines', async () => {
    const a = await freshStore('sqlite');
    const b = await freshStore('sqlite');
    try {
      await importCourtFiles(a.store, [CORPUS], {
        format: 'sudrfscraper',
        secret: SECRET,
        scrapedAt: '2025-06-01',
        workers: 0,
      });
      await importCourtFiles(b.store, [CORPUS], {
        format: 'sudrfscraper',
        secret: SECRET,
        scrapedAt: '2025-06-01',
        workers: 1,
      });
      expect(await snapshot(b.store)).toBe(await snapshot(a.store));
      const lines = corpusLines().slice(0, 30);
      lines.splice(7, 0, '{"name": "x"}');
      const f = writeLines('bad-workers.jsonl', lines);
      const err = (await importCourtFiles(b.store, [f], { format: 'sudrfscraper', workers: 1 }).catch(
        (e: unknown) => e,
      )) as BadInputError;
      expect(err.issues.map((i) => [i.line, i.field])).toEqual([[8, 'caseNumber']]);
    } finally {
      await a.cleanup();
      await b.cleanup();
    }
  });
});

const LINKAGE_SECRET = Buffer.from('the linkage secret shared by list holders');
const nameFeature = (identifier: string) => ({
  identifier,
  format: { type: 'string', encoding: 'utf-8', maxLength: 60 },
  hashing: {
    comparison: { type: 'ngram', n: 2 },
    strategy: { bitsPerFeature: 100 },
    hash: { type: 'blakeHash' },
    missingValue: { sentinel: '', replaceWith: '' },
  },
});
const LINKAGE_SCHEMA = {
  version: 3,
  clkConfig: {
    l: 1024,
    kdf: {
      type: 'HKDF',
      hash: 'SHA256',
      salt: 'SCbL2zHNnmsckfzchsNkZY9XoHk96P/G5nUBrM7ybymlEFsMV6PAeDZCNp3rfNUPCtLDMOGQHG4pCQpfhiHCyA==',
      info: 'c2NoZW1hX2V4YW1wbGU=',
      keySize: 64,
    },
  },
  features: [nameFeature('lastName'), nameFeature('firstName'), nameFeature('middleNames')],
};
const hashed_count = () => expected.reduce((n, e) => n + e.defendants.filter((d) => d.name).length, 0);

describe('privacy', () => {
  it('no defendant name appears in the database file (searched byte by byte), texts kept and redacted', async () => {
    const t = await freshStore('sqlite');
    let closed = false;
    try {
      await importCourtFiles(t.store, [CORPUS], {
        format: 'sudrfscraper',
        secret: SECRET,
        keepText: true,
        scrapedAt: '2025-06-01',
        linkage: { schema: LINKAGE_SCHEMA, secret: LINKAGE_SECRET },
      });
      // The linkage encoding is the linkage engineer's clkhash encoder applied to the name's parts.
      const clks = await rawHandles(t.store)
        .db.selectFrom('court_defendants')
        .select(['name_clk', 'name_hmac'])
        .where('name_clk', 'is not', null)
        .execute();
      expect(clks.length).toBe(hashed_count());
      const first = expected.flatMap((e) => e.defendants).find((d) => d.name)!;
      const p = nameParts(first.name);
      const direct = toBase64(
        new ClkEncoder(parseSchema(LINKAGE_SCHEMA), LINKAGE_SECRET).encode([p.surname, p.given, p.patronymic]),
      );
      expect(clks.some((c) => c.name_clk === direct && c.name_hmac === nameHmac(SECRET, first.name))).toBe(true);
      const kept = await rawHandles(t.store)
        .db.selectFrom('court_cases')
        .select('text_redacted')
        .where('text_redacted', 'is not', null)
        .execute();
      expect(kept.length).toBeGreaterThan(100);
      const hashed = await rawHandles(t.store)
        .db.selectFrom('court_defendants')
        .select('name_hmac')
        .where('name_hmac', 'is not', null)
        .execute();
      expect(hashed.length).toBe(hashed_count());
      expect(courtNameEncoder(LINKAGE_SCHEMA, LINKAGE_SECRET)('Варнолов Е.М.')).toMatch(/^[A-Za-z0-9+/]+=*$/);
      await t.store.close();
      closed = true;
      const bytes = Buffer.concat([t.url, `${t.url}-wal`].filter(existsSync).map((f) => readFileSync(f)));
      const names = expected.flatMap((e) => e.defendants.map((d) => d.name)).filter(Boolean);
      expect(names.length).toBeGreaterThan(300);
      const found: string[] = [];
      for (const n of names) {
        const surname = n.split(' ')[0]!;
        for (const needle of [n, surname, surname.slice(0, -1)]) {
          if (bytes.includes(Buffer.from(needle, 'utf8'))) found.push(needle);
          if (bytes.includes(Buffer.from(needle.toUpperCase(), 'utf8'))) found.push(needle.toUpperCase());
        }
      }
      expect(found).toEqual([]);
      // The search itself works: the judges' names, which are public, are there.
      expect(bytes.includes(Buffer.from('Судейская', 'utf8'))).toBe(true);
    } finally {
      if (!closed) await t.store.close();
      rmSync(join(t.url, '..'), { recursive: true, force: true });
    }
  });
});
