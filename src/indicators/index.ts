export type { Derived } from './derived.ts';
export { intervalCounts, type CumulativePoint, type IntervalCount } from './cumulative.ts';
export { growth } from './growth.ts';
export { shareOfForce } from './share.ts';
export { rate } from './rate.ts';
