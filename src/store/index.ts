export { Store, ConflictError, type SeriesSummary, type WriteResult, type ContentConflict, type ImportRecord } from './store.ts';
export { busyAsStoreError, defaultUrl, engineOf, StoreBusyError, type Engine, type ConnectOptions } from './connect.ts';
export { contentHash, canonicalJson } from './rows.ts';
