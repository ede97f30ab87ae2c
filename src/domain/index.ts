export * from './dates.ts';
export * from './source.ts';
export * from './series.ts';
export * from './observation.ts';
export * from './estimate.ts';
export * from './errors.ts';
export type { JobHandler, JobOutcome, JobProgress, JobSpec, RunOptions, Runner } from './jobs.ts';
export { TRANSLIT_SCHEMES, hasCyrillic, transliterate } from './translit.ts';
export type { TranslitScheme } from './translit.ts';
