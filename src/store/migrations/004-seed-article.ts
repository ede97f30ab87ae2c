import { type Kysely, sql } from 'kysely';

// Sources are cited by outlet, title, date and URL; the `file` column named a local article file that a
// clone does not have. Keep only whether a source is one of the seed articles, and blank the file names.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('sources')
    .addColumn('seed_article', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`update sources set seed_article = 1, file = null where file is not null`.execute(db);
}
