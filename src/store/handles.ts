import type { Kysely, Transaction } from 'kysely';
import type SqliteDatabase from 'better-sqlite3';
import type { Database } from './schema.ts';

/** A Kysely handle: the connection, or a transaction on it. Kept inside src/store. */
export type Db = Kysely<Database> | Transaction<Database>;
export type SqliteConnection = SqliteDatabase.Database;

/** The handles under each Store, for the repositories' construction and src/store/testing.ts only. */
export const handles = new WeakMap<object, { db: Db; sqlite: SqliteConnection | null }>();

/** Run fn in a transaction, joining the one the handle already is. */
export function inTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : (db as Kysely<Database>).transaction().execute(fn);
}
