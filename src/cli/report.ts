import { readFileSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { BadInputError } from '../domain/errors.ts';
import { toCsv } from '../report/csv.ts';
import { reportHtml } from '../report/html-report.ts';
import { htmlToPdf } from '../report/pdf.ts';
import { renderPng, renderSvg } from '../report/render.ts';
import { EXPORTABLE_VIEWS, isExportableView, viewContent } from '../report/views.ts';
import { loadViewData } from '../server/view-data.ts';
import { mseContent, scenariosContent } from '../report/computed-views.ts';
import { runMseTask } from '../server/mse-task.ts';
import { SimJobRegistry } from '../server/sim-jobs.ts';
import type { ViewData } from '../report/dataset.ts';
import type { ViewContent } from '../report/views.ts';
import { withStore } from './store-context.ts';

const FORMATS = ['html', 'pdf', 'png', 'svg', 'csv'] as const;
type Format = (typeof FORMATS)[number];
const COMING: Record<string, string> = {
  court: 'the court-records view is not built yet',
};
const COMPUTED = ['scenarios', 'mse'] as const;

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
}

const whole = (field: string, v: string, min: number, max: number) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw bad(field, `must be a whole number from ${min} to ${max}, got "${v}"`);
  return n;
};

/** Run the small ensemble of the scenarios view (on worker threads, as the server does) and lay out its charts. */
async function scenariosView(o: ReportOpts, data: ViewData): Promise<ViewContent> {
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
    return scenariosContent(job.results, data);
  } finally {
    await jobs.close();
  }
}

/** Capture–recapture on a pattern-count JSON or records CSV file. */
function mseView(o: ReportOpts): ViewContent {
  if (!o.input) throw bad('input', '--view mse needs --input <pattern counts JSON or records CSV>');
  let text: string;
  try {
    text = readFileSync(o.input, 'utf8');
  } catch (e) {
    throw new BadInputError([{ file: o.input, line: 0, message: `cannot read the file: ${(e as Error).message}` }]);
  }
  return mseContent(runMseTask({ kind: 'upload', name: o.input, text, seed: whole('seed', o.seed, 0, 2 ** 32 - 1) }));
}

const bad = (field: string, message: string) => new BadInputError([{ file: 'arguments', line: 0, field, message }]);

export function register(program: Command): void {
  program
    .command('report')
    .description('write a report of a view: HTML (charts, tables, methods, citations), PDF through Chromium, or the chart as PNG/SVG, or its data as CSV')
    .requiredOption('--view <view>', `view to report: ${[...EXPORTABLE_VIEWS, ...COMPUTED].join(', ')} (court follows)`)
    .requiredOption('--out <file>', 'file to write')
    .option('--format <format>', `${FORMATS.join(', ')} (default: from the --out extension, else html)`)
    .option('--series <id>', 'series id, for --view series (default: every series with figures; png/svg/csv need one)')
    .option('--width <px>', 'chart width for png/svg', (v) => Number.parseInt(v, 10), 960)
    .option('--height <px>', 'chart height for png/svg', (v) => Number.parseInt(v, 10), 480)
    .option('--scenarios <names>', 'for --view scenarios: comma-separated bundled scenarios', 'baseline')
    .option('--runs <n>', 'for --view scenarios: runs per scenario', '2')
    .option('--agents <n>', 'for --view scenarios: agents per run', '20000')
    .option('--seed <s>', 'for --view scenarios and mse: random seed', '1')
    .option('--input <file>', 'for --view mse: pattern counts (JSON) or records (CSV)')
    .option('--json', 'print what was written as JSON')
    .action(async (opts: ReportOpts) => {
      if (COMING[opts.view]) throw bad('view', `"${opts.view}" is not available yet: ${COMING[opts.view]}`);
      const computed = (COMPUTED as readonly string[]).includes(opts.view);
      if (!computed && !isExportableView(opts.view)) throw bad('view', `unknown view "${opts.view}"; expected one of ${[...EXPORTABLE_VIEWS, ...COMPUTED].join(', ')}`);
      const view = opts.view;
      const fromExt = extname(opts.out).slice(1).toLowerCase();
      const format = (opts.format ?? ((FORMATS as readonly string[]).includes(fromExt) ? fromExt : 'html')) as Format;
      if (!FORMATS.includes(format)) throw bad('format', `unknown format "${opts.format}"; expected one of ${FORMATS.join(', ')}`);
      for (const [k, v] of [['width', opts.width], ['height', opts.height]] as const) if (!Number.isInteger(v) || v < 200 || v > 4000) throw bad(k, `${k} must be a whole number from 200 to 4000`);
      await withStore(async (store) => {
        const data = await loadViewData(store);
        if (opts.series && !computed && !data.series.some((s) => s.id === opts.series)) throw bad('series', `unknown series "${opts.series}" (see \`darkfigure series\`)`);
        if (view === 'series' && !opts.series && ['png', 'svg', 'csv'].includes(format)) throw bad('series', `--format ${format} of the series view needs --series <id>`);
        const content = opts.view === 'scenarios' ? await scenariosView(opts, data) : opts.view === 'mse' ? mseView(opts) : viewContent(view as 'overview' | 'series', data, { series: opts.series });
        let body: string | Buffer;
        if (format === 'html') body = reportHtml(content, data, { generated: new Date().toISOString().slice(0, 10) });
        else if (format === 'pdf') body = await htmlToPdf(reportHtml(content, data, { generated: new Date().toISOString().slice(0, 10) }));
        else if (format === 'csv') body = toCsv(content.charts[0].rows);
        else if (format === 'svg') body = renderSvg(content.charts[0].option, { width: opts.width, height: opts.height });
        else body = renderPng(content.charts[0].option, { width: opts.width, height: opts.height });
        writeFileSync(opts.out, body);
        const bytes = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
        const summary = { view, format, out: opts.out, bytes, charts: content.charts.map((c) => ({ id: c.id, title: c.title, points: c.points })) };
        if (opts.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
        else process.stdout.write(`wrote ${opts.out} (${format}, ${bytes} bytes, ${content.charts.length} chart(s))\n`);
      });
    });
}
