// The desertion model (docs/model.md): engine, mechanisms, observation layer, scenarios, ensembles.
export {
  simulate,
  conservationHolds,
  type SimConfig,
  type SimResult,
  type CaseRecord,
  type PersonEvent,
  type SimEvents,
} from './engine.ts';
export { PARAMS, defaultParams, checkParam, type Params, type ParamKey, type ParamPatch } from './params.ts';
export { MECHANISMS, resolveAll, type ResolvedParams, type MechanismName } from './mechanisms/index.ts';
export { defineMechanism, type Mechanism, type Hooks, type Resolved, type Transition } from './mechanism.ts';
export type { ParamSpec } from './params-spec.ts';
export { resolveScenario, baselineScenario, ScenarioFile, type ResolvedScenario } from './scenario.ts';
export { sourceSeries, casesByArticle, listEntries, monthly, months, leakedUnits } from './observe.ts';
export { awolCaptureHistories, type RunCaptureHistories } from './capture-histories.ts';
export { summarise, totals, TOTAL_NAMES, type RunSummary, type TotalName } from './summary.ts';
export { reduceRuns, quantile, type EnsembleSummary, type Bands } from './ensemble/reduce.ts';
export { calibrationTable, type CalibrationRow } from './calibration.ts';
export { FLOW_NAMES, STOCK_NAMES } from './series.ts';
export { State, Category, Route, STATE_NAMES, CATEGORY_NAMES, ROUTE_NAMES } from './states.ts';
export { streamKey, u01, hash3, mix32, runSeed } from './rng.ts';
export { runTask } from './ensemble/task.ts';
export type { RunTask } from './ensemble/task.ts';
export { buildIndividualLists } from './identity/index.ts';
