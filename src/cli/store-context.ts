import { loadBundled } from '../ingest/index.ts';
import { busyAsStoreError, defaultUrl, Store } from '../store/index.ts';

/** Open the store named by DARKFIGURE_DB (default ./darkfigure.db), migrated and holding the bundled figures. */
export async function openStore(opts: { bundled?: boolean } = {}): Promise<Store> {
  let store: Store | undefined;
  try {
    store = await Store.open({ url: defaultUrl() });
    if (opts.bundled !== false) await loadBundled(store);
    return store;
  } catch (e) {
    await store?.close();
    throw busyAsStoreError(e);
  }
}

/**
 * Run fn with an open store and always close it. A store locked by another command (a long import) past
 * the busy timeout reads "store is busy (import running); try again", not SQLite's "database is locked".
 */
export async function withStore<T>(fn: (store: Store) => Promise<T>, opts: { bundled?: boolean } = {}): Promise<T> {
  const store = await openStore(opts);
  try {
    return await fn(store);
  } catch (e) {
    throw busyAsStoreError(e);
  } finally {
    await store.close();
  }
}
