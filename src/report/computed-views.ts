import type { CalibrationResult } from '../calibrate/index.ts';
import { courtCharts, type CourtView } from './court-chart.ts';
import { publishedNowcastLine, publishedNowcastTables } from './court-published-view.ts';
import type { ViewData } from './dataset.ts';
import { bundledHeadlineLine, checksTables } from './estimate-checks-view.ts';
import type { BundledEstimates } from './estimate-schema.ts';
import { fanChart } from './fan-chart.ts';
import { msePairwiseChart, mseChart, sensitivityChart, type MseResult } from './mse-chart.ts';
import { predictiveChart } from './predictive-chart.ts';
import type { ScenarioResult } from './scenario-result.ts';
import { scenarioCharts } from './scenarios.ts';
import type { ViewContent } from './views.ts';

/** The scenarios view of a finished ensemble, for reports and exports (the first chart is the fan). */
export function scenariosContent(results: ScenarioResult[], data: ViewData): ViewContent {
  return {
    view: 'scenarios',
    title: `Scenarios (model): ${results.map((r) => r.scenario).join(', ')}`,
    intro: `Model output, not counts: the agent-based model of desertion, ${results[0]?.runs ?? 0} run(s) per scenario: simulated agents going AWOL per month (median with 50% and 90% bands), where they went, and the share of simulated soldiers who ever went AWOL. Counts are of the run's agents, not scaled to the army; historical comparators, which count desertion differently, are listed apart. A model under stated assumptions, not a measurement.`,
    charts: scenarioCharts(results, data),
  };
}

/** The capture–recapture view of one table, for reports and exports. */
export function mseContent(result: MseResult): ViewContent {
  // A refusal or a thin overlap is said first: it is what the figures below rest on.
  const guard = result.overlap?.refusal
    ? ` No estimate: ${result.overlap.refusal}.`
    : (result.warnings ?? []).map((w) => ` Warning: ${w}.`).join('');
  return {
    view: 'mse',
    title: `Capture–recapture: ${result.name}`,
    intro: `${result.lists.length} lists (${result.lists.join(', ')}), ${result.observed} people on at least one. Each applicable method's estimate of the whole with its interval; where methods disagree, the data cannot settle which assumptions hold.${guard}`,
    charts: [
      mseChart(result),
      ...(result.sensitivity?.length ? [sensitivityChart(result.sensitivity)] : []),
      ...(result.pairwise?.length ? [msePairwiseChart(result.pairwise)] : []),
    ],
  };
}

/** The court view: the published figures with their nowcast (line and tables), then the line list's nowcast, counts and breakdowns. */
export function courtContent(court: CourtView, data: ViewData): ViewContent {
  return {
    view: 'court',
    title: 'Court records',
    intro: `${court.published?.length ? `${publishedNowcastLine(court.published)} ` : ''}The published monthly court figures come first. Then ${court.label}, as of ${court.now}: cases received and verdicts per month, by article and sentence type, and a nowcast (${court.nowcast.method}) of how many recent cases will end in a verdict once the records are complete.`,
    charts: courtCharts(court, data),
    ...(court.published?.length && { tables: publishedNowcastTables(court.published) }),
  };
}

export const UNSEEN_NAMES: Record<string, string> = {
  awolEver: 'AWOL ever',
  desertedAbroad: 'deserted abroad',
  returnedWithoutCase: 'returned without a case',
};

/** Posterior of the unseen totals by month (cumulative, scaled to the real force): median with 50% and 95% bands. */
export function unseenFanChart(r: CalibrationResult) {
  return fanChart(
    Object.entries(r.unseen.series).map(([k, qs]) => ({
      name: UNSEEN_NAMES[k] ?? k,
      points: qs.slice(0, r.unseen.months.length).map((q, i) => ({
        x: r.unseen.months[i]!,
        median: q.median,
        lo50: q.q25,
        hi50: q.q75,
        lo90: q.q025,
        hi90: q.q975,
      })),
    })),
    {
      id: 'calibration-unseen',
      title: 'Unseen totals by month (posterior)',
      unit: 'persons',
      xType: 'category',
      outerLevel: 95,
      nameColumn: 'total',
      caption: `Cumulative since ${r.settings.start}, scaled to a force of ${r.settings.force.toLocaleString('en-US')}: posterior median with 50% and 95% bands from generation ${r.posteriorGeneration ?? r.generations.at(-1)?.index ?? 0} of the ABC-SMC fit. Model estimates under its assumptions, not counts.`,
    },
  );
}

/**
 * The calibration view: the unseen totals first, then the posterior predictive check against the targets;
 * with the bundled estimate, the bundled fit's checks follow as tables (as the page shows them).
 */
export function calibrationContent(r: CalibrationResult, bundled?: BundledEstimates): ViewContent {
  const last = r.generations.at(-1);
  const tables = bundled ? checksTables(bundled) : [];
  return {
    view: 'calibration',
    title: 'Calibration: the model fitted to the figures',
    intro: `ABC-SMC, ${r.generations.length} generation(s), ${last?.totalSimulations ?? 0} simulations of ${r.settings.agents.toLocaleString('en-US')} agents each. The posterior of the unseen totals, and each target's figure against what the fitted model predicts.${r.warnings.length ? ` Warnings: ${r.warnings.join('; ')}.` : ''}${tables.length ? ` After them, the bundled fit (${bundledHeadlineLine(bundled!)}) and its checks.` : ''}`,
    charts: [unseenFanChart(r), predictiveChart(r.predictive)],
    ...(tables.length && { tables }),
  };
}
