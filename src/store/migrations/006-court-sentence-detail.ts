import type { Kysely } from 'kysely';

// Issue 16: a defendant's sentence can be the final one for several crimes or verdicts (how they were added
// up), and a case ended for him has a ground (court fine, reconciliation, amnesty, death, military service…).
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of ['combination', 'addition', 'dismissal_ground'])
    await db.schema.alterTable('court_defendants').addColumn(column, 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['combination', 'addition', 'dismissal_ground'])
    await db.schema.alterTable('court_defendants').dropColumn(column).execute();
}
