import { type Kysely, sql } from 'kysely';
import type { Observation, Series, Source } from '../domain/index.ts';
import { ApiTokens } from './api-tokens.ts';
import { connect, type ConnectOptions, type Engine } from './connect.ts';
import { CourtRecords } from './court-repository.ts';
import { type Db, handles, inTransaction, type SqliteConnection } from './handles.ts';
import { LinkageProjects } from './linkage-projects.ts';
import { migrateToLatest } from './migrate.ts';
import { migrations } from './migrations/index.ts';
import { observationToRow, rowToObservation, rowToSeries, rowToSource, seriesToRow, sourceToRow } from './rows.ts';
import type { Database } from './schema.ts';

export interface SeriesSummary extends Series {
  observations: number;
  first: string | null;
  last: string | null;
}

export interface WriteResult {
  inserted: number;
  unchanged: number;
}

/** An id already in the store with different content: the caller reports it against the input line. */
export interface ContentConflict {
  id: string;
  table: 'sources' | 'series' | 'observations';
}

export class ConflictError extends Error {
  constructor(readonly conflicts: ContentConflict[]) {
    super(
      `${conflicts.length} id(s) already stored with different content: ${conflicts
        .slice(0, 5)
        .map((c) => c.id)
        .join(', ')}`,
    );
    this.name = 'ConflictError';
  }
}

export interface ImportRecord {
  kind: string;
  file: string;
  fileHash: string;
  inserted: number;
  unchanged: number;
}

// SQLite caps bound parameters per statement; 19 columns × 400 rows stays well inside it.
const BATCH = 400;

function chunks<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

type Hashed = 'sources' | 'series' | 'observations';

/**
 * The one interface to persistence. SQLite by default, PostgreSQL for a postgres:// URL.
 * Writes are all-or-nothing and idempotent by content: the same row again changes nothing,
 * the same id with other content is a conflict and nothing is written.
 */
export class Store {
  /** The court-record tables. */
  readonly court: CourtRecords;
  /** The linkage service's projects, uploads, runs and audit log. */
  readonly linkageProjects: LinkageProjects;
  readonly apiTokens: ApiTokens;
  // The query handle stays inside: callers use the methods and repositories above.
  readonly #db: Db;
  readonly #sqlite: SqliteConnection | null;

  private constructor(
    db: Db,
    readonly engine: Engine,
    sqlite: SqliteConnection | null,
  ) {
    this.#db = db;
    this.#sqlite = sqlite;
    handles.set(this, { db, sqlite });
    this.court = new CourtRecords(db, sqlite);
    this.linkageProjects = new LinkageProjects(db);
    this.apiTokens = new ApiTokens(db);
  }

  static async open(opts: ConnectOptions): Promise<Store> {
    const { db, engine, sqlite } = await connect(opts);
    const store = new Store(db, engine, sqlite);
    await store.migrate();
    return store;
  }

