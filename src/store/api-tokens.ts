import type { Db } from './handles.ts';
import type { ApiTokensTable } from './schema.ts';

export type ApiTokenRow = ApiTokensTable;

/** The API tokens table (`store.apiTokens`): rows hold token hashes, never tokens. */
export class ApiTokens {
  constructor(private readonly db: Db) {}

  async insert(row: ApiTokenRow): Promise<void> {
    await this.db.insertInto('api_tokens').values(row).execute();
  }

  /** Every token, oldest first. */
  list(): Promise<ApiTokenRow[]> {
    return this.db.selectFrom('api_tokens').selectAll().orderBy('created_at').orderBy('id').execute();
  }

  get(id: string): Promise<ApiTokenRow | undefined> {
    return this.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  }

  byHash(tokenHash: string): Promise<ApiTokenRow | undefined> {
    return this.db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  }

  async revoke(id: string, at: string): Promise<void> {
    await this.db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).execute();
  }
}
