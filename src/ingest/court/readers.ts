import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { z } from 'zod';
import { BadInputError, type InputIssue } from '../../domain/errors.ts';
import { detectEncoding, forEachLineBatch, type TextEncodingOption } from './line-source.ts';
import { RECORD_FIELDS, toRawRecord } from './raw-record.ts';
import type { RawCourtRecord } from './types.ts';
import { parseJsonObjectLine } from './json-line.ts';

/** One input record: parsed, or the problems that stopped it, with the raw text for a rejects file. */
export interface ReadItem {
  line: number;
  raw: string;
  record?: RawCourtRecord;
  issues: InputIssue[];
}

export type OnItems = (items: ReadItem[]) => Promise<void> | void;

/** SUDRFScraper JSON Lines → read items (blank lines skipped); `first` is the line number of lines[0]. */
export function parseSudrfLines(file: string, lines: string[], first: number): ReadItem[] {
  const items: ReadItem[] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    if (raw.trim() === '') continue;
    const line = first + i;
    const parsed = parseJsonObjectLine(file, line, raw);
    items.push('issue' in parsed ? { line, raw, issues: [parsed.issue] } : { line, raw, ...toRawRecord(file, line, parsed.obj) });
  }
  return items;
}

/** SUDRFScraper's JSON Lines dump, streamed. */
export async function readSudrfScraper(file: string, encoding: TextEncodingOption, onItems: OnItems): Promise<void> {
  await forEachLineBatch(file, encoding, async (lines, first) => {
    const items = parseSudrfLines(file, lines, first);
    if (items.length) await onItems(items);
  });
}

/** The column-mapping file of the generic CSV reader: which CSV column holds which record field. */
export const CsvMapping = z.strictObject({
  columns: z.partialRecord(z.enum(RECORD_FIELDS), z.string().min(1)),
  delimiter: z.string().min(1).max(2).default(','),
  encoding: z.enum(['utf-8', 'windows-1251', 'auto']).optional(),
});
export type CsvMapping = z.infer<typeof CsvMapping>;

export async function readMapping(path: string): Promise<CsvMapping> {
  let obj: unknown;
  try {
    obj = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new BadInputError([{ file: path, line: 0, message: `cannot read the mapping: ${(e as Error).message}` }]);
  }
  const r = CsvMapping.safeParse(obj);
  if (!r.success) throw new BadInputError(r.error.issues.map((i) => ({ file: path, line: 0, field: i.path.join('.'), message: i.message })));
  for (const need of ['name', 'caseNumber'] as const)
    if (!r.data.columns[need]) throw new BadInputError([{ file: path, line: 0, field: `columns.${need}`, message: `the mapping must name the column for "${need}"` }]);
  return r.data;
}

async function headBytes(file: string): Promise<Uint8Array> {
  for await (const chunk of createReadStream(file, { start: 0, end: 65535 }) as AsyncIterable<Buffer>) return chunk;
  return new Uint8Array();
}

/** A CSV export with a column mapping, streamed through csv-parse. */
export async function readMappedCsv(file: string, mapping: CsvMapping, encoding: TextEncodingOption, onItems: OnItems): Promise<void> {
  const enc = encoding !== 'auto' ? encoding : mapping.encoding && mapping.encoding !== 'auto' ? mapping.encoding : detectEncoding(await headBytes(file));
  async function* decoded(): AsyncGenerator<string> {
    const decoder = new TextDecoder(enc);
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) yield decoder.decode(chunk, { stream: true });
    const tail = decoder.decode();
    if (tail) yield tail;
  }
  const parser = Readable.from(decoded()).pipe(
    parse({ columns: true, info: true, raw: true, bom: true, delimiter: mapping.delimiter, skip_empty_lines: true, relax_column_count: true }),
  );
  const fields = Object.entries(mapping.columns) as Array<[string, string]>;
  let batch: ReadItem[] = [];
  let headerChecked = false;
  try {
    for await (const rec of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number }; raw: string }>) {
      const line = rec.info.lines;
      if (!headerChecked) {
        headerChecked = true;
        const missing = fields.filter(([, col]) => !(col in rec.record));
        if (missing.length)
          throw new BadInputError(missing.map(([f, col]) => ({ file, line: 1, field: col, message: `column "${col}" (mapped to ${f}) is not in the header` })));
      }
      const obj: Record<string, unknown> = {};
      for (const [f, col] of fields) obj[f] = rec.record[col];
      batch.push({ line, raw: rec.raw.replace(/\r?\n$/, ''), ...toRawRecord(file, line, obj) });
      if (batch.length >= 1000) {
        const b = batch;
        batch = [];
        await onItems(b);
      }
    }
  } catch (e) {
    const err = e as { code?: string; lines?: number; message: string };
    if (typeof err.code !== 'string' || !err.code.startsWith('CSV_')) throw e;
    throw new BadInputError([{ file, line: err.lines ?? 0, message: `not readable as CSV: ${err.message}` }]);
  }
  if (batch.length) await onItems(batch);
}
