import type { ChartSpec } from '../../src/report/dataset.ts';
import { mountChart } from './charts.ts';
import { h } from './dom.ts';
import { exportLinks } from './exports.ts';

/**
 * Charts of a computed view, each with its heading, caption and its own PNG/SVG/CSV export (the query
 * names the run it was made from; `embedQuery`, where given, is what the embed address carries instead).
 * Appends to `root` and mounts the charts.
 */
export function appendCharts(
  root: HTMLElement,
  specs: ChartSpec[],
  view: string,
  query: string,
  embedQuery?: string,
): void {
  for (const spec of specs) {
    const el = h('div', { class: 'chart', id: `chart-${spec.id}`, role: 'img', 'aria-label': spec.title });
    const q = new URLSearchParams(query);
    q.set('chart', spec.id);
    root.append(
      h('h2', {}, spec.title),
      el,
      h('p', { class: 'caption' }, spec.caption),
      exportLinks(view, q.toString(), { report: false, what: spec.title, embedQuery }),
    );
    mountChart(el, spec);
  }
}
