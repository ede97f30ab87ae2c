// What src/report offers the other stages; they import it only through this file.
export { REPORT_VIEWS, contentOf, isReportView } from './content.ts';
export type { ContentSpec, ReportView } from './content.ts';
export type { CourtView, MonthCount, PublishedNowcast, PublishedReading, PublishedSeries } from './court-chart.ts';
export { publishedNowcastLine, publishedNowcastTables } from './court-published-view.ts';
export { toCsv } from './csv.ts';
export type { ViewData } from './dataset.ts';
export { ESTIMATES_FILE, readEstimates } from './estimate-file.ts';
export { reportHtml } from './html-report.ts';
export type { MseResult } from './mse-chart.ts';
export { PDF_PAGE } from './pdf.ts';
export { predictiveChart } from './predictive-chart.ts';
export { renderPng, renderSvg } from './render.ts';
export { summariseScenario } from './scenario-result.ts';
export type { ScenarioResult } from './scenario-result.ts';
