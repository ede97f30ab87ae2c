import { readFileSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { BadInputError } from '../domain/errors.ts';
import type { CalibrationResult } from '../calibrate/run.ts';
import { NOWCAST_METHODS, type NowcastMethod } from '../nowcast/nowcast-result.ts';
import { contentOf, isReportView, REPORT_VIEWS, type ContentSpec } from '../report/content.ts';
import { htmlToPdf } from '../report/pdf.ts';
import { loadViewData } from '../server/view-data.ts';
import { readCourtSource } from '../server/court-source.ts';
import { runCourtTask } from '../server/court-task.ts';
import { runMseTask } from '../server/mse-task.ts';
import { renderChart } from '../server/render-task.ts';
import { SimJobRegistry } from '../server/sim-jobs.ts';
import type { ViewData } from '../report/dataset.ts';
import type { Store } from '../store/index.ts';
import { withStore } from './store-context.ts';

const FORMATS = ['html', 'pdf', 'png', 'svg', 'csv'] as const;
type Format = (typeof FORMATS)[number];

interface ReportOpts {
  view: string;
  out: string;
  format?: string;
  series?: string;
  width: number;
  height: number;
  json?: boolean;
  scenarios: string;
  runs: string;
  agents: string;
  seed: string;
  input?: string;
  method: string;
  chart?: string;
}

const whole = (field: string, v: string, min: number, max: number) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw bad(field, `must be a whole number from ${min} to ${max}, got "${v}"`);
  return n;
};

/** Run the small ensemble of the scenarios view (on worker threads, as the server does). */
async function scenariosSpec(o: ReportOpts, data: ViewData): Promise<ContentSpec> {
  const jobs = new SimJobRegistry();
  try {
    let job;
    try {
      job = jobs.start({ scenarios: o.scenarios.split(',').map((s) => s.trim()).filter(Boolean), runs: whole('runs', o.runs, 1, 20), agents: whole('agents', o.agents, 1000, 200_000), seed: whole('seed', o.seed, 0, 2 ** 32 - 1), start: '2022-02-24', end: '2025-12-31' });
    } catch (e) {
      if (e instanceof BadInputError) throw e;
      throw bad('scenarios', (e as Error).message);
    }
    while (job.status === 'running') await new Promise((r) => setTimeout(r, 100));
    if (job.status === 'failed' || !job.results) throw new Error(`the simulation failed: ${job.error ?? 'no results'}`);
    return { view: 'scenarios', data, results: job.results };
  } finally {
    await jobs.close();
  }
}

function readInput(o: ReportOpts, what: string): string {
  if (!o.input) throw bad('input', `--view ${o.view} needs --input <${what}>`);
  try {
    return readFileSync(o.input, 'utf8');
  } catch (e) {
    throw new BadInputError([{ file: o.input, line: 0, message: `cannot read the file: ${(e as Error).message}` }]);
  }
}

/** Capture–recapture on a pattern-count JSON, a `link --json` output, or a records CSV file. */
function mseSpec(o: ReportOpts, data: ViewData): ContentSpec {
  const text = readInput(o, 'pattern counts JSON, link --json output, or records CSV');
  return { view: 'mse', data, result: runMseTask({ kind: 'upload', name: o.input!, text, seed: whole('seed', o.seed, 0, 2 ** 32 - 1) }) };
}

/** A finished calibration's posterior.json (from `darkfigure calibrate --out DIR`). */
function calibrationSpec(o: ReportOpts, data: ViewData): ContentSpec {
  const text = readInput(o, 'posterior.json from darkfigure calibrate');
  let result: CalibrationResult;
  try {
    result = JSON.parse(text) as CalibrationResult;
  } catch (e) {
    throw new BadInputError([{ file: o.input!, line: 0, message: `not JSON: ${(e as Error).message}` }]);
  }
  if (!result?.unseen?.series || !Array.isArray(result.predictive)) throw new BadInputError([{ file: o.input!, line: 0, message: 'not a calibration posterior (expected "unseen" and "predictive")' }]);
  return { view: 'calibration', data, result };
}

/** The court view: the store's court records, or the labelled simulated line list, nowcast in-process. */
async function courtSpec(o: ReportOpts, store: Store, data: ViewData): Promise<ContentSpec> {
  if (!(NOWCAST_METHODS as readonly string[]).includes(o.method)) throw bad('method', `unknown nowcast method "${o.method}"; expected one of ${NOWCAST_METHODS.join(', ')}`);
  return { view: 'court', data, court: runCourtTask({ source: await readCourtSource(store), method: o.method as NowcastMethod, seed: whole('seed', o.seed, 0, 2 ** 32 - 1) }) };
}

