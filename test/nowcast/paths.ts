import { readFileSync } from 'node:fs';

/** Reference data with known answers, in ../shared/data/nowcast beside the repository. */
export function sharedNowcastJson<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../../shared/data/nowcast/${name}`, import.meta.url), 'utf8')) as T;
}
