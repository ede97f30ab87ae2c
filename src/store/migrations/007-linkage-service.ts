import { type Kysely, SqliteAdapter } from 'kysely';

// The linkage service (issue 18): projects of the anonlink-entity-service API, each party's upload (the
// CLKs as one binary blob), runs with their stored results, and an audit log. Tokens are kept only as
// SHA-256 hashes; the audit log names a token's role and party, never the token, nor any CLK.
export async function up(db: Kysely<unknown>): Promise<void> {
  const blob = db.getExecutor().adapter instanceof SqliteAdapter ? 'blob' : 'bytea';
  await db.schema
    .createTable('linkage_projects')
    .addColumn('project_id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('schema_json', 'text', (c) => c.notNull())
    .addColumn('result_type', 'text', (c) => c.notNull())
    .addColumn('number_parties', 'integer', (c) => c.notNull())
    .addColumn('suppress_below', 'integer', (c) => c.notNull())
    .addColumn('encoding_size', 'integer')
    .addColumn('result_token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('time_added', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('linkage_parties')
    .addColumn('project_id', 'text', (c) => c.notNull().references('linkage_projects.project_id').onDelete('cascade'))
    .addColumn('party', 'integer', (c) => c.notNull())
    .addColumn('update_token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('receipt_token_hash', 'text', (c) => c.unique())
    .addColumn('upload_state', 'text', (c) => c.notNull())
    .addColumn('count', 'integer')
    .addColumn('size', 'integer')
    .addColumn('clks', blob as 'blob')
    .addColumn('uploaded_at', 'text')
    .addPrimaryKeyConstraint('linkage_parties_pk', ['project_id', 'party'])
    .execute();
  await db.schema
    .createTable('linkage_runs')
    .addColumn('run_id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('linkage_projects.project_id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('threshold', 'double precision', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('stage', 'integer', (c) => c.notNull())
    .addColumn('time_added', 'text', (c) => c.notNull())
    .addColumn('time_started', 'text')
    .addColumn('time_completed', 'text')
    .addColumn('error', 'text')
    .addColumn('result', 'text')
    .addColumn('estimate', 'text')
    .execute();
  await db.schema.createIndex('linkage_runs_project').on('linkage_runs').column('project_id').execute();
  // No foreign key: the log outlives a deleted project.
  await db.schema
    .createTable('linkage_audit')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text')
    .addColumn('run_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('party', 'integer')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('linkage_audit_project').on('linkage_audit').columns(['project_id', 'at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['linkage_audit', 'linkage_runs', 'linkage_parties', 'linkage_projects'])
    await db.schema.dropTable(t).ifExists().execute();
}
