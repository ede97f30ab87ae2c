import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { BadInputError } from '../domain/index.ts';
import {
  type CourtFormat,
  importCourtFiles,
  type TextEncodingOption,
  courtNameEncoder,
  readMapping,
} from '../ingest/index.ts';
import { SUMMARY_DIMENSIONS, type SummaryDimension } from '../store/index.ts';
import { CourtRequest, NOWCAST_METHODS, runCourt } from '../analyses/index.ts';
import { publishedNowcastLine, publishedNowcastTables } from '../report/index.ts';
import { readSecretFile } from './secret-file.ts';
import { withStore } from './store-context.ts';
import { formatTable } from './table.ts';

function parseBy(value: string | undefined): SummaryDimension[] {
  if (!value) return [];
  const dims = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = dims.filter((d) => !(SUMMARY_DIMENSIONS as readonly string[]).includes(d));
  if (bad.length)
    throw new BadInputError(
      bad.map((d) => ({
        file: 'argument',
        line: 0,
        field: '--by',
        message: `unknown dimension "${d}" (use ${SUMMARY_DIMENSIONS.join(', ')})`,
      })),
    );
  return [...new Set(dims)] as SummaryDimension[];
}

interface ImportFlags {
  format: CourtFormat;
  mapping?: string;
  secretFile?: string;
  linkageSchema?: string;
  linkageSecretFile?: string;
  onError: 'fail' | 'skip';
  rejects?: string;
  encoding: TextEncodingOption;
  keepText?: boolean;
  fullScrape?: boolean;
  scrapedAt?: string;
  json?: boolean;
}

