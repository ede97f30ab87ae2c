import { type Kysely, SqliteAdapter, sql } from 'kysely';

// Court imports at scale (issue 7): the case-key index becomes a named index (not an inline UNIQUE
// constraint) so that a bulk load into an empty case table can drop it and build it once at the end,
// and the monthly counts behind the court.import.* series are kept in a table the importer updates
// by difference, instead of being recomputed from the whole case table after every import.
export async function up(db: Kysely<unknown>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  if (sqlite) {
    // SQLite cannot drop a constraint's index: rebuild the table (same columns, same order, same ids).
    await sql`create table court_cases_003 (
      id integer primary key, case_key text not null, court text not null, court_tier text not null, region text,
      case_number text not null, case_uid text, judge text, date_received text, date_result text, date_in_force text,
      decision text not null, result text not null, text_redacted text, text_available integer not null,
      defendants integer not null, first_seen text not null, last_seen text not null, deleted_at text,
      last_scrape text not null, content_hash text not null)`.execute(db);
    await sql`insert into court_cases_003 select id, case_key, court, court_tier, region, case_number, case_uid, judge,
      date_received, date_result, date_in_force, decision, result, text_redacted, text_available, defendants,
      first_seen, last_seen, deleted_at, last_scrape, content_hash from court_cases`.execute(db);
    await sql`drop table court_cases`.execute(db);
    await sql`alter table court_cases_003 rename to court_cases`.execute(db);
    await sql`create index court_cases_uid on court_cases (case_uid) where case_uid is not null`.execute(db);
  } else await sql`alter table court_cases drop constraint if exists court_cases_case_key_key`.execute(db);
  await sql`create unique index court_cases_key on court_cases (case_key)`.execute(db);

  await db.schema
    .createTable('court_monthly_counts')
    .addColumn('series', 'text', (c) => c.notNull())
    .addColumn('grp', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('court_monthly_counts_pk', ['series', 'grp', 'month'])
    .execute();
  // The counts of what is already stored (the queries of the court series, frozen here as they were).
  const received = sql`substr(c.date_received, 1, 7)`;
  const decided = sql`substr(c.date_result, 1, 7)`;
  const fills = [
    sql`select 'cases_received', '', ${received}, count(*) from court_cases c where c.date_received is not null group by ${received}`,
    sql`select 'verdicts', '', ${decided}, count(*) from court_cases c where c.result = 'verdict' and c.date_result is not null group by ${decided}`,
    sql`select 'defendants_by_article', ch.article || '|' || ch.part, ${received}, count(distinct d.case_id * 1000 + d.idx)
      from court_cases c join court_defendants d on d.case_id = c.id join court_charges ch on ch.case_id = d.case_id and ch.idx = d.idx
      where c.date_received is not null group by ch.article || '|' || ch.part, ${received}`,
    sql`select 'sentences', d.sentence, ${decided}, count(*) from court_cases c join court_defendants d on d.case_id = c.id
      where c.result = 'verdict' and c.date_result is not null group by d.sentence, ${decided}`,
    sql`select 'cases_by_tier', c.court_tier, ${received}, count(*) from court_cases c where c.date_received is not null group by c.court_tier, ${received}`,
    sql`select 'cases_by_region', coalesce(c.region, 'unknown'), ${received}, count(*) from court_cases c where c.date_received is not null
      group by coalesce(c.region, 'unknown'), ${received}`,
  ];
  for (const q of fills) await sql`insert into court_monthly_counts (series, grp, month, n) ${q}`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('court_monthly_counts').ifExists().execute();
}
