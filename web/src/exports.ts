import { embedSnippet } from '../../src/report/publish.ts';
import { h } from './dom.ts';

const link = (href: string, text: string, label: string) =>
  h('a', { href, download: '', class: 'btn', 'aria-label': label }, text);

/** The iframe code for one chart, to copy: it renders just that chart with its title, sources and credit. */
function embedBox(view: string, chart: string, query: string, what: string): HTMLElement {
  const code = embedSnippet(view, chart, what, query, location.origin);
  const area = h(
    'textarea',
    { class: 'embed-code', readonly: true, rows: 3, 'aria-label': `Embed code for ${what}`, 'data-chart': chart },
    code,
  );
  return h(
    'details',
    { class: 'embed' },
    h('summary', { class: 'btn' }, 'Embed'),
    h('p', { class: 'muted' }, 'Paste this where the chart should appear:'),
    area,
  );
}

/**
 * Links to the server's exports of a chart (SVG, PNG, CSV with a citation column) and of the view's report
 * (HTML, PDF), and the chart's embed code. The query names what the view was made of (a series, a nowcast
 * method, a job or result id; `chart` picks one chart; `embedQuery` is what the embed address carries where it differs).
 */
export function exportLinks(
  view: string,
  query = '',
  opts: { report?: boolean; what?: string; embedQuery?: string } = {},
): HTMLElement {
  const q = query ? `?${query}` : '';
  const what = opts.what ?? 'chart';
  const report = opts.report ?? true;
  const chart = new URLSearchParams(query).get('chart');
  return h(
    'div',
    { class: 'exports', role: 'group', 'aria-label': `Export ${what}` },
    h('span', { class: 'muted' }, 'Export: '),
    link(`/api/chart/${view}.png${q}`, 'PNG', `${what} as PNG`),
    link(`/api/chart/${view}.svg${q}`, 'SVG', `${what} as SVG`),
    link(`/api/chart/${view}.csv${q}`, 'CSV', `${what} data as CSV, with citations`),
    report ? link(`/api/report/${view}.html${q}`, 'Report (HTML)', 'report as HTML') : null,
    report ? link(`/api/report/${view}.pdf${q}`, 'Report (PDF)', 'report as PDF') : null,
    // A capture–recapture result is not kept: its embed carries the request instead (embedQuery; none when too long).
    chart && (view !== 'mse' || opts.embedQuery)
      ? embedBox(view, chart, view === 'mse' ? opts.embedQuery! : query, what)
      : null,
  );
}

/** Report links alone (the view's charts each have their own export links). */
export function reportLinks(view: string, query = ''): HTMLElement {
  const q = query ? `?${query}` : '';
  return h(
    'div',
    { class: 'exports', role: 'group', 'aria-label': 'Export the report' },
    h('span', { class: 'muted' }, 'Report of this view: '),
    link(`/api/report/${view}.html${q}`, 'Report (HTML)', 'report as HTML'),
    link(`/api/report/${view}.pdf${q}`, 'Report (PDF)', 'report as PDF'),
  );
}
