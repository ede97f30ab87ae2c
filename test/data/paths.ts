import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A file of the bundled dataset (repo/data/). */
export const dataFile = (name: string): URL => new URL(`../../data/${name}`, import.meta.url);

export const readText = (url: URL): string => readFileSync(fileURLToPath(url), 'utf8');
