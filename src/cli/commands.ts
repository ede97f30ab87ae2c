import type { Command } from 'commander';

/**
 * One file per command, each exporting register(program). A command's module (and everything it
 * imports: the store, ECharts, the simulator…) is loaded only when that command runs; `darkfigure
 * --help` lists the summaries below without loading any of them. A new command is one line here
 * (the summary is the command's description; test/linkage/cli-start.test.ts checks they agree).
 */
export interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<{ register: (program: Command) => void }>;
}

export const commands: CommandEntry[] = [
  {
    name: 'series',
    summary: 'list the series in the store, or one series with its observations and citations',
    load: () => import('./series.ts'),
  },
  { name: 'import', summary: 'import data into the store', load: () => import('./import.ts') },
  {
    name: 'court',
    summary: 'court records in the store: summaries and the line list for nowcasting',
    load: () => import('./court.ts'),
  },
  {
    name: 'nowcast',
    summary:
      'estimate what the recent periods of a delayed series will show once all cases are in (chain ladder, baseline, bayes)',
    load: () => import('./nowcast.ts'),
  },
  {
    name: 'mse',
    summary: 'capture–recapture (multiple systems estimation): how many were never recorded, from overlapping lists',
    load: () => import('./mse.ts'),
  },
  {
    name: 'encode',
    summary:
      'encode a CSV of people into clkhash-compatible CLKs (Bloom-filter encodings), one base64 JSON string per line',
    load: () => import('./encode.ts'),
  },
  {
    name: 'link',
    summary:
      'link two or more lists of people: by default only the capture histories (pattern counts) for capture–recapture',
    load: () => import('./link.ts'),
  },
  {
    name: 'dedupe',
    summary: 'find records of the same person within one list (pairs above the threshold, joined transitively)',
    load: () => import('./dedupe.ts'),
  },
  {
    name: 'serve',
    summary: 'serve the observatory (dashboard and API); read-only for clients without a token unless --open',
    load: () => import('./serve.ts'),
  },
  {
    name: 'token',
    summary: 'API tokens that may start compute on `darkfigure serve` (only their SHA-256 is stored)',
    load: () => import('./token.ts'),
  },
  {
    name: 'report',
    summary:
      'write a report of a view: HTML (charts, tables, methods, citations), PDF through Chromium, or the chart as PNG/SVG, or its data as CSV',
    load: () => import('./report.ts'),
  },
  {
    name: 'worker',
    summary: 'serve simulation jobs from a Redis queue (run one on each machine that should help)',
    load: () => import('./worker.ts'),
  },
  {
    name: 'calibrate',
    summary: 'fit the desertion model to the observed figures (ABC-SMC); posterior of parameters and unseen totals',
    load: () => import('./calibrate.ts'),
  },
  {
    name: 'simulate',
    summary: 'run the desertion model (docs/model.md) for a scenario, one run or an ensemble',
    load: () => import('./simulate.ts'),
  },
  {
    name: 'scenarios',
    summary: 'list the bundled simulation scenarios with a one-line description each',
    load: () => import('./scenarios.ts'),
  },
];
