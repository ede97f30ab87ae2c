/**
 * A CSV file's records as `darkfigure encode` reads them (src/cli/linkage-io.ts readCsv: the same parser,
 * csv-parse, in its browser build, with the same options), so the page encodes the rows the CLI would.
 */
import { parse } from 'csv-parse/browser/esm/sync';

export interface CsvRecords {
  header: string[];
  rows: string[][];
  /** File line of each row (1-based). */
  lines: number[];
}

/** A CSV that cannot be parsed: the file line where the parser stopped. */
export class CsvParseError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'CsvParseError';
  }
}

export function parseCsvRecords(text: string, opts: { header: boolean; skipInitialSpace: boolean }): CsvRecords {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      info: true,
      ltrim: opts.skipInitialSpace,
      relax_column_count: true,
      skip_empty_lines: true,
      bom: true,
    }) as unknown as typeof records;
  } catch (e) {
    const err = e as Error & { lines?: number };
    throw new CsvParseError(`cannot parse the CSV: ${err.message}`, err.lines ?? 0);
  }
  const header = opts.header && records.length ? records.shift()!.record : [];
  return { header, rows: records.map((r) => r.record), lines: records.map((r) => r.info.lines) };
}
