import { z } from 'zod';
import type { CalibrationResult } from '../calibrate/index.ts';
import { NOWCAST_METHODS, type NowcastMethod } from '../nowcast/index.ts';
import {
  contentOf,
  REPORT_VIEWS,
  type ContentSpec,
  type ReportView,
  type CourtView,
  type ViewData,
  type MseResult,
  type ScenarioResult,
} from '../report/index.ts';

export { isReportView, REPORT_VIEWS, type ContentSpec, type ReportView } from '../report/index.ts';

/**
 * A report view, as `darkfigure report --view-json` and `GET /api/view/<view>` ask for it: the view, the
 * series of the series/overview view, the court view's nowcast method, and optionally one chart.
 */
export const ReportViewRequest = z.strictObject({
  view: z.enum(REPORT_VIEWS),
  series: z.string().min(1).max(200).optional(),
  method: z.enum(NOWCAST_METHODS as [NowcastMethod, ...NowcastMethod[]]).default('bayes'),
  chart: z.string().min(1).max(200).optional(),
});
export type ReportViewRequest = z.output<typeof ReportViewRequest>;

/** One chart's data as JSON: what it shows, the rows behind it (the CSV export's), and its points per panel. */
export const ReportChartData = z.object({
  id: z.string(),
  title: z.string(),
  caption: z.string(),
  rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]).optional())),
  points: z.record(z.string(), z.number()),
});

/**
 * The data a view's charts are drawn from, without the ECharts options (they hold formatter functions):
 * the view's title and text, its charts' rows, and the headlines and tables drawn beside them.
 */
export const ReportViewResult = z.object({
  view: z.enum(REPORT_VIEWS),
  title: z.string(),
  intro: z.string(),
  headlines: z.array(z.record(z.string(), z.unknown())).optional(),
  estimate: z.record(z.string(), z.unknown()).optional(),
  charts: z.array(ReportChartData),
  tables: z.array(z.record(z.string(), z.unknown())).optional(),
});
export type ReportViewResult = z.output<typeof ReportViewResult>;

/** Why a view cannot be made: bad input (400), something unknown (404), or a job not yet done (409). */
export class ReportViewError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 | 409,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ReportViewError';
  }
}

/** A computed view's run: its ensemble, capture–recapture result or calibration posterior. */
export type ComputedRun =
  | { view: 'scenarios'; results: ScenarioResult[] }
  | { view: 'mse'; result: MseResult }
  | { view: 'calibration'; result: CalibrationResult };

/**
 * Where a view's inputs come from. The CLI and the server differ only here: the server's court view has
 * small counts withheld and its computed runs are jobs kept by id; the CLI runs them from its flags.
 */
export interface ReportViewSources {
  viewData(): Promise<ViewData>;
  court(method: NowcastMethod): Promise<CourtView>;
  /** The run of a computed view (throws ReportViewError when the caller has none). */
  computed(view: ComputedRun['view']): Promise<ComputedRun>;
}

/** What a view is made from (plain data, for the render thread); an unknown series is a 404. */
export async function reportViewSpec(src: ReportViewSources, req: ReportViewRequest): Promise<ContentSpec> {
  const data = await src.viewData();
  const view: ReportView = req.view;
  if (view === 'overview' || view === 'series') {
    if (req.series && !data.series.some((s) => s.id === req.series))
      throw new ReportViewError(`unknown series "${req.series}"`, 404, 'series');
    return { view, data, series: req.series };
  }
  if (view === 'court') return { view, data, court: await src.court(req.method) };
  return { data, ...(await src.computed(view)) };
}

/** A view's data as JSON; with `chart`, that chart alone (an unknown one is a 404). */
export function reportViewJson(spec: ContentSpec, chart?: string): ReportViewResult {
  const content = contentOf(spec);
  if (chart && !content.charts.some((c) => c.id === chart))
    throw new ReportViewError(
      `no chart "${chart}" in the ${spec.view} view; it has ${content.charts.map((c) => c.id).join(', ')}`,
      404,
      'chart',
    );
  const charts = content.charts
    .filter((c) => !chart || c.id === chart)
    .map(({ id, title, caption, rows, points }) => ({ id, title, caption, rows, points }));
  // Through JSON, so that both sides hold what a client reads (undefined fields dropped, NaN as null).
  return JSON.parse(JSON.stringify({ ...content, charts })) as ReportViewResult;
}

/** The report-view analysis: the view's spec (what exports render) and its data as JSON. */
export async function runReportView(
  src: ReportViewSources,
  req: ReportViewRequest,
): Promise<{ spec: ContentSpec; result: ReportViewResult }> {
  const spec = await reportViewSpec(src, req);
  return { spec, result: reportViewJson(spec, req.chart) };
}
