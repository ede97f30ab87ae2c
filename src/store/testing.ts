import { handles, type Db, type SqliteConnection } from './handles.ts';
import type { Store } from './store.ts';

/**
 * Tests only: the raw handles under a store, for assertions on table contents and indexes that no
 * repository method should offer. Application code goes through the store's repositories.
 */
export function rawHandles(store: Store): { db: Db; sqlite: SqliteConnection | null } {
  const h = handles.get(store);
  if (!h) throw new Error('not a Store');
  return h;
}
