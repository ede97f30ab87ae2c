import { CompiledQuery, PostgresAdapter, sql } from 'kysely';
import SqliteDatabase from 'better-sqlite3';
import type { Observation, Source } from '../domain/index.ts';
import { observationToRow, sourceToRow } from './rows.ts';
import type {
  CourtCasesTable,
  CourtChargesTable,
  CourtDefendantsTable,
  CourtScrapesTable,
  Database,
} from './schema.ts';
import { type CourtTally, untallyStored } from './court-tally.ts';
import type { Db } from './handles.ts';

// Access to the court tables (migration 002). The ingest side hands in table rows; nothing here knows
// how a record was classified, and no function here ever sees a name in clear.

export type CourtDb = Db;

/** A case as the importer built it: its id and the history columns are placeholders, which the merge fills in. */
export type CourtCaseRow = CourtCasesTable;

export interface CourtCaseInput {
  case: CourtCaseRow;
  defendants: CourtDefendantsTable[];
  charges: CourtChargesTable[];
}

export interface MergeCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

// Bound parameters per statement: SQLite allows 32,766, PostgreSQL 65,535.
const PARAMS = 30_000;
const sqlCache = new Map<string, string>();

// On SQLite the import writes through better-sqlite3's own prepared statements, each prepared once:
// through the query builder every statement was prepared anew (a 30,000-parameter INSERT costs more to
// prepare than to run) and each call crossed several promise layers.
type Raw = SqliteDatabase.Database;
const statements = new WeakMap<Raw, Map<string, SqliteDatabase.Statement>>();
function prepared(raw: Raw, text: string): SqliteDatabase.Statement {
  let m = statements.get(raw);
  if (!m) statements.set(raw, (m = new Map()));
  let st = m.get(text);
  if (!st) {
    if (m.size > 64) m.clear();
    m.set(text, (st = raw.prepare(text)));
  }
  return st;
}

// Rows per multi-row INSERT on SQLite: enough to amortise the call, small enough to prepare once cheaply.
const SQLITE_ROWS = 64;

