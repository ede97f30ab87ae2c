import type { Migration } from 'kysely';
import * as m001 from './001-observations.ts';
import * as m002 from './002-court.ts';
import * as m003 from './003-court-bulk.ts';

// Migrations in order; names sort lexically. Add a file and a line here; never edit a landed migration.
export const migrations: Record<string, Migration> = {
  '001-observations': m001,
  '002-court': m002,
  '003-court-bulk': m003,
};
