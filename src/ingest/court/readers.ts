import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { z } from 'zod';
import { BadInputError, type InputIssue } from '../../domain/index.ts';
import {
  forEachLineBatch,
  resolveEncoding,
  strictDecoder,
  type TextEncoding,
  type TextEncodingOption,
} from './line-source.ts';
import { maskLetters, RECORD_FIELDS, redactedRecord, toRawRecord } from './raw-record.ts';
import type { RawCourtRecord } from './types.ts';
import { parseJsonObjectLine } from './json-line.ts';

/** One input record: parsed, or the problems that stopped it, with its redacted text for a rejects file. */
export interface ReadItem {
  line: number;
  /** For a rejected record only: its fields with anything that may name a person blanked (raw-record.ts); '' otherwise. */
  raw: string;
  record?: RawCourtRecord;
  issues: InputIssue[];
}

export type OnItems = (items: ReadItem[]) => Promise<void> | void;

/** SUDRFScraper JSON Lines → read items (blank lines skipped); `first` is the line number of lines[0]. */
export function parseSudrfLines(file: string, lines: string[], first: number): ReadItem[] {
  const items: ReadItem[] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '') continue;
    const line = first + i;
    const parsed = parseJsonObjectLine(file, line, raw);
    if ('issue' in parsed) items.push({ line, raw: maskLetters(raw), issues: [parsed.issue] });
    else {
      const r = toRawRecord(file, line, parsed.obj);
      // The raw text goes no further than this reader in clear: a rejected record leaves redacted.
      items.push({ line, raw: r.record ? '' : redactedRecord(parsed.obj), ...r });
    }
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
  if (!r.success)
    throw new BadInputError(
      r.error.issues.map((i) => ({ file: path, line: 0, field: i.path.join('.'), message: i.message })),
    );
  for (const need of ['name', 'caseNumber'] as const)
    if (!r.data.columns[need])
      throw new BadInputError([
        { file: path, line: 0, field: `columns.${need}`, message: `the mapping must name the column for "${need}"` },
      ]);
  return r.data;
}

// csv-parse's messages quote the field text; these say what went wrong without it.
const CSV_PROBLEMS: Record<string, string> = {
  CSV_INVALID_CLOSING_QUOTE: 'a quoted field goes on after its closing quote (a stray quote)',
  INVALID_OPENING_QUOTE: 'a quote inside an unquoted field (a stray quote)',
  CSV_INVALID_OPENING_QUOTE: 'a quote inside an unquoted field (a stray quote)',
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed (a stray quote); the rest of the file was read as one field',
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'a different number of fields than the header',
  CSV_RECORD_INCONSISTENT_COLUMNS: 'a different number of fields than the header',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'text after a closing quote (a stray quote)',
  CSV_MAX_RECORD_SIZE: 'a record too large to be one (a stray quote?)',
};
const csvProblem = (code: string | undefined) =>
  `not readable as CSV: ${(code && CSV_PROBLEMS[code]) ?? `malformed (${code ?? 'unknown error'})`}`;

/**
 * A CSV export with a column mapping, streamed through csv-parse. A malformed record (a stray quote) is a
 * bad record with its line like any other, so that --on-error skip skips it; csv-parse resumes after it.
 */
export async function readMappedCsv(
  file: string,
  mapping: CsvMapping,
  encoding: TextEncodingOption,
  onItems: OnItems,
): Promise<void> {
  const requested = encoding !== 'auto' ? encoding : (mapping.encoding ?? 'auto');
  // Checked before parsing (a quick pass): a decoding failure inside the pipe below would stall it.
  const enc: TextEncoding = await resolveEncoding(file, requested);
  async function* decoded(): AsyncGenerator<string> {
    const decode = strictDecoder(file, enc);
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>)
      yield decode(chunk, 0);
    const tail = decode(undefined, 0);
    if (tail) yield tail;
  }
  let batch: ReadItem[] = [];
  const source = Readable.from(decoded());
  const parser = source.pipe(
    parse({
      columns: true,
      info: true,
      bom: true,
      delimiter: mapping.delimiter,
      skip_empty_lines: true,
      relax_column_count: true,
      skip_records_with_error: true,
      on_skip: (err, raw) => {
        const line = Number(err?.lines ?? 0);
        const issue = { file, line, message: csvProblem(err?.code) };
        // One stray quote can raise several errors on one line: one bad record.
        const last = batch[batch.length - 1];
        if (!last || last.line !== line || last.record)
          batch.push({ line, raw: maskLetters(raw ?? ''), issues: [issue] });
        else if (!last.issues.some((i) => i.message === issue.message)) last.issues.push(issue);
        return undefined;
      },
    }),
  );
  // pipe() does not pass a source's error on: without this, a failed read would leave the loop waiting.
  source.on('error', (e) => parser.destroy(e));
  const fields = Object.entries(mapping.columns) as Array<[string, string]>;
  let headerChecked = false;
  try {
    for await (const rec of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      const line = rec.info.lines;
      if (!headerChecked) {
        headerChecked = true;
        const missing = fields.filter(([, col]) => !(col in rec.record));
        if (missing.length)
          throw new BadInputError(
            missing.map(([f, col]) => ({
              file,
              line: 1,
              field: col,
              message: `column "${col}" (mapped to ${f}) is not in the header`,
            })),
          );
      }
      const obj: Record<string, unknown> = {};
      for (const [f, col] of fields) obj[f] = rec.record[col];
      const r = toRawRecord(file, line, obj);
      batch.push({ line, raw: r.record ? '' : redactedRecord(obj), ...r });
      if (batch.length >= 1000) {
        const b = batch;
        batch = [];
        await onItems(b);
      }
    }
  } catch (e) {
    if (e instanceof BadInputError) throw e;
    const err = e as { code?: string; lines?: number };
    if (typeof err.code !== 'string' || !err.code.startsWith('CSV_')) throw e;
    throw new BadInputError([{ file, line: err.lines ?? 0, message: csvProblem(err.code) }]);
  }
  if (batch.length) await onItems(batch);
}
