import type * as echarts from 'echarts/core';
import type { ChartSpec } from '../../../src/report/dataset.ts';
import { estimateChart, estimateHeadline } from '../../../src/report/estimate-overview.ts';
import { ESTIMATE_PENDING, ESTIMATE_SHORT } from '../../../src/report/methods.ts';
import { headlines, overviewChart, timelineObservations } from '../../../src/report/overview.ts';
import type { LoadedData } from '../api.ts';
import { isNarrow, mountChart } from '../charts.ts';
import { extLink, h } from '../dom.ts';
import { exportLinks } from '../exports.ts';
import { figuresTable } from '../figures-table.ts';

/**
 * ECharts gives a shaded area no tooltip of its own: when the mouse is over a band, show the median's
 * tip (what the band is, its values, how it was estimated) for the month under the mouse.
 */
function bandHover(chart: echarts.ECharts, spec: ChartSpec): void {
  const series = spec.option.series as Array<{ type: string; stack?: string; data: Array<{ value: [string, number] }> }>;
  const median = series.findIndex((s) => s.type === 'line' && !s.stack);
  const times = series[median].data.map((d) => Date.parse(d.value[0]));
  chart.on('mousemove', (e) => {
    const p = e as unknown as { seriesIndex?: number; event?: { offsetX: number; offsetY: number } };
    if (p.seriesIndex === undefined || !p.event || !series[p.seriesIndex]?.stack) return;
    const [t] = chart.convertFromPixel({ seriesIndex: median }, [p.event.offsetX, p.event.offsetY]) as number[];
    const at = times.reduce((best, x, i) => (Math.abs(x - t) < Math.abs(times[best] - t) ? i : best), 0);
    // After the tooltip's own "nothing here" hide, which runs on the same move.
    setTimeout(() => chart.dispatchAction({ type: 'showTip', seriesIndex: median, dataIndex: at }), 0);
  });
}

function estimateCard(data: LoadedData): HTMLElement {
  const label = { class: 'card estimate', 'aria-label': 'Estimated total, recorded or not' };
  if (!data.estimates)
    return h('section', label, h('h2', {}, 'Estimated, recorded or not'), h('p', { class: 'big' }, 'no estimate'), h('p', { class: 'muted' }, data.estimatesError ? `The bundled estimate could not be loaded: ${data.estimatesError}` : ESTIMATE_PENDING));
  const e = estimateHeadline(data.estimates);
  return h(
    'section',
    label,
    h('h2', {}, 'Estimated, recorded or not (model)'),
    h('p', { class: 'big estimate-headline' }, e.sentence),
    h('p', { class: 'estimate-interval' }, `95% interval ${e.interval95} (50%: ${e.interval50})`),
    h('p', { class: 'muted', title: ESTIMATE_SHORT }, `A model-based estimate, not a count: ${e.basis}. `, h('a', { href: e.methodHref }, 'How it is estimated')),
  );
}

export function renderOverview(root: HTMLElement, data: LoadedData): void {
  const sources = new Map(data.sources.map((s) => [s.id, s]));
  const cards = headlines(data).map((hl) =>
    h(
      'section',
      { class: `card topic-${hl.topic}`, 'aria-label': hl.label },
      h('h2', {}, hl.label),
      hl.figure
        ? h(
            'div',
            {},
            h('p', { class: 'big' }, `${hl.figure.text} ${hl.figure.unit}`),
            h('p', {}, `${hl.figure.seriesTitle}, ${hl.figure.period}`),
            h('p', { class: 'muted' }, hl.figure.citation, hl.figure.url ? ' · ' : '', hl.figure.url ? extLink(hl.figure.url, 'source') : ''),
            h('p', { class: 'muted' }, `${hl.figureCount} figure(s) in ${hl.seriesCount} series`),
          )
        : h('p', { class: 'muted' }, 'No figures loaded for this topic yet.'),
    ),
  );
  const chartEl = h('div', { class: 'chart', id: 'chart-overview', role: 'img', 'aria-label': 'Timeline of recorded figures' });
  const narrow = isNarrow();
  const spec = overviewChart(data, { narrow });
  const estSpec = data.estimates && estimateChart(data.estimates, data, { narrow });
  const estEl = estSpec && h('div', { class: 'chart tall', id: 'chart-overview-estimate', role: 'img', 'aria-label': 'Model estimate of soldiers who went AWOL, with its intervals, against recorded counts' });
  root.append(
    h('h1', { tabindex: '-1' }, 'What is recorded, and what is not'),
    h(
      'p',
      { class: 'lead' },
      'Public fragments of desertion from the army, each with its source. Different series count different things (cases, verdicts, people, requests): they are shown together and never added up.',
      data.estimates ? ' The estimate of the whole comes from a model fitted to these figures, with its interval.' : '',
    ),
    h('div', { class: 'cards' }, ...cards, estimateCard(data)),
    chartEl,
    h('p', { class: 'caption' }, spec.caption),
    exportLinks('overview'),
    ...(estSpec && estEl ? [estEl, h('p', { class: 'caption' }, estSpec.caption, ' ', h('a', { href: `#/methods#method-${data.estimates!.methodId}` }, 'How it is estimated')), exportLinks('overview', 'chart=overview-estimate', { report: false, what: 'estimate chart' })] : []),
    h('details', {}, h('summary', {}, 'All figures on the timeline, with sources'), figuresTable(timelineObservations(data), sources, 'Recorded figures')),
  );
  mountChart(chartEl, spec);
  if (estSpec && estEl) bandHover(mountChart(estEl, estSpec), estSpec);
}
