// What src/analyses offers the other stages; they import it only through this file.
export {
  CalibrationRequest,
  DEFAULT_CALIBRATION_FILE,
  completeGenerations,
  configFor,
  readCalibrationConfig,
  runCalibration,
} from './calibrate.ts';
export type { CalibrationConfig, CalibrationResult, Generation } from './calibrate.ts';
export { CourtRequest, NOWCAST_METHODS, runCourt } from './court.ts';
export { datasetNewestDate, publishedCourtNowcasts, publishedCourtSeries } from './court-published.ts';
export type { CourtTask, NowcastMethod } from './court.ts';
export type { JobsDep } from './deps.ts';
export type { CalibrationJobView, SimJobView } from './job-views.ts';
export { LinkRequest, linkJson, runLink } from './link.ts';
export type { LinkResult } from './link.ts';
export { METHODS, MseRequest, computeMse, mseFileJson, runMseFile } from './mse.ts';
export type { MseMethod, MseOptions, MseOutcome, MseReport, PopulationPrior } from './mse.ts';
export { checkLineListColumns } from './nowcast-input.ts';
export {
  DATE_KINDS,
  NowcastRequest,
  PERIOD_UNITS,
  nowcastJson,
  runBacktest,
  runCumulative,
  runNowcastAnalysis,
  runNowcastJson,
} from './nowcast.ts';
export type { DateKind, PeriodUnit } from './nowcast.ts';
export { CHROMIUM_ARGS, chromiumPath, htmlToPdf, printOn } from './pdf-render.ts';
export { inlineRenderer, renderChart } from './render.ts';
export type { ChartRenderer, RenderTask } from './render.ts';
export { REPORT_VIEWS, ReportViewError, isReportView, reportViewJson, reportViewSpec } from './report-view.ts';
export type { ComputedRun, ContentSpec, ReportView, ReportViewSources } from './report-view.ts';
export { readScenario } from './scenario-files.ts';
export { runScenarioList, scenarioList } from './scenarios.ts';
export {
  SimulateRequest,
  TOTAL_NAMES,
  bandTable,
  checkSimulateRequest,
  jsonSummary,
  reduceRuns,
  resolveScenario,
  resolveSimulateRequest,
  runEnsemble,
  runSimulate,
  runTables,
  simulateRun,
  summarise,
} from './simulate.ts';
export type { ResolvedScenario, RunSummary, ScenarioResult, SimResult } from './simulate.ts';
export {
  DEFAULT_MAX_JOBS,
  SCOPES,
  createToken,
  hashToken,
  listTokens,
  parseScopes,
  revokeToken,
  verifyToken,
} from './tokens.ts';
export type { Principal, Scope } from './tokens.ts';
export { loadViewData } from './view-data.ts';
