export {
  Store,
  ConflictError,
  type SeriesSummary,
  type WriteResult,
  type ContentConflict,
  type ImportRecord,
} from './store.ts';
export { busyAsStoreError, defaultUrl, engineOf, StoreBusyError, type Engine, type ConnectOptions } from './connect.ts';
export { contentHash, canonicalJson } from './rows.ts';
export { CourtRecords } from './court-repository.ts';
export { LinkageProjects } from './linkage-projects.ts';
export { ApiTokens, type ApiTokenRow } from './api-tokens.ts';
export { SUMMARY_DIMENSIONS } from './court-records.ts';
export type { CourtCaseInput, DerivedQuery, KeyMemo, SummaryDimension } from './court-records.ts';
export { CourtTally } from './court-tally.ts';
export type { ProjectRow, RunRow, TokenRole } from './linkage-projects.ts';
