import { type Kysely, SqliteAdapter, sql } from 'kysely';

// Court records: cases merged across scrapes (first/last seen, deleted when a full re-scrape no longer
// lists them), their defendants (keyed name hashes only) and charges (article and part apart).
// Cases get an integer id in insertion order; defendants and charges are keyed by (case id, …), and on
// SQLite stored WITHOUT ROWID in that key's order, so a big import appends to them instead of scattering
// rows by a hash key (which made SQLite's page work dominate a million-case import).
export async function up(db: Kysely<unknown>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const end = sqlite ? sql`without rowid` : sql``;
  await db.schema
    .createTable('court_cases')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('case_key', 'text', (c) => c.notNull().unique())
    .addColumn('court', 'text', (c) => c.notNull())
    .addColumn('court_tier', 'text', (c) => c.notNull())
    .addColumn('region', 'text')
    .addColumn('case_number', 'text', (c) => c.notNull())
    .addColumn('case_uid', 'text')
    .addColumn('judge', 'text')
    .addColumn('date_received', 'text')
    .addColumn('date_result', 'text')
    .addColumn('date_in_force', 'text')
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('text_redacted', 'text')
    .addColumn('text_available', 'integer', (c) => c.notNull())
    .addColumn('defendants', 'integer', (c) => c.notNull())
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addColumn('last_scrape', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('court_cases_uid')
    .on('court_cases')
    .column('case_uid')
    .where(sql.ref('case_uid'), 'is not', null)
    .execute();
  await db.schema
    .createTable('court_defendants')
    .addColumn('case_id', 'integer', (c) => c.notNull())
    .addColumn('idx', 'integer', (c) => c.notNull())
    .addColumn('name_hmac', 'text')
    .addColumn('name_clk', 'text')
    .addColumn('articles_text', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('sentence', 'text', (c) => c.notNull())
    .addColumn('term_months', 'integer')
    .addColumn('probation_months', 'integer')
    .addColumn('colony_regime', 'text')
    .addColumn('deduction_percent', 'integer')
    .addColumn('fine_roubles', 'double precision')
    .addPrimaryKeyConstraint('court_defendants_pk', ['case_id', 'idx'])
    .modifyEnd(end)
    .execute();
  await db.schema
    .createTable('court_charges')
    .addColumn('case_id', 'integer', (c) => c.notNull())
    .addColumn('idx', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('article', 'text', (c) => c.notNull())
    .addColumn('part', 'text', (c) => c.notNull())
    .addColumn('point', 'text')
    .addColumn('offence', 'text', (c) => c.notNull())
    .addColumn('mobilisation_context', 'integer')
    .addColumn('absence_band', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('court_charges_pk', ['case_id', 'idx', 'seq'])
    .modifyEnd(end)
    .execute();
  await db.schema
    .createTable('court_scrapes')
    .addColumn('file_hash', 'text', (c) => c.primaryKey())
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('scraped_at', 'text', (c) => c.notNull())
    .addColumn('full_scrape', 'integer', (c) => c.notNull())
    .addColumn('records', 'integer', (c) => c.notNull())
    .addColumn('rejected', 'integer', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['court_scrapes', 'court_charges', 'court_defendants', 'court_cases'])
    await db.schema.dropTable(t).ifExists().execute();
}
