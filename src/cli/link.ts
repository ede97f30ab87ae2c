/**
 * darkfigure link — JSON contract (stable):
 *   {"lists": [file names in argument order],
 *    "captureHistories": {"101": n, ...},          one character per list, argument order; '1' = on that list
 *    "thresholdSensitivity": [{"threshold": t, "linkedPeople": n}, ...],   people found on 2+ lists at t
 *                                                  ([] with --sensitivity off)
 *    "groups": [[[list, row], ...], ...]}          only with --groups; list = 0-based argument position,
 *                                                  row = 0-based record index within that file; with
 *                                                  --dedupe a group may hold several rows of one list
 * Histories count every person once, including people seen on one list only; `darkfigure mse` reads it.
 */
import type { Command } from 'commander';
import { BadInputError } from '../domain/index.ts';
import { linkJson, type LinkRequest, type LinkResult, runLink } from '../analyses/index.ts';
import { packClks, FsSettings } from '../linkage/index.ts';
import { formatTable } from './table.ts';
import { listName, parseJsonFile, parseSensitivity, parseThreshold, readClks, readCsv } from './linkage-io.ts';

interface LinkOpts {
  threshold?: string;
  groups?: boolean;
  json?: boolean;
  clear?: boolean;
  settings?: string;
  mergeThreshold: string;
  kernel: string;
  lsh?: string;
  threads: string;
  seed: string;
  dedupe?: string;
  sensitivity?: string;
}

export function readFsSettings(file: string): FsSettings {
  const parsed = FsSettings.safeParse(parseJsonFile(file));
  if (!parsed.success)
    throw new BadInputError(
      parsed.error.issues.map((i) => ({ file, line: 0, field: i.path.join('.') || undefined, message: i.message })),
    );
  return parsed.data;
}

function printResult(lists: string[], r: LinkResult, opts: { json?: boolean; groups?: boolean }): void {
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(linkJson(lists, r, opts.groups === true), null, 2)}\n`);
    return;
  }
  const people = Object.values(r.captureHistories).reduce((a, b) => a + b, 0);
  const onSeveral = r.groups.filter((g) => new Set(g.map(([l]) => l)).size > 1).length;
  process.stdout.write(
    `${lists.length} lists: ${lists.join(', ')}\n${people} people observed, ${onSeveral} found on more than one list\n\n`,
  );
  process.stdout.write(
    `${formatTable(
      ['history', 'people'],
      Object.entries(r.captureHistories).map(([h, n]) => [h, n]),
    )}\n\n`,
  );
  process.stdout.write(
    `${formatTable(
      ['threshold', 'linked people'],
      r.thresholdSensitivity.map((s) => [s.threshold, s.linkedPeople]),
    )}\n`,
  );
  if (opts.groups)
    process.stdout.write(`\ngroups ([list, row] …):\n${r.groups.map((g) => JSON.stringify(g)).join('\n')}\n`);
}

/** The analysis's defaults for what clear-text linkage does not use. */
const LINK_DEFAULTS: LinkRequest = { mergeThreshold: 0.5, kernel: 'wasm', threads: 1 };

export function register(program: Command): void {
  program
    .command('link')
    .description(
      'link two or more lists of people: by default only the capture histories (pattern counts) for capture–recapture',
    )
    .argument('<files...>', 'CLK files (JSON Lines from `darkfigure encode`), or CSV files with --clear')
    .option('--threshold <t>', 'Dice similarity (or, with --clear, match probability) at or above which records link')
    .option('--groups', 'also output the linked groups as [list, row] pairs (sensitive: reveals who is on which list)')
    .option('--json', 'print {"lists", "captureHistories", "thresholdSensitivity"[, "groups"]} as JSON')
    .option('--clear', 'clear-text Fellegi–Sunter linkage of CSV files (needs --settings)')
    .option('--settings <file>', 'Fellegi–Sunter settings JSON (with --clear)')
    .option(
      '--merge-threshold <m>',
      'share of cross pairs that must link to merge two groups (1 = strict greedy)',
      '0.5',
    )
    .option('--kernel <name>', 'Dice kernel: wasm or js', 'wasm')
    .option('--lsh <g,r>', 'bit-sampling LSH blocking with g tables of r bits (default: all pairs)')
    .option('--threads <n>', 'worker threads for all-pairs comparison', '1')
    .option('--seed <n>', 'seed for LSH bit sampling', '1')
    .option(
      '--sensitivity <from:to:step|off>',
      'thresholds of the sensitivity table (default: threshold ± 0.1 by 0.025); candidates are kept down to the lowest',
    )
    .option(
      '--dedupe <t>',
      'first merge repeats within each list at Dice ≥ t (a court list has a row per case), so a person counts once per list',
    )
    .action(async (files: string[], opts: LinkOpts) => {
      if (files.length < 2)
        throw new BadInputError([{ file: 'argument', line: 0, message: 'link needs at least two files' }]);
      const lists = files.map(listName);
      if (opts.clear) {
        if (!opts.settings)
          throw new BadInputError([
            { file: 'argument', line: 0, field: '--settings', message: '--clear needs --settings S.json' },
          ]);
        const settings = readFsSettings(opts.settings);
        const threshold = opts.threshold === undefined ? settings.threshold : parseThreshold(opts.threshold);
        const tables = files.map((f) => {
          const csv = readCsv(f, { header: true, skipInitialSpace: true });
          return { columns: csv.header.map((h) => h.trim()), rows: csv.rows, file: f, lines: csv.lines };
        });
        printResult(lists, await runLink({ kind: 'clear', tables, settings }, { ...LINK_DEFAULTS, threshold }), opts);
        return;
      }
      if (opts.threshold === undefined)
        throw new BadInputError([
          {
            file: 'argument',
            line: 0,
            field: '--threshold',
            message: 'link needs --threshold T (a Dice similarity such as 0.8)',
          },
        ]);
      const threshold = parseThreshold(opts.threshold);
      const merge = parseThreshold(opts.mergeThreshold, '--merge-threshold');
      if (opts.kernel !== 'wasm' && opts.kernel !== 'js')
        throw new BadInputError([
          { file: 'argument', line: 0, field: '--kernel', message: 'kernel must be wasm or js' },
        ]);
      const threads = Math.max(1, Math.floor(Number(opts.threads)) || 1);
      let blocking;
      if (opts.lsh) {
        const m = /^(\d+),(\d+)$/.exec(opts.lsh);
        const [, g, r] = m ?? [];
        if (g === undefined || r === undefined || +r > 30 || +g < 1)
          throw new BadInputError([
            { file: 'argument', line: 0, field: '--lsh', message: 'expected g,r such as 20,12 (r at most 30)' },
          ]);
        blocking = { tables: +g, bitsPerTable: +r, seed: Number(opts.seed) || 1 };
      }
      const req: LinkRequest = {
        threshold,
        grid: opts.sensitivity === undefined ? undefined : parseSensitivity(opts.sensitivity),
        mergeThreshold: merge,
        kernel: opts.kernel as 'wasm' | 'js',
        blocking,
        threads,
        dedupe: opts.dedupe === undefined ? undefined : parseThreshold(opts.dedupe, '--dedupe'),
      };
      // Reading the files is the command's part; matching, grouping and the sensitivity are the analysis.
      printResult(
        lists,
        await runLink({ kind: 'clk', packed: files.map((f) => packClks(readClks(f))), files }, req),
        opts,
      );
    });
}
