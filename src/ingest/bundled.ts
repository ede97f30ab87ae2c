import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { BadInputError, type InputIssue, type Observation, Series, Source } from '../domain/index.ts';
import type { Store } from '../store/index.ts';
import { parseObservationsJsonl } from './observation-rows.ts';

/** Where the bundled public figures live (data/ at the repository root). */
export const BUNDLED_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

export interface Dataset {
  sources: Source[];
  series: Series[];
  observations: Observation[];
}

/** Line of the object whose "id" is the given value, for error messages on JSON arrays. */
function lineOfId(text: string, id: unknown): number {
  if (typeof id !== 'string') return 0;
  const at = text.search(new RegExp(`"id"\\s*:\\s*${JSON.stringify(id).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  return at < 0 ? 0 : text.slice(0, at).split('\n').length;
}

export function parseJsonArray<T>(
  file: string,
  text: string,
  schema: z.ZodType<T>,
): { rows: T[]; issues: InputIssue[] } {
  let items: unknown;
  try {
    items = JSON.parse(text);
  } catch (e) {
    return { rows: [], issues: [{ file, line: 0, message: `not valid JSON: ${(e as Error).message}` }] };
  }
  if (!Array.isArray(items)) return { rows: [], issues: [{ file, line: 1, message: 'expected a JSON array' }] };
  const rows: T[] = [];
  const issues: InputIssue[] = [];
  items.forEach((item, i) => {
    const r = schema.safeParse(item);
    if (r.success) rows.push(r.data);
    else {
      const line = lineOfId(text, (item as { id?: unknown })?.id);
      for (const iss of r.error.issues)
        issues.push({ file, line, field: iss.path.join('.') || `[${i}]`, message: iss.message });
    }
  });
  return { rows, issues };
}

/** Read and validate a dataset folder (sources.json, series.json, observations.jsonl). */
export async function readDataset(dir: string = BUNDLED_DIR): Promise<Dataset> {
  const path = (f: string) => `${dir.replace(/\/$/, '')}/${f}`;
  const [srcText, serText, obsText] = await Promise.all([
    readFile(path('sources.json'), 'utf8'),
    readFile(path('series.json'), 'utf8'),
    readFile(path('observations.jsonl'), 'utf8'),
  ]);
  const src = parseJsonArray(path('sources.json'), srcText, Source);
  const ser = parseJsonArray(path('series.json'), serText, Series);
  const obs = parseObservationsJsonl(path('observations.jsonl'), obsText);
  const issues = [...src.issues, ...ser.issues, ...obs.issues];
  const sourceIds = new Set(src.rows.map((s) => s.id));
  const units = new Map(ser.rows.map((s) => [s.id, s.unit]));
  for (const { line, value: o } of obs.rows) {
    if (!units.has(o.seriesId))
      issues.push({
        file: path('observations.jsonl'),
        line,
        field: 'seriesId',
        message: `unknown series "${o.seriesId}"`,
      });
    else if (units.get(o.seriesId) !== o.unit)
      issues.push({
        file: path('observations.jsonl'),
        line,
        field: 'unit',
        message: `unit "${o.unit}" differs from the series' "${units.get(o.seriesId)}"`,
      });
    if (!sourceIds.has(o.sourceId))
      issues.push({
        file: path('observations.jsonl'),
        line,
        field: 'sourceId',
        message: `unknown source "${o.sourceId}"`,
      });
  }
  if (issues.length) throw new BadInputError(issues);
  return { sources: src.rows, series: ser.rows, observations: obs.rows.map((r) => r.value) };
}

/** Load the bundled figures into a store; idempotent, so it runs on every start. */
export async function loadBundled(
  store: Store,
  dir: string = BUNDLED_DIR,
): Promise<{ inserted: number; unchanged: number }> {
  const data = await readDataset(dir);
  const r = await store.write(data);
  return {
    inserted: r.sources.inserted + r.series.inserted + r.observations.inserted,
    unchanged: r.sources.unchanged + r.series.unchanged + r.observations.unchanged,
  };
}
