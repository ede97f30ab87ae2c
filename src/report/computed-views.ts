import type { ViewData } from './dataset.ts';
import { mseChart, type MseResult } from './mse-chart.ts';
import type { ScenarioResult } from './scenario-result.ts';
import { scenarioCharts } from './scenarios.ts';
import type { ViewContent } from './views.ts';

/** The scenarios view of a finished ensemble, for reports and exports (the first chart is the fan). */
export function scenariosContent(results: ScenarioResult[], data: ViewData): ViewContent {
  return {
    view: 'scenarios',
    title: `Scenarios: ${results.map((r) => r.scenario).join(', ')}`,
    intro: `The agent-based model of desertion, ${results[0]?.runs ?? 0} run(s) per scenario: persons going AWOL per month (median with 50% and 90% bands), where soldiers went, and the share of those who served who ever went AWOL against historical comparators. A model under stated assumptions, not a measurement.`,
    charts: scenarioCharts(results, data),
  };
}

/** The capture–recapture view of one table, for reports and exports. */
export function mseContent(result: MseResult): ViewContent {
  return {
    view: 'mse',
    title: `Capture–recapture: ${result.name}`,
    intro: `${result.lists.length} lists (${result.lists.join(', ')}), ${result.observed} people on at least one. Each applicable method's estimate of the whole with its interval; where methods disagree, the data cannot settle which assumptions hold.`,
    charts: [mseChart(result)],
  };
}
