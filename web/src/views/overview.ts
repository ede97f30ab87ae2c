import type * as echarts from 'echarts/core';
import type { ChartSpec } from '../../../src/report/dataset.ts';
import { estimateChart, estimateHeadline } from '../../../src/report/estimate-overview.ts';
import { ESTIMATE_PENDING, ESTIMATE_SHORT } from '../../../src/report/methods.ts';
import { DERIVED_LABEL } from '../../../src/report/headlines.ts';
import { headlines, overviewChart, timelineObservations, type Headline } from '../../../src/report/overview.ts';
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
  const series = spec.option.series as Array<{
    type: string;
    stack?: string;
    data: Array<{ value: [string, number] }>;
  }>;
  const median = series.findIndex((s) => s.type === 'line' && !s.stack);
  const times = series[median]!.data.map((d) => Date.parse(d.value[0]));
  chart.on('mousemove', (e) => {
    const p = e as unknown as { seriesIndex?: number; event?: { offsetX: number; offsetY: number } };
    if (p.seriesIndex === undefined || !p.event || !series[p.seriesIndex]?.stack) return;
    const [t] = chart.convertFromPixel({ seriesIndex: median }, [p.event.offsetX, p.event.offsetY]) as number[];
    const at = times.reduce((best, x, i) => (Math.abs(x - t!) < Math.abs(times[best]! - t!) ? i : best), 0);
    // After the tooltip's own "nothing here" hide, which runs on the same move.
    setTimeout(() => chart.dispatchAction({ type: 'showTip', seriesIndex: median, dataIndex: at }), 0);
  });
}

function estimateCard(data: LoadedData): HTMLElement {
  const label = { class: 'card estimate', 'aria-label': 'Estimated total, recorded or not' };
  if (!data.estimates)
    return h(
      'section',
      label,
      h('h2', {}, 'Estimated, recorded or not'),
      h('p', { class: 'big' }, 'no estimate'),
      h(
        'p',
        { class: 'muted' },
        data.estimatesError ? `The bundled estimate could not be loaded: ${data.estimatesError}` : ESTIMATE_PENDING,
      ),
    );
  const e = estimateHeadline(data.estimates, data.observations);
  return h(
    'section',
    label,
    h('h2', {}, 'Estimated, recorded or not (model)'),
    h('p', { class: 'big estimate-headline' }, e.sentence),
    h('p', { class: 'estimate-interval' }, `95% interval ${e.interval95} (50%: ${e.interval50})`),
    h(
      'p',
      { class: 'estimate-definition', title: e.definitionFull },
      e.definition,
      ' ',
      h('a', { href: e.methodHref, class: 'definition-link' }, 'more'),
    ),
    h('p', { class: 'estimate-force' }, e.force),
    e.priorOnly ? h('p', { class: 'estimate-prior-only' }, e.priorOnly) : null,
    e.checkLinks
      ? h(
          'p',
          { class: 'estimate-checks muted' },
          'What it rests on: ',
          ...e.checkLinks.flatMap((l, i) => [i ? ' · ' : '', h('a', { href: l.href }, l.text)]),
        )
      : null,
    h(
      'p',
      { class: 'estimate-newest' },
      `Newest published figure the model was fitted to: ${e.newestTarget ?? 'none loaded'}.`,
    ),
    h(
      'p',
      { class: 'muted', title: ESTIMATE_SHORT },
      `A model-based estimate, not a count: ${e.basis}. `,
      h('a', { href: e.methodHref }, 'How it is estimated'),
      ' · ',
      h('a', { href: e.calibrationHref, class: 'calibration-link' }, 'the fit, on the calibration page'),
    ),
  );
}

/** A headline card: the newest figure of one headline series, what it counts and what it does not, and its source. */
function headlineCard(hl: Headline): HTMLElement {
  const f = hl.figure;
  return h(
    'section',
    { class: `card topic-${hl.topic}`, 'aria-label': hl.label, 'data-headline': hl.id },
    h('h2', {}, hl.label),
    f
      ? h(
          'div',
          {},
          h('p', { class: 'big', 'data-value': f.value, 'data-observation': f.observationId }, `${f.text} ${f.unit}`),
          h('p', {}, `${f.period}`, f.derived ? h('strong', { class: 'derived' }, ` · ${DERIVED_LABEL}`) : ''),
          h('p', { class: 'definition' }, hl.definition),
          h('p', { class: 'muted' }, `Does not count: ${hl.excludes}`),
          h(
            'p',
            { class: 'muted' },
            f.citation,
            f.url ? ' · ' : '',
            f.url ? extLink(f.url, 'source') : '',
            ' · ',
            h('a', { href: `#/series/${encodeURIComponent(hl.seriesId)}` }, `all ${hl.figureCount} figures`),
          ),
        )
      : h('p', { class: 'muted' }, 'No figures loaded for this headline.'),
  );
}

export function renderOverview(root: HTMLElement, data: LoadedData): void {
  const sources = new Map(data.sources.map((s) => [s.id, s]));
  const cards = headlines(data).map(headlineCard);
  const chartEl = h('div', {
    class: 'chart panels',
    id: 'chart-overview',
    role: 'img',
    'aria-label': 'The headline figures as published, one panel each',
  });
  const narrow = isNarrow();
  const spec = overviewChart(data, { narrow });
  const estSpec = data.estimates && estimateChart(data.estimates, data, { narrow });
  const estEl =
    estSpec &&
    h('div', {
      class: 'chart tall',
      id: 'chart-overview-estimate',
      role: 'img',
      'aria-label': 'Model estimate of soldiers who went AWOL, with its intervals, against recorded counts',
    });
  root.append(
    h('h1', { tabindex: '-1' }, 'What is recorded, and what is not'),
    h(
      'p',
      { class: 'lead' },
      `${cards.length} headline figures of desertion from the Russian army, each defined once (what it counts, what it does not) and quoted as published with its source. They count different things (cases, requests, people) and are never added up; every other figure is in the series explorer.`,
      data.estimates
        ? ' The estimate of the whole comes from a model fitted to published figures, with its interval: a model output, not a count.'
        : '',
    ),
    h('div', { class: 'cards' }, ...cards, estimateCard(data)),
    chartEl,
    h('p', { class: 'caption' }, spec.caption),
    exportLinks('overview', 'chart=overview-recorded', { what: 'recorded chart' }),
    ...(estSpec && estEl
      ? [
          estEl,
          h(
            'p',
            { class: 'caption' },
            estSpec.caption,
            ' ',
            h('a', { href: `#/methods#method-${data.estimates!.methodId}` }, 'How it is estimated'),
          ),
          exportLinks('overview', 'chart=overview-estimate', { report: false, what: 'estimate chart' }),
        ]
      : []),
    h(
      'details',
      {},
      h('summary', {}, 'The headline figures, with sources'),
      figuresTable(timelineObservations(data), sources, 'Recorded figures'),
    ),
  );
  mountChart(chartEl, spec);
  if (estSpec && estEl) bandHover(mountChart(estEl, estSpec), estSpec);
}
