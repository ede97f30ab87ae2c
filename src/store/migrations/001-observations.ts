import type { Kysely } from 'kysely';

// The public-figures tables: sources, series, observations, and a log of imports.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation', 'text', (c) => c.notNull())
    .addColumn('outlet', 'text')
    .addColumn('title', 'text')
    .addColumn('url', 'text')
    .addColumn('published', 'text')
    .addColumn('accessed', 'text')
    .addColumn('confidence', 'text', (c) => c.notNull())
    .addColumn('party_to_conflict', 'integer', (c) => c.notNull())
    .addColumn('file', 'text')
    .addColumn('notes', 'text')
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('series')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('counts', 'text', (c) => c.notNull())
    .addColumn('excludes', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('observations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('series_id', 'text', (c) => c.notNull().references('series.id'))
    .addColumn('source_id', 'text', (c) => c.notNull().references('sources.id'))
    .addColumn('articles', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('period_start', 'text')
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('value_kind', 'text', (c) => c.notNull())
    .addColumn('rate_per', 'text')
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('qualifier', 'text', (c) => c.notNull())
    .addColumn('low', 'double precision')
    .addColumn('high', 'double precision')
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('derivation', 'text', (c) => c.notNull())
    .addColumn('formula', 'text')
    .addColumn('ref', 'text')
    .addColumn('notes', 'text')
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('observations_series').on('observations').columns(['series_id', 'period_end']).execute();
  await db.schema
    .createTable('imports')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('file_hash', 'text', (c) => c.notNull())
    .addColumn('rows_inserted', 'integer', (c) => c.notNull())
    .addColumn('rows_unchanged', 'integer', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    // One row per distinct file content: importing the same bytes again adds nothing.
    .addPrimaryKeyConstraint('imports_pk', ['kind', 'file_hash'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['imports', 'observations', 'series', 'sources']) await db.schema.dropTable(t).ifExists().execute();
}
