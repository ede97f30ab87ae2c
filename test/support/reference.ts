import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A file of the reference data kept in the repository (test/fixtures/reference/, see its README). */
export const referenceFile = (rel: string): URL => new URL(`../fixtures/reference/${rel}`, import.meta.url);

export const referencePath = (rel: string): string => fileURLToPath(referenceFile(rel));

export function readReferenceJson<T = unknown>(rel: string): T {
  return JSON.parse(readFileSync(referenceFile(rel), 'utf8')) as T;
}