const bad = (field: string, message: string) => new BadInputError([{ file: 'arguments', line: 0, field, message }]);

export function register(program: Command): void {
  program
    .command('report')
    .description('write a report of a view: HTML (charts, tables, methods, citations), PDF through Chromium, or the chart as PNG/SVG, or its data as CSV')
    .requiredOption('--view <view>', `view to report: ${REPORT_VIEWS.join(', ')}`)
    .requiredOption('--out <file>', 'file to write')
    .option('--format <format>', `${FORMATS.join(', ')} (default: from the --out extension, else html)`)
    .option('--series <id>', 'series id, for --view series (default: every series with figures; png/svg/csv need one)')
    .option('--width <px>', 'chart width for png/svg', (v) => Number.parseInt(v, 10), 960)
    .option('--height <px>', 'chart height for png/svg', (v) => Number.parseInt(v, 10), 480)
    .option('--scenarios <names>', 'for --view scenarios: comma-separated bundled scenarios', 'baseline')
    .option('--runs <n>', 'for --view scenarios: runs per scenario', '2')
    .option('--agents <n>', 'for --view scenarios: agents per run', '20000')
    .option('--seed <s>', 'for --view scenarios, mse and court: random seed', '1')
    .option('--input <file>', 'for --view mse: pattern counts (JSON), link --json output or records (CSV); for --view calibration: posterior.json')
    .option('--method <method>', `for --view court: the nowcast method, ${NOWCAST_METHODS.join(', ')}`, 'bayes')
    .option('--chart <id>', 'for png/svg/csv: which chart of the view (default: the first)')
    .option('--json', 'print what was written as JSON')
    .action(async (opts: ReportOpts) => {
      if (!isReportView(opts.view)) throw bad('view', `unknown view "${opts.view}"; expected one of ${REPORT_VIEWS.join(', ')}`);
      const view = opts.view;
      const fromExt = extname(opts.out).slice(1).toLowerCase();
      const format = (opts.format ?? ((FORMATS as readonly string[]).includes(fromExt) ? fromExt : 'html')) as Format;
      if (!FORMATS.includes(format)) throw bad('format', `unknown format "${opts.format}"; expected one of ${FORMATS.join(', ')}`);
      for (const [k, v] of [['width', opts.width], ['height', opts.height]] as const) if (!Number.isInteger(v) || v < 200 || v > 4000) throw bad(k, `${k} must be a whole number from 200 to 4000`);
      await withStore(async (store) => {
        const data = await loadViewData(store);
        if (opts.series && (view === 'overview' || view === 'series') && !data.series.some((s) => s.id === opts.series)) throw bad('series', `unknown series "${opts.series}" (see \`darkfigure series\`)`);
        if (view === 'series' && !opts.series && ['png', 'svg', 'csv'].includes(format)) throw bad('series', `--format ${format} of the series view needs --series <id>`);
        const spec: ContentSpec =
          view === 'scenarios' ? await scenariosSpec(opts, data)
          : view === 'mse' ? mseSpec(opts, data)
          : view === 'calibration' ? calibrationSpec(opts, data)
          : view === 'court' ? await courtSpec(opts, store, data)
          : { view, data, series: opts.series };
        const content = contentOf(spec);
        if (opts.chart && !content.charts.some((c) => c.id === opts.chart)) throw bad('chart', `no chart "${opts.chart}" in the ${view} view; it has ${content.charts.map((c) => c.id).join(', ')}`);
        const generated = new Date().toISOString().slice(0, 10);
        // The same code the server's render thread runs, here in-process.
        const rendered = renderChart({ spec, format: format === 'pdf' ? 'html' : format, width: opts.width, height: opts.height, chart: opts.chart, generated });
        const body: string | Buffer = format === 'pdf' ? await htmlToPdf(rendered as string) : typeof rendered === 'string' ? rendered : Buffer.from(rendered);
        writeFileSync(opts.out, body);
        const bytes = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
        const summary = { view, format, out: opts.out, bytes, charts: content.charts.map((c) => ({ id: c.id, title: c.title, points: c.points })) };
        if (opts.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
        else process.stdout.write(`wrote ${opts.out} (${format}, ${bytes} bytes, ${content.charts.length} chart(s))\n`);
      });
    });
}
