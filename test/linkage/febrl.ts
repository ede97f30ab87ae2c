/** FEBRL test data and the settings both linkage paths use on it. */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { linkageData } from './paths.ts';
import type { FsSettingsInput } from '../../src/linkage/fellegi-sunter.ts';

export function readFebrl(n: 1 | 2 | 3): { header: string[]; rows: string[][] } {
  const rows = parse(readFileSync(linkageData(`febrl/dataset${n}.csv`), 'utf8'), {
    ltrim: true,
    rtrim: true,
  }) as string[][];
  const header = rows.shift()!;
  return { header, rows };
}

export function febrlSchema(): unknown {
  return JSON.parse(readFileSync(linkageData('clkhash/febrl_schema_v3_final.json'), 'utf8'));
}

const jw = (...t: number[]) => [
  { type: 'exact' as const },
  ...t.map((threshold) => ({ type: 'jaroWinkler' as const, threshold })),
];
const lev = (...m: number[]) => [
  { type: 'exact' as const },
  ...m.map((max) => ({ type: 'levenshtein' as const, max })),
];

export const FEBRL_FS_SETTINGS: FsSettingsInput = {
  linkType: 'dedupe_only',
  comparisons: [
    { column: 'given_name', levels: jw(0.9, 0.8), termFrequency: true },
    { column: 'surname', levels: jw(0.9, 0.8), termFrequency: true },
    { column: 'street_number', levels: lev() },
    { column: 'address_1', levels: jw(0.9) },
    { column: 'suburb', levels: jw(0.9) },
    { column: 'postcode', levels: lev(1) },
    { column: 'state', levels: lev() },
    { column: 'date_of_birth', levels: lev(1, 2) },
    { column: 'soc_sec_id', levels: lev(1, 2) },
  ],
  blockingRules: [['given_name'], ['surname'], ['date_of_birth'], ['soc_sec_id'], ['postcode', 'street_number']],
  trainingBlockingRules: [['date_of_birth'], ['surname'], ['soc_sec_id']],
  deterministicRules: [['given_name', 'surname', 'date_of_birth'], ['soc_sec_id']],
  recall: 0.8,
};
