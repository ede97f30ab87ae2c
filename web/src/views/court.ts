import { courtCharts, type CourtView } from '../../../src/report/court-chart.ts';
import { readJson, type LoadedData } from '../api.ts';
import { appendCharts } from '../chart-section.ts';
import { h } from '../dom.ts';
import { reportLinks } from '../exports.ts';

const METHODS = [
  ['bayes', 'Bayesian (NobBS-style)'],
  ['baseline', 'Baseline (baselinenowcast-style)'],
  ['chainladder', 'Chain ladder (Mack)'],
] as const;

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');

/**
 * Court records: monthly cases and verdicts, by article and sentence type, and the nowcast of recent months
 * with a switch between methods (the route carries it). The server uses the store's court records, or a
 * simulated line list, clearly labelled, when it has none; the nowcast runs on its worker thread.
 */
export async function renderCourt(root: HTMLElement, data: LoadedData, query: URLSearchParams): Promise<void> {
  const method = METHODS.some(([m]) => m === query.get('method')) ? query.get('method')! : 'bayes';
  const select = h('select', { id: 'court-method' }, ...METHODS.map(([m, label]) => h('option', { value: m, selected: m === method }, label)));
  select.addEventListener('change', () => (location.hash = `#/court?method=${select.value}`));
  const status = h('p', { class: 'muted', id: 'court-status', role: 'status', 'aria-live': 'polite' }, `Running the ${method} nowcast on the server…`);
  const out = h('div', { id: 'court-results' });
  root.append(
    h('h1', { tabindex: '-1' }, 'Court records'),
    h('p', { class: 'lead' }, 'Cases received and verdicts per month, by article and sentence type. Recent months look low because verdicts take months to be reached and published: the nowcast estimates how many of the recent cases will end in a verdict, with 50% and 95% bands. See ', h('a', { href: '#/methods#method-nowcast' }, 'Methods'), '.'),
    h('p', { class: 'filters' }, h('label', { for: 'court-method' }, 'Nowcast method '), select),
    status,
    out,
  );
  let view: CourtView;
  try {
    view = await readJson<CourtView>(await fetch(`/api/court?method=${method}`));
  } catch (e) {
    status.textContent = `Could not load the court records: ${(e as Error).message}`;
    return;
  }
  status.textContent = `${view.cases.toLocaleString('en-US')} cases as of ${view.now}; nowcast: ${method}.`;
  const banner = h('p', { class: `origin origin-${view.origin}`, id: 'court-origin' }, h('strong', {}, view.origin === 'simulated' ? 'Simulated data, not court records. ' : 'Court records from the store. '), view.label, '.');
  const recent = view.nowcast.periods.filter((p) => p.estimate > p.reported || p.hi95 > p.reported);
  const table = h(
    'table',
    { class: 'figures court-nowcast' },
    h('caption', {}, `Recent months still filling (${view.nowcast.method})`),
    h('thead', {}, h('tr', {}, ...['Month received', 'Verdicts known', 'Nowcast', '50%', '95%'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, ...recent.map((p) => h('tr', { 'data-month': p.period.slice(0, 7) }, h('td', {}, p.period.slice(0, 7)), h('td', { class: 'num' }, fmt(p.reported)), h('td', { class: 'num' }, fmt(p.estimate)), h('td', { class: 'num' }, `${fmt(p.lo50)} – ${fmt(p.hi50)}`), h('td', { class: 'num' }, `${fmt(p.lo95)} – ${fmt(p.hi95)}`)))),
  );
  out.append(banner, ...view.nowcast.warnings.map((w) => h('p', { class: 'warning' }, `⚠ ${w}`)), reportLinks('court', `method=${method}`));
  const charts = courtCharts(view, data);
  // The nowcast chart first, with its table of the months still filling; then the counts and breakdowns.
  appendCharts(out, charts.slice(0, 1), 'court', `method=${method}`);
  out.append(h('div', { class: 'scroll' }, table));
  appendCharts(out, charts.slice(1), 'court', `method=${method}`);
  if (view.origin === 'simulated') out.append(h('p', { class: 'muted' }, 'The simulated list has no articles or sentence types; imported court records (`darkfigure import court`) add those charts.'));
}