function insertText(pg: boolean, table: string, columns: string[], rows: number): string {
  const cacheKey = `${pg ? 'pg' : 'sqlite'}|${table}|${columns.join(',')}|${rows}`;
  let text = sqlCache.get(cacheKey);
  if (!text) {
    let n = 0;
    const tuple = () => `(${columns.map(() => (pg ? `$${++n}` : '?')).join(',')})`;
    text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(',')}) values ${Array.from({ length: rows }, tuple).join(',')}`;
    if (sqlCache.size > 64) sqlCache.clear();
    sqlCache.set(cacheKey, text);
  }
  return text;
}

/**
 * Multi-row INSERT with a statement text built once per (table, columns, row count): on a million-case
 * import the query builder's per-row work was a large share of the time. Values go as bound parameters.
 */
async function insertRows<T extends keyof Database>(
  db: CourtDb,
  table: T,
  rows: Database[T][],
  raw: Raw | null = null,
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object);
  const all = rows as unknown as Array<Record<string, unknown>>;
  if (raw) {
    const width = columns.length;
    let i = 0;
    const full = prepared(raw, insertText(false, table, columns, SQLITE_ROWS));
    const params: unknown[] = new Array(SQLITE_ROWS * width);
    for (; i + SQLITE_ROWS <= all.length; i += SQLITE_ROWS) {
      let k = 0;
      for (let j = i; j < i + SQLITE_ROWS; j++) {
        const r = all[j]!;
        for (let c = 0; c < width; c++) params[k++] = r[columns[c]!];
      }
      full.run(params);
    }
    if (i < all.length) {
      const one = prepared(raw, insertText(false, table, columns, 1));
      const p1: unknown[] = new Array(width);
      for (; i < all.length; i++) {
        const r = all[i]!;
        for (let c = 0; c < width; c++) p1[c] = r[columns[c]!];
        one.run(p1);
      }
    }
    return;
  }
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const per = Math.max(1, Math.floor(PARAMS / columns.length));
  for (let i = 0; i < all.length; i += per) {
    const part = all.slice(i, i + per);
    const text = insertText(pg, table, columns, part.length);
    const params: unknown[] = new Array(part.length * columns.length);
    let k = 0;
    for (const r of part) for (const c of columns) params[k++] = r[c];
    await db.executeQuery(CompiledQuery.raw(text, params));
  }
}

function chunks<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/**
 * Keys and UIDs of the cases a bulk load has written so far, for a load into an empty case table with its
 * key indexes dropped (see dropCaseKeyIndexes): lookups go here instead of to the indexes.
 */
export interface KeyMemo {
  keys: Map<string, number>;
  uids: Map<string, number>;
}

export interface MergeOptions {
  /** The store's better-sqlite3 connection; null or absent goes through Kysely (PostgreSQL). */
  raw?: Raw | null;
  /** Receives the count changes of every case written or replaced (the monthly series). */
  tally?: CourtTally;
  /** Bulk load (SQLite): cases of this import are found here, not through the dropped key indexes. */
  memo?: KeyMemo;
}

type StoredCase = {
  id: number;
  case_key: string;
  case_uid: string | null;
  content_hash: string;
  first_seen: string;
  last_seen: string;
};
const STORED = 'select id, case_key, case_uid, content_hash, first_seen, last_seen from court_cases';

/** Stored cases by key (or by UID), however this store finds them. */
async function findStored(
  db: CourtDb,
  by: 'case_key' | 'case_uid',
  values: string[],
  opts: MergeOptions,
): Promise<Map<string, StoredCase>> {
  const out = new Map<string, StoredCase>();
  if (values.length === 0) return out;
  const { raw, memo } = opts;
  if (raw && memo) {
    const get = prepared(raw, `${STORED} where id = ?`);
    const ids = by === 'case_key' ? memo.keys : memo.uids;
    for (const v of values) {
      const id = ids.get(v);
      const r = id === undefined ? undefined : (get.get(id) as StoredCase | undefined);
      // A UID a replaced case no longer carries is stale: the index would not find it either.
      if (r && r[by] === v) out.set(v, { ...r, id: Number(r.id) });
    }
  } else if (raw) {
    // One statement per batch: the index probes run inside SQLite, not one call per key.
    const q = prepared(
      raw,
      `select c.id, c.case_key, c.case_uid, c.content_hash, c.first_seen, c.last_seen from json_each(?) j join court_cases c on c.${by} = j.value`,
    );
    for (const r of q.all(JSON.stringify(values)) as StoredCase[]) out.set(r[by]!, { ...r, id: Number(r.id) });
  } else
    for (const part of chunks(values, 5000)) {
      const rows = await db
        .selectFrom('court_cases')
        .select(['id', 'case_key', 'case_uid', 'content_hash', 'first_seen', 'last_seen'])
        .where(by, 'in', part)
        .execute();
      for (const r of rows) out.set(r[by]!, { ...r, id: Number(r.id) });
    }
  return out;
}

/**
 * Merge one batch of scraped cases into the store (the batch's objects are filled in and written as they are), as seen on `seen.date` by scrape `seen.scrape`.
 * Same court and case number (or the same case UID) is the same case: it keeps its first-seen date, gets
 * the later last-seen date, loses any deleted mark, and takes the newer scrape's content if it changed.
 */
export async function mergeCourtCases(
  db: CourtDb,
  batch: CourtCaseInput[],
  seen: { date: string; scrape: string },
  opts: MergeOptions = {},
): Promise<MergeCounts> {
  const raw = opts.raw ?? null;
  // Within a batch the last listing of a case wins (one upsert per key).
  const byKey = new Map<string, CourtCaseInput>();
  for (const c of batch) byKey.set(c.case.case_key, c);
  const stored = await findStored(db, 'case_key', [...byKey.keys()], opts);
  // Not found by key: the UID may name a stored case whose number was printed differently.
  const uids = [...byKey.values()]
    .filter((c) => !stored.has(c.case.case_key) && c.case.case_uid)
    .map((c) => c.case.case_uid!);
  if (uids.length) {
    const byUid = await findStored(db, 'case_uid', uids, opts);
    for (const [key, c] of [...byKey]) {
      const hit = c.case.case_uid ? byUid.get(c.case.case_uid) : undefined;
      if (!hit || hit.case_key === key) continue;
      byKey.delete(key);
      byKey.set(hit.case_key, { ...c, case: { ...c.case, case_key: hit.case_key } });
      stored.set(hit.case_key, hit);
    }
  }
  const fresh: CourtCaseInput[] = [];
  const replace: Array<{ input: CourtCaseInput; id: number; first: string; last: string }> = [];
  const touch: number[] = [];
  for (const [key, c] of byKey) {
    const s = stored.get(key);
    if (!s) fresh.push(c);
    else if (s.content_hash !== c.case.content_hash && seen.date >= s.last_seen)
      replace.push({ input: c, id: s.id, first: s.first_seen < seen.date ? s.first_seen : seen.date, last: seen.date });
    else touch.push(s.id);
  }
  // New cases take ids after the largest stored one (one writer at a time: the import is one transaction).
  // Read before the replaced rows go: a replaced case keeps its id, and if it held the largest one, a
  // maximum read after its deletion would hand that id to a new case too (UNIQUE constraint failed).
  let nextId = fresh.length
    ? Number(
        (
          await db
            .selectFrom('court_cases')
            .select((eb) => eb.fn.max('id').as('m'))
            .executeTakeFirst()
        )?.m ?? 0,
      ) + 1
    : 0;
  if (replace.length) {
    const ids = replace.map((r) => r.id);
    if (opts.tally) await untallyStored(db, ids, opts.tally);
    if (raw) {
      const dels = ['court_charges', 'court_defendants'].map((t) =>
        prepared(raw, `delete from ${t} where case_id = ?`),
      );
      const delCase = prepared(raw, 'delete from court_cases where id = ?');
      for (const id of ids) {
        for (const d of dels) d.run(id);
        delCase.run(id);
      }
    } else
      for (const part of chunks(ids, 5000)) {
        await db.deleteFrom('court_charges').where('case_id', 'in', part).execute();
        await db.deleteFrom('court_defendants').where('case_id', 'in', part).execute();
        await db.deleteFrom('court_cases').where('id', 'in', part).execute();
      }
  }
  const written = [...fresh.map((c) => ({ input: c, id: nextId++, first: seen.date, last: seen.date })), ...replace];
  // The batch's row objects are the caller's to give up: fill in ids and history in place (no copies,
  // which on a million cases were a good part of the garbage collector's work).
  const caseRows: CourtCasesTable[] = [];
  const defendantRows: CourtDefendantsTable[] = [];
  const chargeRows: CourtChargesTable[] = [];
  for (const w of written) {
    const row = w.input.case;
    row.id = w.id;
    row.first_seen = w.first;
    row.last_seen = w.last;
    row.deleted_at = null;
    row.last_scrape = seen.scrape;
    caseRows.push(row);
    for (const d of w.input.defendants) {
      d.case_id = w.id;
      defendantRows.push(d);
    }
    for (const ch of w.input.charges) {
      ch.case_id = w.id;
      chargeRows.push(ch);
    }
    opts.tally?.addCase(
      row,
      w.input.defendants.map((d) => d.sentence),
      w.input.charges,
      1,
    );
    if (opts.memo) {
      opts.memo.keys.set(row.case_key, w.id);
      if (row.case_uid) opts.memo.uids.set(row.case_uid, w.id);
    }
  }
  await insertRows(db, 'court_cases', caseRows, raw);
  await insertRows(db, 'court_defendants', defendantRows, raw);
  await insertRows(db, 'court_charges', chargeRows, raw);
  if (raw && touch.length) {
    const upd = prepared(
      raw,
      'update court_cases set last_scrape = ?, deleted_at = null, first_seen = case when first_seen > ? then ? else first_seen end, ' +
        'last_seen = case when last_seen < ? then ? else last_seen end where id = ?',
    );
    for (const id of touch) upd.run(seen.scrape, seen.date, seen.date, seen.date, seen.date, id);
  } else
    for (const part of chunks(touch, 5000)) {
      await db
        .updateTable('court_cases')
        .set({
          last_scrape: seen.scrape,
          deleted_at: null,
          first_seen: sql<string>`case when first_seen > ${seen.date} then ${seen.date} else first_seen end`,
          last_seen: sql<string>`case when last_seen < ${seen.date} then ${seen.date} else last_seen end`,
        })
        .where('id', 'in', part)
        .execute();
    }
  return { inserted: fresh.length, updated: replace.length, unchanged: touch.length };
}

/**
 * Bulk load into an empty case table (SQLite, inside the import's transaction): the two key indexes go,
 * and come back, built in one sorted pass, from restoreCaseKeyIndexes. Inserting a million random keys
 * into them one by one cost more than writing the rows. Rolled back with the transaction on failure.
 */
export function dropCaseKeyIndexes(raw: Raw): KeyMemo {
  raw.exec('drop index court_cases_key; drop index court_cases_uid;');
  // Rows now only append: a big page cache would hold nothing worth keeping (the memo holds the keys).
  raw.pragma('cache_size = -32768');
  return { keys: new Map(), uids: new Map() };
}

export function restoreCaseKeyIndexes(raw: Raw): void {
  raw.exec(
    'create unique index court_cases_key on court_cases (case_key); create index court_cases_uid on court_cases (case_uid) where case_uid is not null;',
  );
}

export async function caseTableEmpty(db: CourtDb): Promise<boolean> {
  return (await db.selectFrom('court_cases').select('id').limit(1).executeTakeFirst()) === undefined;
}

/**
 * After a full re-scrape of some courts, each over [from, to] (dates received): every stored case of those
 * courts and periods that this scrape did not list is marked deleted on `date` (kept, not removed).
 * One pass over the table for all courts (no index on court: it would cost every import, this only full ones).
 */
export async function markUnlistedDeleted(
  db: CourtDb,
  spans: Array<{ court: string; from: string; to: string }>,
  scrape: string,
  date: string,
): Promise<number> {
  if (spans.length === 0) return 0;
  let total = 0;
  for (const part of chunks(spans, 200)) {
    const r = await db
      .updateTable('court_cases')
      .set({ deleted_at: date })
      .where('last_scrape', '<>', scrape)
      .where('deleted_at', 'is', null)
      .where((eb) =>
        eb.or(
          part.map((s) =>
            eb.and([eb('court', '=', s.court), eb('date_received', '>=', s.from), eb('date_received', '<=', s.to)]),
          ),
        ),
      )
      .executeTakeFirst();
    total += Number(r.numUpdatedRows);
  }
  return total;
}

export async function scrapeImported(db: CourtDb, fileHash: string): Promise<boolean> {
  return (
    (await db.selectFrom('court_scrapes').select('file_hash').where('file_hash', '=', fileHash).executeTakeFirst()) !==
    undefined
  );
}

export async function recordScrape(db: CourtDb, row: CourtScrapesTable): Promise<void> {
  await db.insertInto('court_scrapes').values(row).execute();
}

// One number per defendant (a case never lists a thousand defendants), for counting distinct defendants.
const DEFENDANT = sql`d.case_id * 1000 + d.idx`;

export const SUMMARY_DIMENSIONS = ['month', 'article', 'sentence', 'tier', 'region'] as const;
export type SummaryDimension = (typeof SUMMARY_DIMENSIONS)[number];
export type SummaryRow = Record<string, string | number>;

/**
 * Cases and defendants grouped by the chosen dimensions. Month is the month the court received the case.
 * Grouping by article gives one row per (article, part): a defendant charged under it counts once.
 */
export async function courtSummary(db: CourtDb, by: SummaryDimension[]): Promise<SummaryRow[]> {
  const keys: Array<{ name: string; expr: ReturnType<typeof sql<string>> }> = [];
  for (const d of by) {
    if (d === 'month')
      keys.push({ name: 'month', expr: sql<string>`coalesce(substr(c.date_received, 1, 7), 'unknown')` });
    if (d === 'article') {
      keys.push({ name: 'article', expr: sql<string>`ch.article` });
      keys.push({ name: 'part', expr: sql<string>`case when ch.part = '' then 'unknown' else ch.part end` });
    }
    if (d === 'sentence') keys.push({ name: 'sentence', expr: sql<string>`d.sentence` });
    if (d === 'tier') keys.push({ name: 'tier', expr: sql<string>`c.court_tier` });
    if (d === 'region') keys.push({ name: 'region', expr: sql<string>`coalesce(c.region, 'unknown')` });
  }
  let q = db.selectFrom('court_cases as c').innerJoin('court_defendants as d', 'd.case_id', 'c.id');
  if (by.includes('article'))
    q = q.innerJoin('court_charges as ch', (j) =>
      j.onRef('ch.case_id', '=', 'd.case_id').onRef('ch.idx', '=', 'd.idx'),
    );
  let sel = q.select([
    sql<number | string>`count(distinct c.id)`.as('cases'),
    sql<number | string>`count(distinct ${DEFENDANT})`.as('defendants'),
    ...keys.map((k) => k.expr.as(k.name)),
  ]);
  for (const k of keys) sel = sel.groupBy(k.expr).orderBy(k.expr);
  const rows = (await sel.execute()) as Array<Record<string, unknown>>;
  return rows.map((r) => {
    const out: SummaryRow = {};
    for (const k of keys) out[k.name] = String(r[k.name]);
    out.cases = Number(r.cases);
    out.defendants = Number(r.defendants);
    return out;
  });
}

/** The line list nowcasting takes: each case's received date and, once decided, its verdict date. */
export async function courtLineList(
  db: CourtDb,
): Promise<Array<{ received: string; verdict: string | null; tier: string }>> {
  const rows = await db
    .selectFrom('court_cases')
    .select(['date_received', 'date_result', 'result', 'court_tier'])
    .where('date_received', 'is not', null)
    .orderBy('date_received')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    received: r.date_received!,
    verdict: r.result === 'verdict' ? r.date_result : null,
    tier: r.court_tier,
  }));
}

export interface CourtCounts {
  cases: number;
  defendants: number;
  charges: number;
  deleted: number;
}

export async function courtCounts(db: CourtDb): Promise<CourtCounts> {
  const one = async (t: 'court_cases' | 'court_defendants' | 'court_charges') =>
    Number(
      (
        await db
          .selectFrom(t)
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const deleted = await db
    .selectFrom('court_cases')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('deleted_at', 'is not', null)
    .executeTakeFirstOrThrow();
  return {
    cases: await one('court_cases'),
    defendants: await one('court_defendants'),
    charges: await one('court_charges'),
    deleted: Number(deleted.n),
  };
}

/** One monthly count behind a derived series, with the SQL that produced it. */
export interface MonthlyCount {
  /** The group within the series ("" for a plain total; "337|5", "suspended", "garrison", a region). */
  group: string;
  month: string;
  value: number;
}

export interface DerivedQuery {
  name: string;
  formula: string;
  rows: MonthlyCount[];
}

/** The queries behind the court series, by series key (COURT_SERIES): grp, month, n. */
function countQueries(db: CourtDb) {
  const received = sql<string>`substr(c.date_received, 1, 7)`;
  const decided = sql<string>`substr(c.date_result, 1, 7)`;
  const queries = {
    cases_received: db
      .selectFrom('court_cases as c')
      .select([sql<string>`''`.as('grp'), received.as('month'), sql<number | string>`count(*)`.as('n')])
      .where('c.date_received', 'is not', null)
      .groupBy(received),
    verdicts: db
      .selectFrom('court_cases as c')
      .select([sql<string>`''`.as('grp'), decided.as('month'), sql<number | string>`count(*)`.as('n')])
      .where('c.result', '=', 'verdict')
      .where('c.date_result', 'is not', null)
      .groupBy(decided),
    defendants_by_article: db
      .selectFrom('court_cases as c')
      .innerJoin('court_defendants as d', 'd.case_id', 'c.id')
      .innerJoin('court_charges as ch', (j) => j.onRef('ch.case_id', '=', 'd.case_id').onRef('ch.idx', '=', 'd.idx'))
      .select([
        sql<string>`ch.article || '|' || ch.part`.as('grp'),
        received.as('month'),
        sql<number | string>`count(distinct ${DEFENDANT})`.as('n'),
      ])
      .where('c.date_received', 'is not', null)
      .groupBy([sql`ch.article || '|' || ch.part`, received]),
    sentences: db
      .selectFrom('court_cases as c')
      .innerJoin('court_defendants as d', 'd.case_id', 'c.id')
      .select([sql<string>`d.sentence`.as('grp'), decided.as('month'), sql<number | string>`count(*)`.as('n')])
      .where('c.result', '=', 'verdict')
      .where('c.date_result', 'is not', null)
      .groupBy([sql`d.sentence`, decided]),
    cases_by_tier: db
      .selectFrom('court_cases as c')
      .select([sql<string>`c.court_tier`.as('grp'), received.as('month'), sql<number | string>`count(*)`.as('n')])
      .where('c.date_received', 'is not', null)
      .groupBy([sql`c.court_tier`, received]),
    cases_by_region: db
      .selectFrom('court_cases as c')
      .select([
        sql<string>`coalesce(c.region, 'unknown')`.as('grp'),
        received.as('month'),
        sql<number | string>`count(*)`.as('n'),
      ])
      .where('c.date_received', 'is not', null)
      .groupBy([sql`coalesce(c.region, 'unknown')`, received]),
  };
  return queries;
}

/** The query as it can be run as it stands: its bound values written in. It is the formula of the series. */
function formulaOf(q: { compile(): { sql: string; parameters: readonly unknown[] } }): string {
  const compiled = q.compile();
  let i = 0;
  return compiled.sql.replace(/\?|\$\d+/g, () => `'${String(compiled.parameters[i++]).replace(/'/g, "''")}'`);
}