/** `darkfigure import court FILE...` (hangs under `import`, see import.ts). */
export function registerImportCourt(importCommand: Command): void {
  importCommand
    .command('court')
    .description(
      'import court records (SUDRFScraper JSON Lines, or CSV with a column mapping): classify, pseudonymise names, merge scrapes, derive monthly series',
    )
    .argument('<files...>', 'dump files')
    .option('--format <format>', 'sudrfscraper | csv', 'sudrfscraper')
    .option(
      '--mapping <file>',
      'CSV column mapping (JSON: {"columns": {"name": "Суд", "caseNumber": "Номер", …}, "delimiter": ";"})',
    )
    .option(
      '--secret-file <file>',
      'file holding your secret for the keyed name hashes (HMAC-SHA256); without it names are dropped unhashed',
    )
    .option(
      '--linkage-schema <file>',
      'also store a clkhash-compatible CLK of each name under this linkage schema (needs --linkage-secret-file)',
    )
    .option('--linkage-secret-file <file>', 'file holding the linkage secret shared with the other list holders')
    .option(
      '--on-error <mode>',
      'fail (nothing written) | skip (bad records, redacted, to a rejects file readable only by you)',
      'fail',
    )
    .option('--rejects <file>', 'where skipped records go (default FILE.rejects.jsonl)')
    .option(
      '--encoding <encoding>',
      'utf-8 | windows-1251 | auto: UTF-8 when every byte is, Windows-1251 only when the file is clearly not UTF-8, otherwise an error naming the first bad byte',
      'auto',
    )
    .option('--keep-text', 'store judgment texts (names redacted)')
    .option(
      '--full-scrape',
      'the files are complete re-scrapes of their courts over their date span: mark unlisted stored cases deleted',
    )
    .option('--scraped-at <date>', 'day of the scrape, YYYY-MM-DD (default: the file modification date)')
    .option('--json', 'print the summary as JSON')
    .action(async (files: string[], flags: ImportFlags) => {
      if (!['sudrfscraper', 'csv'].includes(flags.format))
        throw new BadInputError([
          {
            file: 'argument',
            line: 0,
            field: '--format',
            message: `unknown format "${flags.format}" (sudrfscraper or csv)`,
          },
        ]);
      if (!['fail', 'skip'].includes(flags.onError))
        throw new BadInputError([
          { file: 'argument', line: 0, field: '--on-error', message: `"${flags.onError}" is not fail or skip` },
        ]);
      if (!['utf-8', 'windows-1251', 'auto'].includes(flags.encoding))
        throw new BadInputError([
          {
            file: 'argument',
            line: 0,
            field: '--encoding',
            message: `"${flags.encoding}" is not utf-8, windows-1251 or auto`,
          },
        ]);
      if (flags.scrapedAt && !/^\d{4}-\d{2}-\d{2}$/.test(flags.scrapedAt))
        throw new BadInputError([
          { file: 'argument', line: 0, field: '--scraped-at', message: `"${flags.scrapedAt}" is not YYYY-MM-DD` },
        ]);
      if (flags.format === 'csv' && !flags.mapping)
        throw new BadInputError([
          { file: 'argument', line: 0, field: '--mapping', message: 'the csv format needs --mapping' },
        ]);
      const mapping = flags.mapping ? await readMapping(flags.mapping) : undefined;
      // Secrets come from files the user keeps (on the command line they would sit in shell history).
      const secret = flags.secretFile ? readSecretFile(flags.secretFile) : undefined;
      if (!!flags.linkageSchema !== !!flags.linkageSecretFile)
        throw new BadInputError([
          {
            file: 'argument',
            line: 0,
            field: '--linkage-schema',
            message: '--linkage-schema and --linkage-secret-file go together',
          },
        ]);
      let linkage: { schema: unknown; secret: Uint8Array } | undefined;
      if (flags.linkageSchema && flags.linkageSecretFile) {
        let schema: unknown;
        try {
          schema = JSON.parse(await readFile(flags.linkageSchema, 'utf8'));
        } catch (e) {
          throw new BadInputError([
            { file: flags.linkageSchema, line: 0, message: `cannot read the linkage schema: ${(e as Error).message}` },
          ]);
        }
        linkage = { schema, secret: readSecretFile(flags.linkageSecretFile, '--linkage-secret-file') };
        try {
          courtNameEncoder(linkage.schema, linkage.secret);
        } catch (e) {
          throw new BadInputError([
            { file: flags.linkageSchema, line: 0, message: `not a usable linkage schema: ${(e as Error).message}` },
          ]);
        }
      }
      if (!secret)
        process.stderr.write(
          'darkfigure: no --secret-file: defendant names are dropped without a keyed hash (no deduplication by person)\n',
        );
      await withStore(
        async (store) => {
          const tty = process.stderr.isTTY;
          const r = await importCourtFiles(store, files, {
            format: flags.format,
            mapping,
            encoding: flags.encoding,
            secret,
            linkage,
            onError: flags.onError,
            rejectsFile: flags.rejects
              ? (f) => (files.length === 1 ? flags.rejects! : `${flags.rejects}.${files.indexOf(f)}`)
              : undefined,
            keepText: flags.keepText,
            fullScrape: flags.fullScrape,
            scrapedAt: flags.scrapedAt,
            onProgress: tty ? (n) => process.stderr.write(`\r${n.toLocaleString('en-US')} records read`) : undefined,
          });
          if (tty) process.stderr.write('\n');
          if (flags.json) return void process.stdout.write(`${JSON.stringify(r)}\n`);
          for (const f of r.files) {
            if (f.alreadyImported)
              process.stdout.write(`${f.file}: already imported (same content), nothing changed\n`);
            else
              process.stdout.write(
                `${f.file}: ${f.records} record(s)${f.rejected ? `, ${f.rejected} rejected → ${f.rejectsFile}` : ''}${f.deleted ? `, ${f.deleted} stored case(s) marked deleted` : ''}\n`,
              );
          }
          process.stdout.write(
            `cases: ${r.inserted} new, ${r.updated} updated, ${r.unchanged} unchanged; unknown: ${r.unknown.article} article(s), ${r.unknown.sentence} sentence(s), ${r.unknown.tier} tier(s), ${r.unknown.result} result(s); ${r.observations} derived observation(s)\n`,
          );
        },
        { bundled: false },
      );
    });
}

