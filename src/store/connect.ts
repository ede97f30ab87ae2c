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
    const file = new Database(opts.url);
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
