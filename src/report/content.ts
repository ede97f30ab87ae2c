import type { CalibrationResult } from '../calibrate/index.ts';
import { calibrationContent, courtContent, mseContent, scenariosContent } from './computed-views.ts';
import type { CourtView } from './court-chart.ts';
import type { ViewData } from './dataset.ts';
import type { MseResult } from './mse-chart.ts';
import { publishChart } from './publish.ts';
import type { ScenarioResult } from './scenario-result.ts';
import { viewContent, type ViewContent } from './views.ts';

/** Every view that has exports and a report. */
export const REPORT_VIEWS = ['overview', 'series', 'court', 'scenarios', 'mse', 'calibration'] as const;
export type ReportView = (typeof REPORT_VIEWS)[number];

export const isReportView = (v: string): v is ReportView => (REPORT_VIEWS as readonly string[]).includes(v);

/**
 * What a view is made from, as plain data: it crosses to the render thread, where the charts (whose
 * options hold formatter functions) are built. Every spec carries the figures, for the citations.
 */
export type ContentSpec = {
  data: ViewData;
  /** The public address exports name (default siteUrl()). */ site?: string;
} & (
  | { view: 'overview' | 'series'; series?: string }
  | { view: 'court'; court: CourtView }
  | { view: 'scenarios'; results: ScenarioResult[] }
  | { view: 'mse'; result: MseResult }
  | { view: 'calibration'; result: CalibrationResult }
);

/** A view's content as exports show it: every chart publishable (title, unit, sources, credit, address; see publish.ts). */
export function contentOf(spec: ContentSpec): ViewContent {
  const content = rawContentOf(spec);
  const query =
    spec.view === 'series' && spec.series
      ? `series=${spec.series}`
      : spec.view === 'court'
        ? `method=${spec.court.nowcast.method}`
        : '';
  const model = spec.view === 'scenarios' || spec.view === 'calibration';
  return {
    ...content,
    charts: content.charts.map((c) =>
      publishChart(c, { view: spec.view, query, data: spec.data, site: spec.site, model }),
    ),
  };
}

/** The charts as the page draws them (with tooltips, no credit line). */
export function rawContentOf(spec: ContentSpec): ViewContent {
  switch (spec.view) {
    case 'court':
      return courtContent(spec.court, spec.data);
    case 'scenarios':
      return scenariosContent(spec.results, spec.data);
    case 'mse':
      return mseContent(spec.result);
    case 'calibration':
      return calibrationContent(spec.result, spec.data.estimates);
    default:
      return viewContent(spec.view, spec.data, { series: spec.series });
  }
}