export function register(program: Command): void {
  const court = program
    .command('court')
    .description('court records in the store: summaries and the line list for nowcasting');
  court
    .command('summary')
    .description(
      'cases and defendants (counted apart: a case with two defendants is one case, two defendants), grouped by month (received), article (and part), sentence, court tier or region',
    )
    .option('--by <dims>', `comma-separated: ${SUMMARY_DIMENSIONS.join(',')}`)
    .option(
      '--json',
      'print {"rows": [{<dims>, "cases": n, "defendants": n}, …]}, with "total": {"cases": n, "defendants": n} when grouped',
    )
    .action(async (opts: { by?: string; json?: boolean }) => {
      const by = parseBy(opts.by);
      await withStore(
        async (store) => {
          const rows = await store.court.summary(by);
          // The total is counted, not summed: a defendant with two articles sits in two article rows.
          const [total = { cases: 0, defendants: 0 }] = by.length ? await store.court.summary([]) : rows;
          if (opts.json)
            return void process.stdout.write(
              `${JSON.stringify(by.length ? { rows, total: { cases: total.cases, defendants: total.defendants } } : { rows })}\n`,
            );
          const keys = rows[0]
            ? Object.keys(rows[0])
            : [...by.flatMap((d) => (d === 'article' ? ['article', 'part'] : [d])), 'cases', 'defendants'];
          const body = rows.map((r) => keys.map((k) => r[k]!)); // every row has the first row's keys
          // A summary row always carries the cases and defendants counts.
          if (by.length)
            body.push(
              keys.map((k, i) =>
                k === 'cases' ? total.cases! : k === 'defendants' ? total.defendants! : i === 0 ? 'total' : '',
              ),
            );
          process.stdout.write(`${formatTable(keys, body)}\n`);
        },
        { bundled: false },
      );
    });
  court
    .command('nowcast')
    .description(
      "the court view: monthly counts and the nowcast of verdicts to come, by month received (of the store's records, or of a labelled simulated line list when it has none)",
    )
    .option('--method <method>', `${NOWCAST_METHODS.join(', ')}`, 'bayes')
    .option('--seed <s>', 'random seed of the nowcast', '1')
    .option('--json', 'print the view as GET /api/court?method= answers it')
    .action(async (opts: { method: string; seed: string; json?: boolean }) => {
      const req = CourtRequest.safeParse({ method: opts.method, seed: Number(opts.seed) });
      if (!req.success)
        throw new BadInputError(
          req.error.issues.map((i) => ({
            file: 'arguments',
            line: 0,
            field: `--${String(i.path[0] ?? '')}`,
            message: i.message,
          })),
        );
      await withStore(
        async (store) => {
          const view = await runCourt({ store }, req.data);
          if (opts.json) return void process.stdout.write(`${JSON.stringify(view)}\n`);
          // The published series' nowcast first, as the page shows it; then the line list's.
          if (view.published?.length) {
            process.stdout.write(`${publishedNowcastLine(view.published)}\n\n`);
            for (const t of publishedNowcastTables(view.published))
              process.stdout.write(
                `${t.title}\n${formatTable(
                  t.columns,
                  t.rows.map((r) => r.cells),
                )}\n\n`,
              );
          }
          process.stdout.write(
            `${view.label}\nnowcast (${view.nowcast.method}) as of ${view.now}, delays up to ${view.nowcast.maxDelay} months\n`,
          );
          const fmt = (x: number) => (Number.isFinite(x) ? String(Math.round(x)) : '—');
          process.stdout.write(
            `${formatTable(
              ['month', 'verdicts known', 'estimate', '95% interval'],
              view.nowcast.periods.map((p) => [
                p.period.slice(0, 7),
                p.reported,
                fmt(p.estimate),
                `[${fmt(p.lo95)}, ${fmt(p.hi95)}]`,
              ]),
            )}\n`,
          );
          for (const w of view.nowcast.warnings) process.stdout.write(`warning: ${w}\n`);
        },
        // The bundled figures are read, as the server reads them: the published series' nowcast needs them.
      );
    });
  court
    .command('lines')
    .description('the line list nowcasting takes: received date and verdict date of every case')
    .option('--json', 'print {"cases": [{"received", "verdict", "tier"}, …]}')
    .action(async (opts: { json?: boolean }) => {
      await withStore(
        async (store) => {
          const cases = await store.court.lineList();
          if (opts.json) return void process.stdout.write(`${JSON.stringify({ cases })}\n`);
          process.stdout.write(
            `${formatTable(
              ['received', 'verdict', 'tier'],
              cases.map((c) => [c.received, c.verdict ?? '', c.tier]),
            )}\n`,
          );
        },
        { bundled: false },
      );
    });
}
