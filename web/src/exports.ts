import { h } from './dom.ts';

/** Links to the server's exports of a chart (SVG, PNG, CSV) and of the view's report (HTML, PDF). */
export function exportLinks(view: string, query = ''): HTMLElement {
  const q = query ? `?${query}` : '';
  const link = (href: string, text: string, label: string) => h('a', { href, download: '', class: 'btn', 'aria-label': label }, text);
  return h(
    'div',
    { class: 'exports', role: 'group', 'aria-label': 'Export' },
    h('span', { class: 'muted' }, 'Export: '),
    link(`/api/chart/${view}.png${q}`, 'PNG', 'chart as PNG'),
    link(`/api/chart/${view}.svg${q}`, 'SVG', 'chart as SVG'),
    link(`/api/chart/${view}.csv${q}`, 'CSV', 'chart data as CSV'),
    link(`/api/report/${view}.html${q}`, 'Report (HTML)', 'report as HTML'),
    link(`/api/report/${view}.pdf${q}`, 'Report (PDF)', 'report as PDF'),
  );
}
