import type { CalibrationResult } from '../../src/analyses/calibrate.ts';
import { calibrationContent, mseContent } from '../../src/report/computed-views.ts';
import { courtCharts, type CourtView } from '../../src/report/court-chart.ts';
import type { ChartSpec } from '../../src/report/dataset.ts';
import { estimateChart } from '../../src/report/estimate-overview.ts';
import type { MseResult } from '../../src/report/mse-chart.ts';
import { mseRequestFromQuery } from '../../src/report/mse-embed.ts';
import { overviewChart } from '../../src/report/overview.ts';
import { chartUnit, pageUrl, sourceLine } from '../../src/report/publish.ts';
import type { ScenarioResult } from '../../src/report/scenario-result.ts';
import { scenarioCharts } from '../../src/report/scenarios.ts';
import { seriesChart } from '../../src/report/series-chart.ts';
import { postJson, readJson, type LoadedData } from './api.ts';
import { isNarrow, mountChart } from './charts.ts';
import { h } from './dom.ts';

/** The embed route: /embed/<view>/<chart>[?query]. */
export function parseEmbed(pathname: string): { view: string; chart: string } | undefined {
  const m = /^\/embed\/([a-z]+)\/([^/]+)\/?$/.exec(pathname);
  return m ? { view: m[1]!, chart: decodeURIComponent(m[2]!) } : undefined;
}

/** Every chart of a view, built as the view builds them (computed views fetch their run). */
async function chartsOf(view: string, data: LoadedData, q: URLSearchParams, chart: string): Promise<ChartSpec[]> {
  const narrow = isNarrow();
  if (view === 'overview')
    return [
      overviewChart(data, { narrow }),
      ...(data.estimates ? [estimateChart(data.estimates, data, { narrow })] : []),
    ];
  if (view === 'series') {
    const id = q.get('series') ?? chart.replace(/^series-/, '');
    const s = data.series.find((x) => x.id === id);
    return s ? [seriesChart({ series: s, observations: data.observations, sources: data.sources }, { narrow })] : [];
  }
  if (view === 'court')
    return courtCharts(
      await readJson<CourtView>(await fetch(`/api/court?method=${encodeURIComponent(q.get('method') ?? 'bayes')}`)),
      data,
    );
  // Capture–recapture: the address carries the request (results are not kept), estimated again here.
  if (view === 'mse')
    return mseContent(await readJson<MseResult>(await postJson('/api/mse', mseRequestFromQuery(q)))).charts;
  const job = q.get('job');
  if (view === 'scenarios' && job) {
    const j = await readJson<{ results?: ScenarioResult[] }>(await fetch(`/api/sim-jobs/${encodeURIComponent(job)}`));
    return j.results ? scenarioCharts(j.results, data) : [];
  }
  if (view === 'calibration' && job) {
    const j = await readJson<{ result?: CalibrationResult }>(
      await fetch(`/api/calibration-jobs/${encodeURIComponent(job)}`),
    );
    return j.result ? calibrationContent(j.result).charts : [];
  }
  return [];
}

/**
 * One chart alone, for an iframe on another site: its title, the chart, the caption, the unit and
 * source line with dates, and the credit with a link to the full page. No navigation around it.
 */
export async function renderEmbed(
  root: HTMLElement,
  data: LoadedData,
  at: { view: string; chart: string },
  q: URLSearchParams,
): Promise<void> {
  document.body.classList.add('embedded');
  const spec = (await chartsOf(at.view, data, q, at.chart)).find((c) => c.id === at.chart);
  if (!spec) {
    root.replaceChildren(
      h('h1', {}, 'Chart not found'),
      h('p', {}, `No chart "${at.chart}" in the ${at.view} view (or its run is no longer kept).`),
      h('p', {}, 'darkfigure'),
    );
    return;
  }
  const ctx = { view: at.view, query: q.toString(), data, site: location.origin };
  const el = h('div', { class: 'chart', id: `chart-${spec.id}`, role: 'img', 'aria-label': spec.title });
  root.replaceChildren(
    h('h1', { tabindex: '-1', class: 'embed-title' }, spec.title),
    el,
    h('p', { class: 'caption' }, spec.caption),
    h(
      'p',
      { class: 'muted embed-source' },
      `${sourceLine(spec, { ...ctx, model: at.view === 'scenarios' || at.view === 'calibration' })} · Unit: ${chartUnit(spec)}`,
    ),
    h(
      'p',
      { class: 'muted embed-credit' },
      'Chart: darkfigure · ',
      h('a', { href: pageUrl(ctx), target: '_top' }, pageUrl(ctx)),
    ),
  );
  mountChart(el, spec);
}
