import type { Command } from 'commander';
import { importObservationFiles } from '../ingest/index.ts';
import { registerImportCourt } from './court.ts';
import { withStore } from './store-context.ts';

/** Importers hang under `darkfigure import <kind>`; other kinds (court records) add theirs to this list. */
export const importers: Array<(importCommand: Command) => void> = [
  (cmd) =>
    cmd
      .command('observations')
      .description('import aggregate observations from CSV or JSON Lines; all or nothing, idempotent by content')
      .argument('<files...>', 'CSV (.csv) or JSON Lines (.jsonl) files')
      .option('--json', 'print the summary as JSON')
      .action(async (files: string[], opts: { json?: boolean }) => {
        await withStore(async (store) => {
          const r = await importObservationFiles(store, files);
          if (opts.json) process.stdout.write(`${JSON.stringify(r)}\n`);
          else
            process.stdout.write(
              `imported ${r.inserted} new observation(s), ${r.unchanged} already present, from ${r.files.length} file(s)\n`,
            );
        });
      }),
  registerImportCourt,
];

export function register(program: Command): void {
  const cmd = program.command('import').description('import data into the store');
  for (const add of importers) add(cmd);
}
