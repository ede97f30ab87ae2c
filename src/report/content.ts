import type { CalibrationResult } from '../calibrate/run.ts';
import { calibrationContent, courtContent, mseContent, scenariosContent } from './computed-views.ts';
import type { CourtView } from './court-chart.ts';
import type { ViewData } from './dataset.ts';
import type { MseResult } from './mse-chart.ts';
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
export type ContentSpec = { data: ViewData } & (
  | { view: 'overview' | 'series'; series?: string }
  | { view: 'court'; court: CourtView }
  | { view: 'scenarios'; results: ScenarioResult[] }
  | { view: 'mse'; result: MseResult }
  | { view: 'calibration'; result: CalibrationResult }
);

export function contentOf(spec: ContentSpec): ViewContent {
  switch (spec.view) {
    case 'court':
      return courtContent(spec.court, spec.data);
    case 'scenarios':
      return scenariosContent(spec.results, spec.data);
    case 'mse':
      return mseContent(spec.result);
    case 'calibration':
      return calibrationContent(spec.result);
    default:
      return viewContent(spec.view, spec.data, { series: spec.series });
  }
}
