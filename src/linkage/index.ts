// What src/linkage offers the other stages; they import it only through this file.
export { allPairs, filterPairs } from './candidates.ts';
export type { CandidatePairs } from './candidates.ts';
export { packClks } from './dice.ts';
export type { KernelName, PackedClks } from './dice.ts';
export { ClkEncoder, checkHeader, encodeRecords, toBase64 } from './encode.ts';
export { FsSettings } from './fellegi-sunter.ts';
export type { Table } from './fellegi-sunter.ts';
export { secretProblem } from './keys.ts';
export { PROBABILITY_GRID, dedupeClear, linkClear } from './link-clear.ts';
export { linkDedupedLists } from './link-deduped.ts';
export { linkLists } from './link-lists.ts';
export type { LinkResult } from './link-lists.ts';
export { dedupeClusters, rangeGrid, thresholdGrid } from './matching.ts';
export type { Member, SensitivityRow } from './matching.ts';
export { Rng } from './prng.ts';
export { SchemaError, parseSchema } from './schema.ts';
export type { LinkageSchema } from './schema.ts';
