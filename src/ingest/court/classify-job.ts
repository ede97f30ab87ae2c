import { classifySudrfLines } from './classify-batch.ts';
import type { ClassifyOptions } from './classify.ts';
import { courtNameEncoder } from './linkage-encoding.ts';
import type { JobHandler } from '../../jobs/index.ts';

/** The settings of one import, the same for each of its batches. */
export interface CourtClassifySettings {
  secret: Uint8Array | null;
  keepText: boolean;
  linkage: { schema: unknown; secret: Uint8Array } | null;
}

export interface CourtClassifyPayload extends CourtClassifySettings {
  file: string;
  lines: string[];
  first: number;
}

// The name encoder is costly to build: built once per thread and import settings, not per batch
// (each task brings its own copy of the settings, so they are compared by content).
let last: { key: string; opts: ClassifyOptions } | undefined;
function optionsFor(s: CourtClassifySettings): ClassifyOptions {
  const hex = (b: Uint8Array | null | undefined) =>
    b ? Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex') : '-';
  const key = `${s.keepText}|${hex(s.secret)}|${hex(s.linkage?.secret)}|${s.linkage ? JSON.stringify(s.linkage.schema) : '-'}`;
  if (last?.key !== key)
    last = {
      key,
      opts: {
        secret: s.secret ?? undefined,
        keepText: s.keepText,
        encodeName: s.linkage ? courtNameEncoder(s.linkage.schema, s.linkage.secret) : undefined,
      },
    };
  return last.opts;
}

/** A batch of SUDRFScraper JSON lines parsed and classified (the CPU-bound part of a large import): a job on the job pool's threads. */
export const courtClassify: JobHandler = (payload) => {
  const p = payload as CourtClassifyPayload;
  return classifySudrfLines(p.file, p.lines, p.first, optionsFor(p));
};
