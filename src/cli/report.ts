import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { BadInputError } from '../domain/errors.ts';
import { toCsv } from '../report/csv.ts';
import { reportHtml } from '../report/html-report.ts';
import { htmlToPdf } from '../report/pdf.ts';
import { renderPng, renderSvg } from '../report/render.ts';
import { EXPORTABLE_VIEWS, isExportableView, viewContent } from '../report/views.ts';
import { loadViewData } from '../server/view-data.ts';
import { withStore } from './store-context.ts';

const FORMATS = ['html', 'pdf', 'png', 'svg', 'csv'] as const;
type Format = (typeof FORMATS)[number];
const COMING: Record<string, string> = {
  court: 'the court-records view needs the nowcast estimator, which is not in yet',
  mse: 'the capture–recapture view needs the MSE estimators, which are not in yet',
  scenarios: 'the scenarios view needs the simulation ensembles, which are not in yet',
};

const bad = (field: string, message: string) => new BadInputError([{ file: 'arguments', line: 0, field, message }]);

export function register(program: Command): void {
  program
    .command('report')
    .description('write a report of a view: HTML (charts, tables, methods, citations), PDF through Chromium, or the chart as PNG/SVG, or its data as CSV')
    .requiredOption('--view <view>', `view to report: ${EXPORTABLE_VIEWS.join(', ')} (court, mse, scenarios follow their estimators)`)
    .requiredOption('--out <file>', 'file to write')
    .option('--format <format>', `${FORMATS.join(', ')} (default: from the --out extension, else html)`)
    .option('--series <id>', 'series id, for --view series (default: every series with figures; png/svg/csv need one)')
    .option('--width <px>', 'chart width for png/svg', (v) => Number.parseInt(v, 10), 960)
    .option('--height <px>', 'chart height for png/svg', (v) => Number.parseInt(v, 10), 480)
    .option('--json', 'print what was written as JSON')
    .action(async (opts: { view: string; out: string; format?: string; series?: string; width: number; height: number; json?: boolean }) => {
      if (COMING[opts.view]) throw bad('view', `"${opts.view}" is not available yet: ${COMING[opts.view]}`);
      if (!isExportableView(opts.view)) throw bad('view', `unknown view "${opts.view}"; expected one of ${EXPORTABLE_VIEWS.join(', ')}`);
      const view = opts.view;
      const fromExt = extname(opts.out).slice(1).toLowerCase();
      const format = (opts.format ?? ((FORMATS as readonly string[]).includes(fromExt) ? fromExt : 'html')) as Format;
      if (!FORMATS.includes(format)) throw bad('format', `unknown format "${opts.format}"; expected one of ${FORMATS.join(', ')}`);
      for (const [k, v] of [['width', opts.width], ['height', opts.height]] as const) if (!Number.isInteger(v) || v < 200 || v > 4000) throw bad(k, `${k} must be a whole number from 200 to 4000`);
      await withStore(async (store) => {
        const data = await loadViewData(store);
        if (opts.series && !data.series.some((s) => s.id === opts.series)) throw bad('series', `unknown series "${opts.series}" (see \`darkfigure series\`)`);
        if (view === 'series' && !opts.series && ['png', 'svg', 'csv'].includes(format)) throw bad('series', `--format ${format} of the series view needs --series <id>`);
        const content = viewContent(view, data, { series: opts.series });
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
