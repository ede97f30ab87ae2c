// The light entry of src/linkage: what a list holder's `darkfigure encode` needs (schema, keys,
// Bloom-filter encodings), without the matching kernels that index.ts also loads. Its start time
// is measured by bench/cli-start.bench.ts.
export { ClkEncoder, checkHeader, encodeRecords, toBase64 } from './encode.ts';
export { secretProblem } from './keys.ts';
export { SchemaError, parseSchema, type LinkageSchema } from './schema.ts';
export { rangeGrid } from './matching.ts';
