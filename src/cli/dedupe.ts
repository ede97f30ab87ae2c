import type { Command } from 'commander';
import { BadInputError } from '../domain/index.ts';
import {
  packClks,
  allPairs,
  filterPairs,
  dedupeClusters,
  thresholdGrid,
  dedupeClear,
  PROBABILITY_GRID,
} from '../linkage/index.ts';
import { allPairsParallel } from '../jobs/index.ts';
import { formatTable } from './table.ts';
import { listName, parseThreshold, readClks, readCsv } from './linkage-io.ts';
import { readFsSettings } from './link.ts';

export function register(program: Command): void {
  program
    .command('dedupe')
    .description('find records of the same person within one list (pairs above the threshold, joined transitively)')
    .argument('<file>', 'CLK file (JSON Lines from `darkfigure encode`), or a CSV with --clear')
    .option(
      '--threshold <t>',
      'Dice similarity (or, with --clear, match probability) at or above which records are the same person',
    )
    .option('--json', 'print {"file", "records", "people", "threshold", "clusters", "thresholdSensitivity"} as JSON')
    .option('--clear', 'clear-text Fellegi–Sunter deduplication of a CSV (needs --settings)')
    .option('--settings <file>', 'Fellegi–Sunter settings JSON (with --clear)')
    .option('--kernel <name>', 'Dice kernel: wasm or js', 'wasm')
    .option('--threads <n>', 'worker threads', '1')
    .action(
      async (
        file: string,
        opts: {
          threshold?: string;
          json?: boolean;
          clear?: boolean;
          settings?: string;
          kernel: string;
          threads: string;
        },
      ) => {
        let records: number;
        let threshold: number;
        let clusters: number[][];
        const sensitivity: Array<{ threshold: number; people: number }> = [];
        if (opts.clear) {
          if (!opts.settings)
            throw new BadInputError([
              { file: 'argument', line: 0, field: '--settings', message: '--clear needs --settings S.json' },
            ]);
          const settings = readFsSettings(opts.settings);
          threshold = opts.threshold === undefined ? settings.threshold : parseThreshold(opts.threshold);
          const csv = readCsv(file, { header: true, skipInitialSpace: true });
          const table = { columns: csv.header.map((h) => h.trim()), rows: csv.rows, file, lines: csv.lines };
          records = table.rows.length;
          const run = dedupeClear(table, settings);
          clusters = run.clustersAt(threshold);
          for (const t of [...new Set([...PROBABILITY_GRID, threshold])].sort((a, b) => a - b)) {
            const c = run.clustersAt(t);
            sensitivity.push({ threshold: t, people: records - c.reduce((s, g) => s + g.length - 1, 0) });
          }
        } else {
          if (opts.threshold === undefined)
            throw new BadInputError([
              {
                file: 'argument',
                line: 0,
                field: '--threshold',
                message: 'dedupe needs --threshold T (a Dice similarity such as 0.8)',
              },
            ]);
          threshold = parseThreshold(opts.threshold);
          if (opts.kernel !== 'wasm' && opts.kernel !== 'js')
            throw new BadInputError([
              { file: 'argument', line: 0, field: '--kernel', message: 'kernel must be wasm or js' },
            ]);
          const packed = packClks(readClks(file));
          records = packed.n;
          const grid = [...new Set([...thresholdGrid(threshold), threshold])].sort((a, b) => a - b);
          const threads = Math.max(1, Math.floor(Number(opts.threads)) || 1);
          const lowest = grid[0]!; // the grid holds at least the threshold itself
          const all =
            threads > 1
              ? await allPairsParallel(packed, null, lowest, threads, opts.kernel as 'wasm')
              : allPairs(packed, null, lowest, opts.kernel as 'wasm');
          clusters = dedupeClusters(filterPairs(all, threshold), records);
          for (const t of grid) {
            const c = dedupeClusters(filterPairs(all, t), records);
            sensitivity.push({ threshold: t, people: records - c.reduce((s, g) => s + g.length - 1, 0) });
          }
        }
        const people = records - clusters.reduce((s, g) => s + g.length - 1, 0);
        if (opts.json) {
          process.stdout.write(
            `${JSON.stringify({ file: listName(file), records, people, threshold, clusters, thresholdSensitivity: sensitivity }, null, 2)}\n`,
          );
          return;
        }
        process.stdout.write(
          `${listName(file)}: ${records} records, ${people} people (${clusters.length} clusters of duplicates) at threshold ${threshold}\n\n`,
        );
        process.stdout.write(
          `${formatTable(
            ['threshold', 'people'],
            sensitivity.map((s) => [s.threshold, s.people]),
          )}\n`,
        );
      },
    );
}
