import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { BadInputError } from '../domain/index.ts';
import {
  type CalibrationResult,
  htmlToPdf,
  NOWCAST_METHODS,
  type NowcastMethod,
  runCourt,
  computeMse,
  renderChart,
  resolveSimulateRequest,
  runSimulate,
  type SimulateRequest,
  loadViewData,
} from '../analyses/index.ts';
import { contentOf, type ViewData } from '../report/index.ts';
import {
  type ComputedRun,
  type ContentSpec,
  isReportView,
  REPORT_VIEWS,
  ReportViewError,
  reportViewJson,
  reportViewSpec,
} from '../analyses/index.ts';
import type { Store } from '../store/index.ts';
import { withStore } from './store-context.ts';

const FORMATS = ['html', 'pdf', 'png', 'svg', 'csv'] as const;
type Format = (typeof FORMATS)[number];

interface ReportOpts {
  view: string;
  out?: string;
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
  viewJson?: boolean;
}

const whole = (field: string, v: string, min: number, max: number) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max)
    throw bad(field, `must be a whole number from ${min} to ${max}, got "${v}"`);
  return n;
};

/** Run the small ensemble of the scenarios view (on worker threads, as the server does). */
async function scenariosRun(o: ReportOpts): Promise<ComputedRun> {
  const req: SimulateRequest = {
    scenarios: o.scenarios
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    runs: whole('runs', o.runs, 1, 20),
    agents: whole('agents', o.agents, 1000, 200_000),
    seed: whole('seed', o.seed, 0, 2 ** 32 - 1),
    start: '2022-02-24',
    end: '2025-12-31',
  };
  let resolved;
  try {
    resolved = resolveSimulateRequest(req);
  } catch (e) {
    if (e instanceof BadInputError) throw e;
    throw bad('scenarios', (e as Error).message);
  }
  let results;
  try {
    // Two threads at least, as on the server: the runs go to the job pool.
    results = await runSimulate({ threads: Math.max(2, Math.min(availableParallelism(), req.runs)), resolved }, req);
  } catch (e) {
    throw new Error(`the simulation failed: ${(e as Error).message}`);
  }
  return { view: 'scenarios', results };
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
function mseRun(o: ReportOpts): ComputedRun {
  const text = readInput(o, 'pattern counts JSON, link --json output, or records CSV');
  return {
    view: 'mse',
    result: computeMse({ kind: 'upload', name: o.input!, text, seed: whole('seed', o.seed, 0, 2 ** 32 - 1) }),
  };
}

/** A finished calibration's posterior.json (from `darkfigure calibrate --out DIR`). */
function calibrationRun(o: ReportOpts): ComputedRun {
  const text = readInput(o, 'posterior.json from darkfigure calibrate');
  let result: CalibrationResult;
  try {
    result = JSON.parse(text) as CalibrationResult;
  } catch (e) {
    throw new BadInputError([{ file: o.input!, line: 0, message: `not JSON: ${(e as Error).message}` }]);
  }
  if (!result?.unseen?.series || !Array.isArray(result.predictive))
    throw new BadInputError([
      { file: o.input!, line: 0, message: 'not a calibration posterior (expected "unseen" and "predictive")' },
    ]);
  return { view: 'calibration', result };
}

/**
 * The view's spec by the report-view analysis the server's exports use; here the court view is the
 * store's court records or the labelled simulated list, nowcast in-process, and computed views run from the flags.
 */
async function viewSpec(
  o: ReportOpts & { view: ContentSpec['view'] },
  store: Store,
  data: ViewData,
): Promise<ContentSpec> {
  if (o.view === 'court' && !(NOWCAST_METHODS as readonly string[]).includes(o.method))
    throw bad('method', `unknown nowcast method "${o.method}"; expected one of ${NOWCAST_METHODS.join(', ')}`);
  const method = o.method as NowcastMethod;
  try {
    return await reportViewSpec(
      {
        viewData: async () => data,
        court: async (m) => runCourt({ store }, { method: m, seed: whole('seed', o.seed, 0, 2 ** 32 - 1) }),
        computed: async (view) =>
          view === 'scenarios' ? scenariosRun(o) : view === 'mse' ? mseRun(o) : calibrationRun(o),
      },
      { view: o.view, series: o.series, method },
    );
  } catch (e) {
    if (e instanceof ReportViewError)
      throw bad(e.field ?? 'view', e.field === 'series' ? `${e.message} (see \`darkfigure series\`)` : e.message);
    throw e;
  }
}

const bad = (field: string, message: string) => new BadInputError([{ file: 'arguments', line: 0, field, message }]);

export function register(program: Command): void {
  program
    .command('report')
    .description(
      'write a report of a view: HTML (charts, tables, methods, citations), PDF through Chromium, or the chart as PNG/SVG, or its data as CSV',
    )
    .requiredOption('--view <view>', `view to report: ${REPORT_VIEWS.join(', ')}`)
    .option('--out <file>', 'file to write (required unless --view-json)')
    .option('--format <format>', `${FORMATS.join(', ')} (default: from the --out extension, else html)`)
    .option('--series <id>', 'series id, for --view series (default: every series with figures; png/svg/csv need one)')
    .option('--width <px>', 'chart width for png/svg', (v) => Number.parseInt(v, 10), 960)
    .option('--height <px>', 'chart height for png/svg', (v) => Number.parseInt(v, 10), 480)
    .option('--scenarios <names>', 'for --view scenarios: comma-separated bundled scenarios', 'baseline')
    .option('--runs <n>', 'for --view scenarios: runs per scenario', '2')
    .option('--agents <n>', 'for --view scenarios: agents per run', '20000')
    .option('--seed <s>', 'for --view scenarios, mse and court: random seed', '1')
    .option(
      '--input <file>',
      'for --view mse: pattern counts (JSON), link --json output or records (CSV); for --view calibration: posterior.json',
    )
    .option('--method <method>', `for --view court: the nowcast method, ${NOWCAST_METHODS.join(', ')}`, 'bayes')
    .option('--chart <id>', 'for png/svg/csv: which chart of the view (default: the first)')
    .option('--json', 'print what was written as JSON')
    .option(
      '--view-json',
      "print the data the view's charts are drawn from as JSON (what GET /api/view/<view> answers) instead of writing a file",
    )
    .action(async (opts: ReportOpts) => {
      if (!isReportView(opts.view))
        throw bad('view', `unknown view "${opts.view}"; expected one of ${REPORT_VIEWS.join(', ')}`);
      const view = opts.view;
      if (!opts.out && !opts.viewJson)
        throw bad('out', "required option '--out <file>' not specified (or give --view-json)");
      const fromExt = extname(opts.out ?? '')
        .slice(1)
        .toLowerCase();
      const format = (opts.format ?? ((FORMATS as readonly string[]).includes(fromExt) ? fromExt : 'html')) as Format;
      if (!FORMATS.includes(format))
        throw bad('format', `unknown format "${opts.format}"; expected one of ${FORMATS.join(', ')}`);
      for (const [k, v] of [
        ['width', opts.width],
        ['height', opts.height],
      ] as const)
        if (!Number.isInteger(v) || v < 200 || v > 4000) throw bad(k, `${k} must be a whole number from 200 to 4000`);
      await withStore(async (store) => {
        const data = await loadViewData(store);
        if (opts.viewJson) {
          const spec = await viewSpec({ ...opts, view }, store, data);
          try {
            process.stdout.write(`${JSON.stringify(reportViewJson(spec, opts.chart))}\n`);
          } catch (e) {
            if (e instanceof ReportViewError) throw bad(e.field ?? 'view', e.message);
            throw e;
          }
          return;
        }
        const out = opts.out!;
        if (view === 'series' && !opts.series && ['png', 'svg', 'csv'].includes(format))
          throw bad('series', `--format ${format} of the series view needs --series <id>`);
        const spec = await viewSpec({ ...opts, view }, store, data);
        const content = contentOf(spec);
        if (opts.chart && !content.charts.some((c) => c.id === opts.chart))
          throw bad(
            'chart',
            `no chart "${opts.chart}" in the ${view} view; it has ${content.charts.map((c) => c.id).join(', ')}`,
          );
        const generated = new Date().toISOString().slice(0, 10);
        // The same code the server's render thread runs, here in-process.
        const rendered = renderChart({
          spec,
          format: format === 'pdf' ? 'html' : format,
          width: opts.width,
          height: opts.height,
          chart: opts.chart,
          generated,
        });
        const body: string | Buffer =
          format === 'pdf'
            ? await htmlToPdf(rendered as string)
            : typeof rendered === 'string'
              ? rendered
              : Buffer.from(rendered);
        writeFileSync(out, body);
        const bytes = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
        const summary = {
          view,
          format,
          out,
          bytes,
          charts: content.charts.map((c) => ({ id: c.id, title: c.title, points: c.points })),
        };
        if (opts.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
        else process.stdout.write(`wrote ${out} (${format}, ${bytes} bytes, ${content.charts.length} chart(s))\n`);
      });
    });
}