  async migrate(): Promise<void> {
    await migrateToLatest(this.#db as unknown as Kysely<unknown>, this.engine, migrations);
  }

  async close(): Promise<void> {
    if (this.#db.isTransaction) throw new Error('a store inside a transaction is closed by its owner');
    await (this.#db as Kysely<Database>).destroy();
  }

  /**
   * Run several writes as one transaction: fn gets this store bound to the transaction (its repositories
   * included). Inside a transaction already, fn joins it.
   */
  async transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    return inTransaction(this.#db, (tx) => fn(tx === this.#db ? this : new Store(tx, this.engine, this.#sqlite)));
  }

  /** Rows in the observations, series and sources tables: a cheap fingerprint of the figures stored. */
  async tableCounts(): Promise<{ observations: number; series: number; sources: number }> {
    // One statement: the server's cache asks this often.
    const r = await sql<{
      o: number | string;
      s: number | string;
      c: number | string;
    }>`select (select count(*) from observations) as o, (select count(*) from series) as s, (select count(*) from sources) as c`.execute(
      this.#db,
    );
    const row = r.rows[0];
    if (row === undefined) throw new Error('table counts query returned no row');
    return { observations: Number(row.o), series: Number(row.s), sources: Number(row.c) };
  }

  private async existingHashes(db: Db, table: Hashed, ids: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const part of chunks(ids, 900)) {
      const rows = await db.selectFrom(table).select(['id', 'content_hash']).where('id', 'in', part).execute();
      for (const r of rows) out.set(r.id, r.content_hash);
    }
    return out;
  }

  /** Which of these rows would conflict with what is stored (same id, other content). */
  async findConflicts(input: {
    sources?: Source[];
    series?: Series[];
    observations?: Observation[];
  }): Promise<ContentConflict[]> {
    const db = this.#db;
    const conflicts: ContentConflict[] = [];
    const check = async (table: Hashed, rows: Array<{ id: string; content_hash: string }>) => {
      const have = await this.existingHashes(
        db,
        table,
        rows.map((r) => r.id),
      );
      for (const r of rows) {
        const h = have.get(r.id);
        if (h !== undefined && h !== r.content_hash) conflicts.push({ id: r.id, table });
      }
    };
    if (input.sources?.length) await check('sources', input.sources.map(sourceToRow));
    if (input.series?.length) await check('series', input.series.map(seriesToRow));
    if (input.observations?.length) await check('observations', input.observations.map(observationToRow));
    return conflicts;
  }

  private async insertNew<T extends { id: string; content_hash: string }>(
    db: Db,
    table: Hashed,
    rows: T[],
  ): Promise<WriteResult> {
    const have = await this.existingHashes(
      db,
      table,
      rows.map((r) => r.id),
    );
    const conflicts = rows
      .filter((r) => have.has(r.id) && have.get(r.id) !== r.content_hash)
      .map((r) => ({ id: r.id, table }));
    if (conflicts.length) throw new ConflictError(conflicts);
    const fresh = rows.filter((r) => !have.has(r.id));
    for (const part of chunks(fresh, BATCH)) {
      // The row types line up with the table by construction.
      await db
        .insertInto(table)
        .values(part as never)
        .execute();
    }
    return { inserted: fresh.length, unchanged: rows.length - fresh.length };
  }

  /**
   * Write sources, series and observations in one transaction (or in the caller's, on a store from
   * transaction()); sources and series first so that observations can refer to them. Throws
   * ConflictError (nothing written) on a content conflict.
   */
  async write(
    input: { sources?: Source[]; series?: Series[]; observations?: Observation[] },
    logs: ImportRecord[] = [],
  ): Promise<Record<Hashed, WriteResult>> {
    return inTransaction(this.#db, (tx) => this.writeIn(tx, input, logs));
  }

  private async writeIn(
    tx: Db,
    input: { sources?: Source[]; series?: Series[]; observations?: Observation[] },
    logs: ImportRecord[],
  ): Promise<Record<Hashed, WriteResult>> {
    const sources = await this.insertNew(tx, 'sources', (input.sources ?? []).map(sourceToRow));
    const series = await this.insertNew(tx, 'series', (input.series ?? []).map(seriesToRow));
    const observations = await this.insertNew(tx, 'observations', (input.observations ?? []).map(observationToRow));
    const inserted = sources.inserted + series.inserted + observations.inserted;
    const unchanged = sources.unchanged + series.unchanged + observations.unchanged;
    // The log notes each distinct file content once, and only when it changed the store.
    for (const log of inserted > 0 ? logs : []) {
      const seen = await tx
        .selectFrom('imports')
        .select('file_hash')
        .where('kind', '=', log.kind)
        .where('file_hash', '=', log.fileHash)
        .executeTakeFirst();
      if (!seen)
        await tx
          .insertInto('imports')
          .values({
            kind: log.kind,
            file: log.file,
            file_hash: log.fileHash,
            rows_inserted: inserted,
            rows_unchanged: unchanged,
            imported_at: new Date().toISOString(),
          })
          .execute();
    }
    return { sources, series, observations };
  }

  async sources(): Promise<Source[]> {
    return (await this.#db.selectFrom('sources').selectAll().orderBy('id').execute()).map(rowToSource);
  }

  async source(id: string): Promise<Source | undefined> {
    const r = await this.#db.selectFrom('sources').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? rowToSource(r) : undefined;
  }

  async seriesIds(): Promise<Set<string>> {
    return new Set((await this.#db.selectFrom('series').select('id').execute()).map((r) => r.id));
  }

  async sourceIds(): Promise<Set<string>> {
    return new Set((await this.#db.selectFrom('sources').select('id').execute()).map((r) => r.id));
  }

  async series(id: string): Promise<Series | undefined> {
    const r = await this.#db.selectFrom('series').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? rowToSeries(r) : undefined;
  }

  /** Every series with its observation count and the span of its periods. */
  async listSeries(): Promise<SeriesSummary[]> {
    const rows = await this.#db
      .selectFrom('series')
      .leftJoin('observations', 'observations.series_id', 'series.id')
      .select((eb) => [
        'series.id',
        'series.title',
        'series.unit',
        'series.counts',
        'series.excludes',
        'series.topic',
        'series.content_hash',
        eb.fn.count<string | number>('observations.id').as('n'),
        eb.fn.min<string | null>('observations.period_end').as('first'),
        eb.fn.max<string | null>('observations.period_end').as('last'),
      ])
      .groupBy([
        'series.id',
        'series.title',
        'series.unit',
        'series.counts',
        'series.excludes',
        'series.topic',
        'series.content_hash',
      ])
      .orderBy('series.id')
      .execute();
    return rows.map((r) => ({
      ...rowToSeries(r),
      observations: Number(r.n),
      first: r.first ?? null,
      last: r.last ?? null,
    }));
  }

  /** Observations, optionally of one series, ordered by period end then id. */
  async observations(filter: { seriesId?: string } = {}): Promise<Observation[]> {
    let q = this.#db.selectFrom('observations').selectAll();
    if (filter.seriesId) q = q.where('series_id', '=', filter.seriesId);
    const rows = await q.orderBy('period_end').orderBy('id').execute();
    return rows.map(rowToObservation);
  }

  async countObservations(): Promise<number> {
    const r = await this.#db
      .selectFrom('observations')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async imports(): Promise<ImportRecord[]> {
    const rows = await this.#db.selectFrom('imports').selectAll().orderBy('imported_at').execute();
    return rows.map((r) => ({
      kind: r.kind,
      file: r.file,
      fileHash: r.file_hash,
      inserted: Number(r.rows_inserted),
      unchanged: Number(r.rows_unchanged),
    }));
  }
}
