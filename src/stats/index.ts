// What src/stats offers the other stages; they import it only through this file.
export { logFactorial } from './log-factorial.ts';
export { logGamma } from './log-gamma.ts';
export { normalCdf, normalQuantile } from './normal-distribution.ts';
export { quantileSorted } from './quantile-sorted.ts';
export { DEFAULT_MIN_CELL, checkMinCell, suppressSmallCells, suppressSmallCounts } from './small-cells.ts';
