import { ESTIMATE_SHORT } from '../../../src/report/methods.ts';
import { headlines, overviewChart, timelineObservations } from '../../../src/report/overview.ts';
import type { LoadedData } from '../api.ts';
import { isNarrow, mountChart } from '../charts.ts';
import { extLink, h } from '../dom.ts';
import { exportLinks } from '../exports.ts';
import { figuresTable } from '../figures-table.ts';

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
  const estimate = h(
    'section',
    { class: 'card estimate', 'aria-label': 'Estimated unrecorded part' },
    h('h2', {}, 'Estimated, unrecorded'),
    h('p', { class: 'big' }, 'no estimate yet'),
    h('p', { class: 'muted' }, ESTIMATE_SHORT, ' ', h('a', { href: '#/methods' }, 'How it will be estimated')),
  );
  const chartEl = h('div', { class: 'chart', id: 'chart-overview', role: 'img', 'aria-label': 'Timeline of recorded figures' });
  const spec = overviewChart(data, { narrow: isNarrow() });
  root.append(
    h('h1', { tabindex: '-1' }, 'What is recorded, and what is not'),
    h('p', { class: 'lead' }, 'Public fragments of desertion from the army, each with its source. Different series count different things (cases, verdicts, people, requests): they are shown together and never added up.'),
    h('div', { class: 'cards' }, ...cards, estimate),
    chartEl,
    h('p', { class: 'caption' }, spec.caption),
    exportLinks('overview'),
    h('details', {}, h('summary', {}, 'All figures on the timeline, with sources'), figuresTable(timelineObservations(data), sources, 'Recorded figures')),
  );
  mountChart(chartEl, spec);
}
