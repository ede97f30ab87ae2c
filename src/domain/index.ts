export * from './dates.ts';
export * from './source.ts';
export * from './series.ts';
export * from './observation.ts';
export * from './estimate.ts';
export * from './errors.ts';
