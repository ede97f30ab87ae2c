import type { Command } from 'commander';
import { BadInputError, type InputIssue } from '../domain/errors.ts';
import { checkHeader, encodeRecords, toBase64 } from '../linkage/encoding.ts';
import { readCsv, readSchema } from './linkage-io.ts';
import { readSecretFile } from './secret-file.ts';

export function register(program: Command): void {
  program
    .command('encode')
    .description(
      'encode a CSV of people into clkhash-compatible CLKs (Bloom-filter encodings), one base64 JSON string per line',
    )
    .argument('<in>', 'CSV file, one column per schema feature (header must match the schema identifiers)')
    .requiredOption('--schema <file>', 'clkhash linkage schema (version 1, 2 or 3) as JSON')
    .requiredOption(
      '--secret-file <file>',
      'file holding the shared secret, at least 16 bytes (never on the command line); one trailing newline is ignored',
    )
    .option('--no-header', 'the CSV has no header row')
    .option('--skip-initial-space', 'drop spaces after each comma (as in the FEBRL files)')
    .action(
      (input: string, opts: { schema: string; secretFile: string; header: boolean; skipInitialSpace?: boolean }) => {
        const schema = readSchema(opts.schema);
        const secret = readSecretFile(opts.secretFile);
        const csv = readCsv(input, { header: opts.header, skipInitialSpace: opts.skipInitialSpace === true });
        if (opts.header) {
          const bad = checkHeader(schema, csv.header);
          if (bad.length)
            throw new BadInputError(
              bad.map((b): InputIssue => ({ file: input, line: 1, column: b.column, message: b.message })),
            );
        }
        const { clks, issues } = encodeRecords(schema, secret, csv.rows);
        if (issues.length)
          throw new BadInputError(
            issues.slice(0, 50).map((i): InputIssue => ({
              file: input,
              line: csv.lines[i.record]!,
              column: i.column,
              field: i.field || undefined,
              message: i.message,
            })),
          );
        for (const w of schema.warnings) process.stderr.write(`darkfigure: warning: ${w}\n`);
        // All records encoded before anything is written: bad input leaves no partial output.
        process.stdout.write(clks.map((c) => `${JSON.stringify(toBase64(c))}\n`).join(''));
      },
    );
}
