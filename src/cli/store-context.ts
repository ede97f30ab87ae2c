import { loadBundled } from '../ingest/bundled.ts';
import { defaultUrl, Store } from '../store/index.ts';

/** Open the store named by DARKFIGURE_DB (default ./darkfigure.db), migrated and holding the bundled figures. */
export async function openStore(opts: { bundled?: boolean } = {}): Promise<Store> {
  const store = await Store.open({ url: defaultUrl() });
  if (opts.bundled !== false) await loadBundled(store);
  return store;
}

/** Run fn with an open store and always close it. */
export async function withStore<T>(fn: (store: Store) => Promise<T>, opts: { bundled?: boolean } = {}): Promise<T> {
  const store = await openStore(opts);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
