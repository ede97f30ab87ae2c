import { type Kysely, type Migration, sql } from 'kysely';
import type { Engine } from './connect.ts';

/**
 * Apply pending migrations in name order, each in its own transaction, and record them in
 * `darkfigure_migrations`. Written here rather than with Kysely's Migrator because that one
 * introspects every schema of the database to find its bookkeeping tables, which fails when another
 * store's schema is being dropped at the same moment (tests, several projects in one database).
 */
export async function migrateToLatest(
  db: Kysely<unknown>,
  engine: Engine,
  migrations: Record<string, Migration>,
): Promise<string[]> {
  await sql`create table if not exists darkfigure_migrations (name text primary key, applied_at text not null)`.execute(
    db,
  );
  await adoptKyselyLog(db, engine);
  const applied: string[] = [];
  for (const name of Object.keys(migrations).sort()) {
    await db.transaction().execute(async (tx) => {
      // Two processes opening the same new store: the second waits here, then sees the migration done.
      if (engine === 'postgres')
        await sql`select pg_advisory_xact_lock(hashtext(current_schema() || '.darkfigure_migrations'))`.execute(tx);
      const done = await sql<{ name: string }>`select name from darkfigure_migrations where name = ${name}`.execute(tx);
      if (done.rows.length) return;
      try {
        await migrations[name]!.up(tx);
      } catch (e) {
        throw new Error(`migration ${name} failed: ${e instanceof Error ? e.message : String(e)}`);
      }
      await sql`insert into darkfigure_migrations (name, applied_at) values (${name}, ${new Date().toISOString()})`.execute(
        tx,
      );
      applied.push(name);
    });
  }
  return applied;
}

/** Stores made before this migrator kept their log in Kysely's table: carry it over once. */
async function adoptKyselyLog(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const exists =
    engine === 'sqlite'
      ? await sql<{
          n: number;
        }>`select count(*) as n from sqlite_master where type = 'table' and name = 'kysely_migration'`.execute(db)
      : await sql<{
          n: number;
        }>`select count(*) as n from information_schema.tables where table_schema = current_schema() and table_name = 'kysely_migration'`.execute(
          db,
        );
  if (Number(exists.rows[0]?.n ?? 0) === 0) return;
  await sql`insert into darkfigure_migrations (name, applied_at)
    select name, timestamp from kysely_migration where name not in (select name from darkfigure_migrations)`.execute(
    db,
  );
}
