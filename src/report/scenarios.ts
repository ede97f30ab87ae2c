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
    (o) => (o.seriesId === 'hist.desertion_rate' && /^Germany WWII/.test(o.scope)) || o.seriesId === 'hist.high_desertion_threshold',
  );
  return picked.map((o) => ({
    label: o.seriesId === 'hist.high_desertion_threshold' ? `"High" threshold (${o.scope}) ${o.qualifier === '=' ? '' : o.qualifier}${o.value}%` : `${o.scope} ${o.qualifier === '=' ? '' : o.qualifier}${o.value}%`,
    value: o.value,
    source: sources.get(o.sourceId)?.organisation ?? o.sourceId,
  }));
}

/** Share of the force that went AWOL, per scenario (median with 90% band), against the comparators. */
export function shareChart(results: ScenarioResult[], comps: Comparator[]): ChartSpec {
  const option = {
    aria: { enabled: true },
    animation: false,
    title: { text: 'Share of those who served who ever went AWOL', left: 10, top: 0, textStyle: { fontSize: 15 } },
    tooltip: { trigger: 'item' },
    grid: { left: 60, right: 30, top: 50, bottom: 60, containLabel: true },
    xAxis: { type: 'category', data: results.map((r) => r.scenario), axisLabel: { interval: 0, rotate: results.length > 3 ? 30 : 0 } },
    yAxis: { type: 'value', name: '%', max: (v: { max: number }) => Math.ceil(Math.max(v.max, ...comps.map((c) => c.value)) * 1.15) },
    series: [
      {
        type: 'bar',
        name: 'share AWOL',
        barMaxWidth: 60,
        data: results.map((r, i) => ({
          value: Number(r.share.median.toFixed(2)),
          itemStyle: { color: PALETTE[i % PALETTE.length] },
          tip: `${r.scenario}: ${r.share.median.toFixed(1)}% (90% of runs ${r.share.lo90.toFixed(1)}–${r.share.hi90.toFixed(1)}%)`,
        })),
        label: { show: true, position: 'top', formatter: (p: { value: number }) => `${p.value.toFixed(1)}%` },
        tooltip: { formatter: (p: { data?: { tip?: string } }) => p.data?.tip ?? '' },
        markLine: {
          symbol: 'none',
          lineStyle: { type: 'dashed', color: '#555' },
          label: { position: 'insideEndTop', formatter: (p: { name: string }) => p.name },
          data: comps.map((c) => ({ name: c.label, yAxis: c.value })),
        },
      },
    ],
  };
  return {
    id: 'scenarios-share',
    title: 'Share of the force that deserted',
    caption: `Persons ever AWOL over persons who ever served, median over runs; dashed lines: ${comps.map((c) => `${c.label} (${c.source})`).join('; ') || 'no comparators in the data'}.`,
    option,
    rows: results.map((r) => ({ scenario: r.scenario, share_median: r.share.median, share_lo90: r.share.lo90, share_hi90: r.share.hi90 })),
    points: { share: results.length },
  };
}

/** The scenarios view's charts: fans of monthly AWOL on one axis, a Sankey of the first scenario, the shares. */
export function scenarioCharts(results: ScenarioResult[], data: ViewData): ChartSpec[] {
  const fan = fanChart(
    results.map((r) => ({ name: r.scenario, points: r.fan })),
    { id: 'scenarios-fan', title: 'Persons going AWOL per month (model)', unit: 'persons', xType: 'category', caption: `Median with 50% and 90% bands over ${results[0]?.runs ?? 0} run(s) per scenario.` },
  );
  const first = results[0];
  const sankey = sankeyChart(first?.flows ?? [], {
    id: 'scenarios-sankey',
    title: `Where soldiers went: ${first?.scenario ?? ''}`,
    unit: 'persons (median over runs)',
    caption: 'Medians of whole-run totals; "Front" and "On leave" are the stocks on the last day. Court cases also include refusals to serve, so the flows are not conserved.',
  });
  return [fan, sankey, shareChart(results, comparators(data))];
}