const byGroupMonth = (a: MonthlyCount, b: MonthlyCount) => (a.group + a.month < b.group + b.month ? -1 : 1);

/** The monthly counts the court series are made of, computed from the case tables; each with its query text, which is its formula. */
export async function monthlyCourtCounts(db: CourtDb): Promise<DerivedQuery[]> {
  const out: DerivedQuery[] = [];
  for (const [name, q] of Object.entries(countQueries(db))) {
    const rows = await q.execute();
    out.push({
      name,
      formula: formulaOf(q),
      rows: rows.map((r) => ({ group: String(r.grp), month: String(r.month), value: Number(r.n) })).sort(byGroupMonth),
    });
  }
  return out;
}

/**
 * The same counts as monthlyCourtCounts, read from court_monthly_counts, which every import keeps up to
 * date (a few thousand rows instead of three scans of the case tables).
 */
export async function storedMonthlyCourtCounts(db: CourtDb): Promise<DerivedQuery[]> {
  const rows = await db.selectFrom('court_monthly_counts').select(['series', 'grp', 'month', 'n']).execute();
  const out: DerivedQuery[] = [];
  for (const [name, q] of Object.entries(countQueries(db)))
    out.push({
      name,
      formula: formulaOf(q),
      rows: rows
        .filter((r) => r.series === name)
        .map((r) => ({ group: r.grp, month: r.month, value: Number(r.n) }))
        .sort(byGroupMonth),
    });
  return out;
}

/**
 * Replace the observations of the given (court-import) series by a new set, with their source, in one
 * transaction: derived series are recomputed from the whole case table, so old rows go.
 */
export async function replaceDerivedObservations(
  db: CourtDb,
  seriesIds: string[],
  source: Source,
  observations: Observation[],
): Promise<{ removed: number; written: number }> {
  const have = await db.selectFrom('sources').select('id').where('id', '=', source.id).executeTakeFirst();
  if (!have) await db.insertInto('sources').values(sourceToRow(source)).execute();
  let removed = 0;
  if (seriesIds.length) {
    const r = await db.deleteFrom('observations').where('series_id', 'in', seriesIds).executeTakeFirst();
    removed = Number(r.numDeletedRows);
  }
  await insertRows(db, 'observations', observations.map(observationToRow));
  return { removed, written: observations.length };
}
