// What src/ingest offers the other stages; they import it only through this file.
export { loadBundled } from './bundled.ts';
export { COURT_SERIES, COURT_SERIES_IDS } from './court/court-series.ts';
export { importCourtFiles } from './court/import-court.ts';
export type { CourtFormat } from './court/import-court.ts';
export type { TextEncodingOption } from './court/line-source.ts';
export { courtNameEncoder } from './court/linkage-encoding.ts';
export { readMapping } from './court/readers.ts';
export { importObservationFiles } from './import-observations.ts';
