import { courtCharts, type CourtView } from '../../../src/report/court-chart.ts';
import { publishedNowcastLine, publishedNowcastTables } from '../../../src/report/court-published-view.ts';
import { readJson, type LoadedData } from '../api.ts';
import { appendCharts } from '../chart-section.ts';
import { h } from '../dom.ts';
import { reportLinks } from '../exports.ts';
import { tableSection } from '../table-section.ts';

const METHODS = [
  ['bayes', 'Bayesian (NobBS-style)'],
  ['baseline', 'Baseline (baselinenowcast-style)'],
  ['chainladder', 'Chain ladder (Mack)'],
] as const;

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');

/**
 * Court records. First the published monthly figures (cases received by article, verdicts), the view's
 * default; then the line list: the store's imported court records (their nowcast is also drawn on the
 * published figures), or, when the store has none, a clearly separate demonstration on a simulated line
 * list. The method switch is in the route; the nowcast runs on the server's worker thread.
 */
export async function renderCourt(root: HTMLElement, data: LoadedData, query: URLSearchParams): Promise<void> {
  const method = METHODS.some(([m]) => m === query.get('method')) ? query.get('method')! : 'bayes';
  const select = h(
    'select',
    { id: 'court-method' },
    ...METHODS.map(([m, label]) => h('option', { value: m, selected: m === method }, label)),
  );
  select.addEventListener('change', () => (location.hash = `#/court?method=${select.value}`));
  const status = h(
    'p',
    { class: 'muted', id: 'court-status', role: 'status', 'aria-live': 'polite' },
    `Running the ${method} nowcast on the server…`,
  );
  const published = h('section', { id: 'court-published-section', 'aria-label': 'Published court figures' });
  const lineList = h('section', { id: 'court-results', 'aria-labelledby': 'court-linelist-h' });
  root.append(
    h('h1', { tabindex: '-1' }, 'Court records'),
    h(
      'p',
      { class: 'lead' },
      'Cases received by military courts and verdicts per month, as Mediazona and others published them, with a nowcast (derived by darkfigure) of the months after the newest published total. Recent months of court records look low because verdicts take months to be reached and published: a nowcast of imported records estimates how many recent cases will end in a verdict, with 50% and 95% bands. See ',
      h('a', { href: '#/methods#method-nowcast' }, 'Methods'),
      '.',
    ),
    published,
    lineList,
  );
  let view: CourtView;
  try {
    view = await readJson<CourtView>(await fetch(`/api/court?method=${method}`));
  } catch (e) {
    lineList.append(status);
    status.textContent = `Could not load the court records: ${(e as Error).message}`;
    return;
  }
  const charts = courtCharts(view, data);
  appendCharts(published, charts.slice(0, 1), 'court', `method=${method}`);
  // The nowcast of the published series' newest months: its line in words, then its two tables.
  const pubs = view.published ?? [];
  if (pubs.length)
    published.append(
      h('p', { class: 'lead', id: 'court-published-nowcast-line' }, publishedNowcastLine(pubs)),
      ...publishedNowcastTables(pubs).map((t) =>
        tableSection(t, { section: 'cal-check', table: `cal-checks ${t.id}` }),
      ),
    );
  published.append(reportLinks('court', `method=${method}`));

  const simulated = view.origin === 'simulated';
  status.textContent = `${view.cases.toLocaleString('en-US')} cases as of ${view.now}; nowcast: ${method}.`;
  const banner = h(
    'p',
    { class: `origin origin-${view.origin}`, id: 'court-origin' },
    h('strong', {}, simulated ? 'Simulated data, not court records. ' : 'Court records from the store. '),
    view.label,
    '.',
  );
  const recent = view.nowcast.periods.filter((p) => p.estimate > p.reported || p.hi95 > p.reported);
  const table = h(
    'table',
    { class: 'figures court-nowcast' },
    h('caption', {}, `Recent months still filling (${view.nowcast.method})`),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...['Month received', 'Verdicts known', 'Nowcast', '50%', '95%'].map((t) => h('th', { scope: 'col' }, t)),
      ),
    ),
    h(
      'tbody',
      {},
      ...recent.map((p) =>
        h(
          'tr',
          { 'data-month': p.period.slice(0, 7) },
          h('td', {}, p.period.slice(0, 7)),
          h('td', { class: 'num' }, fmt(p.reported)),
          h('td', { class: 'num' }, fmt(p.estimate)),
          h('td', { class: 'num' }, `${fmt(p.lo50)} – ${fmt(p.hi50)}`),
          h('td', { class: 'num' }, `${fmt(p.lo95)} – ${fmt(p.hi95)}`),
        ),
      ),
    ),
  );
  if (simulated) lineList.classList.add('demo');
  lineList.append(
    h(
      'h2',
      { id: 'court-linelist-h' },
      simulated
        ? 'Demonstration: the nowcast on a simulated line list'
        : 'Imported court records: the nowcast of recent months',
    ),
    simulated
      ? h(
          'p',
          {},
          'The store holds no court records, so this section shows how the nowcast works on a simulated line list with known delays. Nothing in it is a court figure.',
        )
      : '',
    banner,
    h('p', { class: 'filters' }, h('label', { for: 'court-method' }, 'Nowcast method '), select),
    status,
    ...view.nowcast.warnings.map((w) => h('p', { class: 'warning' }, `⚠ ${w}`)),
  );
  // The nowcast chart with its table of the months still filling; then the counts and breakdowns.
  appendCharts(lineList, charts.slice(1, 2), 'court', `method=${method}`);
  lineList.append(h('div', { class: 'scroll' }, table));
  appendCharts(lineList, charts.slice(2), 'court', `method=${method}`);
  if (simulated)
    lineList.append(
      h(
        'p',
        { class: 'muted' },
        'The simulated list has no articles or sentence types; imported court records (`darkfigure import court`) add those charts.',
      ),
    );
}
