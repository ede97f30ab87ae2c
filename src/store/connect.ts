import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database as Tables } from './schema.ts';

export type Engine = 'sqlite' | 'postgres';

export interface ConnectOptions {
  /** A postgres:// URL, or a SQLite file path (":memory:" for a throw-away store). */
  url: string;
  /** PostgreSQL only: the schema to use (created if absent). Tests use a fresh one per run. */
  schema?: string;
  /** SQLite only: how long a command waits for another connection's lock before giving up (default 5 s, or DARKFIGURE_BUSY_TIMEOUT_MS). */
  busyTimeoutMs?: number;
}

/** The store is locked by another connection (a long import) past the busy timeout. */
export class StoreBusyError extends Error {
  constructor() {
    super('store is busy (import running); try again');
    this.name = 'StoreBusyError';
  }
}

/** SQLite's "database is locked" (SQLITE_BUSY and its extended codes) as StoreBusyError; anything else unchanged. */
export function busyAsStoreError(e: unknown): unknown {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY') ? new StoreBusyError() : e;
}

function busyTimeout(opts: ConnectOptions, env: NodeJS.ProcessEnv = process.env): number {
  if (opts.busyTimeoutMs !== undefined) return opts.busyTimeoutMs;
  const v = Number(env.DARKFIGURE_BUSY_TIMEOUT_MS);
  return env.DARKFIGURE_BUSY_TIMEOUT_MS && Number.isFinite(v) && v >= 0 ? v : 5000;
}

export function engineOf(url: string): Engine {
  return /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite';
}

/** The store location: DARKFIGURE_DB, else ./darkfigure.db. */
export function defaultUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.DARKFIGURE_DB && env.DARKFIGURE_DB.trim() !== '' ? env.DARKFIGURE_DB : './darkfigure.db';
}

export interface Connection {
  db: Kysely<Tables>;
  engine: Engine;
  /** The better-sqlite3 connection under a SQLite store (null on PostgreSQL), for bulk paths that prepare their own statements. */
  sqlite: Database.Database | null;
}

export async function connect(opts: ConnectOptions): Promise<Connection> {
  const engine = engineOf(opts.url);
  if (engine === 'sqlite') {
    // Readers wait this long for a writer's lock, then get StoreBusyError's message (not "database is locked").
    const file = new Database(opts.url, { timeout: busyTimeout(opts) });
    // WAL once, when the store is created (the mode is kept in the file): readers then never wait for an
    // import. Setting it on every open would itself need a lock that a running import holds.
    if (String(file.pragma('journal_mode', { simple: true })) !== 'wal' && opts.url !== ':memory:')
      file.pragma('journal_mode = WAL');
    file.pragma('foreign_keys = ON');
    file.pragma('synchronous = NORMAL');
    return { db: new Kysely<Tables>({ dialect: new SqliteDialect({ database: file }) }), engine, sqlite: file };
  }
  if (opts.schema && !/^[a-z_][a-z0-9_]*$/.test(opts.schema)) throw new Error(`invalid schema name: ${opts.schema}`);
  if (opts.schema) {
    const admin = new pg.Client({ connectionString: opts.url });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${opts.schema}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: 10,
    ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
  });
  return { db: new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) }), engine, sqlite: null };
}
