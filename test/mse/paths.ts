import { readFileSync } from 'node:fs';

/** A file under the shared reference data (the repo's parent folder holds shared/ beside it). */
export function sharedData(rel: string): URL {
  return new URL(`../../../shared/data/${rel}`, import.meta.url);
}

export function readShared<T = unknown>(rel: string): T {
  return JSON.parse(readFileSync(sharedData(rel), 'utf8')) as T;
}
