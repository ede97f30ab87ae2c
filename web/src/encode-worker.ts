/**
 * The encoding page's worker: reads the CSV file, parses the schema, derives the keys from the secret and
 * encodes every record with darkfigure's own encoder (src/linkage/encode.ts, the code `darkfigure encode`
 * runs), posting progress. It makes no request: the page uploads the CLKs it returns. Run in a worker so
 * a long list does not freeze the page, and so the secret and the rows live in memory that is thrown away
 * (the page terminates the worker) once the CLKs are made.
 */
import { useLinkageCrypto } from '../../src/linkage/crypto.ts';
import { nobleLinkageCrypto } from '../../src/linkage/crypto-noble.ts';
import { checkHeader, encodeRecords } from '../../src/linkage/encode.ts';
import { secretProblem } from '../../src/linkage/keys.ts';
import { parseSchema, SchemaError } from '../../src/linkage/schema.ts';
import { CsvParseError, parseCsvRecords } from './csv-records.ts';

export interface EncodeRequest {
  csv: File;
  /** The schema document (JSON already parsed): the project's, or a file the user picked. */
  schema: unknown;
  /** Typed secret (UTF-8), or a secret file (its bytes less one trailing newline, as `--secret-file`). */
  secret: { text: string } | { file: File };
  header: boolean;
  skipInitialSpace: boolean;
}

/** One bad value or line, as the CLI reports it: file line, 1-based column, the feature's name. */
export interface RowIssue {
  line: number;
  column?: number;
  field?: string;
  message: string;
}

export type EncodeReply =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; clks: string[]; records: number; warnings: string[] }
  | { type: 'invalid'; records: number; issues: RowIssue[]; total: number }
  /** A problem with one input of the form (field: 'schema', 'secret', 'csv'): nothing encoded. */
  | { type: 'error'; field: string; message: string };

/** Records per progress step; each step is one call of the CLI's encodeRecords. */
const STEP = 1000;

useLinkageCrypto(nobleLinkageCrypto);

const post = (m: EncodeReply) => self.postMessage(m);

function toBase64(clk: Uint8Array): string {
  let s = '';
  for (let i = 0; i < clk.length; i++) s += String.fromCharCode(clk[i]!);
  return btoa(s);
}

async function secretBytes(s: EncodeRequest['secret']): Promise<Uint8Array> {
  if ('text' in s) return new TextEncoder().encode(s.text);
  // As readSecretFile: the file's bytes less one trailing newline (\n or \r\n).
  const buf = new Uint8Array(await s.file.arrayBuffer());
  let end = buf.length;
  if (end > 0 && buf[end - 1] === 0x0a) end--;
  if (end > 0 && buf[end - 1] === 0x0d) end--;
  return buf.slice(0, end);
}

async function run(req: EncodeRequest): Promise<EncodeReply> {
  const secret = await secretBytes(req.secret);
  const problem = secretProblem(secret);
  if (problem) return { type: 'error', field: 'secret', message: problem };
  let schema;
  try {
    schema = parseSchema(req.schema);
  } catch (e) {
    if (!(e instanceof SchemaError)) throw e;
    return {
      type: 'error',
      field: 'schema',
      message: e.problems.map((p) => `${p.path || '(schema)'}: ${p.message}`).join('; '),
    };
  }
  let csv;
  try {
    csv = parseCsvRecords(await req.csv.text(), { header: req.header, skipInitialSpace: req.skipInitialSpace });
  } catch (e) {
    if (!(e instanceof CsvParseError)) throw e;
    return { type: 'invalid', records: 0, total: 0, issues: [{ line: e.line, message: e.message }] };
  }
  if (req.header) {
    const bad = checkHeader(schema, csv.header);
    if (bad.length)
      return {
        type: 'invalid',
        records: csv.rows.length,
        total: bad.length,
        issues: bad.map((b) => ({ line: 1, column: b.column, message: b.message })),
      };
  }
  if (csv.rows.length === 0) return { type: 'error', field: 'csv', message: 'the file holds no records' };
  const clks: string[] = [];
  const issues: RowIssue[] = [];
  for (let from = 0; from < csv.rows.length; from += STEP) {
    const part = encodeRecords(schema, secret, csv.rows.slice(from, from + STEP));
    for (const i of part.issues)
      issues.push({
        line: csv.lines[from + i.record]!,
        column: i.column,
        field: i.field || undefined,
        message: i.message,
      });
    if (!issues.length) for (const c of part.clks) clks.push(toBase64(c));
    post({ type: 'progress', done: Math.min(from + STEP, csv.rows.length), total: csv.rows.length });
  }
  // As the CLI: any bad value, and no CLK at all (the first 50 problems are shown).
  if (issues.length)
    return { type: 'invalid', records: csv.rows.length, issues: issues.slice(0, 50), total: issues.length };
  return { type: 'done', clks, records: csv.rows.length, warnings: schema.warnings };
}

self.onmessage = (e: MessageEvent<EncodeRequest>) => {
  run(e.data).then(post, (err: Error) => post({ type: 'error', field: 'encoding', message: err.message }));
};
