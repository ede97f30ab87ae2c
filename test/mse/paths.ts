import { readReferenceJson, referenceFile } from '../support/reference.ts';

/** Capture–recapture reference data kept in the repository (test/fixtures/reference/). */
export const referenceData = (rel: string): URL => referenceFile(rel);

export const readReference = <T = unknown>(rel: string): T => readReferenceJson<T>(rel);
