import type { Migration } from 'kysely';
import * as m001 from './001-observations.ts';
import * as m002 from './002-court.ts';
import * as m003 from './003-court-bulk.ts';
import * as m004 from './004-seed-article.ts';
import * as m005 from './005-api-tokens.ts';
import * as m006 from './006-court-sentence-detail.ts';
import * as m007 from './007-linkage-service.ts';

// Migrations in order; names sort lexically. Add a file and a line here; never edit a landed migration.
export const migrations: Record<string, Migration> = {
  '001-observations': m001,
  '002-court': m002,
  '003-court-bulk': m003,
  '004-seed-article': m004,
  '005-api-tokens': m005,
  '006-court-sentence-detail': m006,
  '007-linkage-service': m007,
};
