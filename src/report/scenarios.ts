import type { ChartSpec, ViewData } from './dataset.ts';
import { fanChart } from './fan-chart.ts';
import { sankeyChart } from './sankey-chart.ts';
import type { ScenarioResult } from './scenario-result.ts';
import { PALETTE } from './style.ts';

export interface Comparator {
  label: string;
  value: number;
  source: string;
}

/** Historical yardsticks from the bundled data: the Wehrmacht's ~2% and Lyall's 10% "high desertion" threshold. */
export function comparators(data: ViewData): Comparator[] {
  const sources = new Map(data.sources.map((s) => [s.id, s]));
  const picked = data.observations.filter(
    (o) =>
      (o.seriesId === 'hist.desertion_rate' && /^Germany WWII/.test(o.scope)) ||
      o.seriesId === 'hist.high_desertion_threshold',
  );
  return picked.map((o) => ({
    label:
      o.seriesId === 'hist.high_desertion_threshold'
        ? `"High" threshold (${o.scope}) ${o.qualifier === '=' ? '' : o.qualifier}${o.value}%`
        : `${o.scope} ${o.qualifier === '=' ? '' : o.qualifier}${o.value}%`,
    value: o.value,
    source: sources.get(o.sourceId)?.organisation ?? o.sourceId,
  }));
}

/**
 * Share of the simulated soldiers who ever went AWOL, per scenario (median with 90% band). Historical
 * comparators count desertion under other definitions (the Wehrmacht's deserters, a "high desertion"
 * threshold), so they are not drawn on this axis: the page lists them apart (comparatorNote).
 */
export function shareChart(results: ScenarioResult[]): ChartSpec {
  const option = {
    aria: { enabled: true },
    animation: false,
    title: {
      text: 'Share of simulated soldiers who ever went AWOL (model)',
      subtext: 'any unauthorised absence, even a short one; not comparable with historical desertion rates',
      left: 10,
      top: 0,
      textStyle: { fontSize: 15 },
      subtextStyle: { width: 560, overflow: 'break' },
    },
    tooltip: { trigger: 'item' },
    grid: { left: 60, right: 30, top: 70, bottom: 60, containLabel: true },
    xAxis: {
      type: 'category',
      data: results.map((r) => r.scenario),
      axisLabel: { interval: 0, rotate: results.length > 3 ? 30 : 0 },
    },
    yAxis: {
      type: 'value',
      name: '% of simulated soldiers',
      nameTextStyle: { align: 'left' },
      max: (v: { max: number }) => Math.ceil(v.max * 1.15),
    },
    series: [
      {
        type: 'bar',
        name: 'share AWOL ever (model)',
        barMaxWidth: 60,
        data: results.map((r, i) => ({
          value: Number(r.share.median.toFixed(2)),
          itemStyle: { color: PALETTE[i % PALETTE.length] },
          tip: `${r.scenario}: ${r.share.median.toFixed(1)}% (90% of runs ${r.share.lo90.toFixed(1)}–${r.share.hi90.toFixed(1)}%)`,
        })),
        label: { show: true, position: 'top', formatter: (p: { value: number }) => `${p.value.toFixed(1)}%` },
        tooltip: { formatter: (p: { data?: { tip?: string } }) => p.data?.tip ?? '' },
      },
    ],
  };
  return {
    id: 'scenarios-share',
    title: 'Share of simulated soldiers who ever went AWOL (model)',
    caption:
      'Model output: simulated soldiers ever AWOL (any unauthorised absence) over simulated soldiers who ever served, median over runs. Historical desertion rates use other definitions and are listed apart, not on this axis.',
    option,
    rows: results.map((r) => ({
      scenario: r.scenario,
      measure: 'share of simulated soldiers ever AWOL (model)',
      share_median: r.share.median,
      share_lo90: r.share.lo90,
      share_hi90: r.share.hi90,
    })),
    points: { share: results.length },
  };
}

/** Why the comparators stand apart from the model's share: their definitions in words. */
export const COMPARATOR_NOTE =
  'Historical figures count something else: deserters convicted or recorded by an army over a whole war, or a scholar\'s threshold for "high" desertion. The model\'s share counts every simulated soldier who was ever absent without leave, however briefly. They are listed here for scale, not drawn on the same axis.';

/** The scenarios view's charts: fans of monthly AWOL on one axis, a Sankey of the first scenario, the shares. */
export function scenarioCharts(results: ScenarioResult[], _data?: ViewData): ChartSpec[] {
  const fan = fanChart(
    results.map((r) => ({ name: r.scenario, points: r.fan })),
    {
      id: 'scenarios-fan',
      title: 'Agents going AWOL per month (model)',
      unit: 'agents',
      xType: 'category',
      caption: `Model output: agents of the simulated army (not scaled to the real force) going AWOL for the first time each month, median with 50% and 90% bands over ${results[0]?.runs ?? 0} run(s) per scenario.`,
    },
  );
  const first = results[0];
  const sankey = sankeyChart(first?.flows ?? [], {
    id: 'scenarios-sankey',
    title: `Where soldiers went (model, agents): ${first?.scenario ?? ''}`,
    unit: 'agents (median over runs)',
    caption:
      'Model output, in agents of the simulated army (not scaled to the real force). Medians of whole-run totals; "Front" and "On leave" are the stocks on the last day. Court cases also include refusals to serve, so the flows are not conserved.',
  });
  return [fan, sankey, shareChart(results)];
}
