import type { Observation } from '../../../src/domain/observation.ts';
import { conflictIndex, findConflicts } from '../../../src/report/conflicts.ts';
import { HEADLINES } from '../../../src/report/headlines.ts';
import { scopeText } from '../../../src/report/scope-text.ts';
import { seriesChart } from '../../../src/report/series-chart.ts';
import { formatFigure, formatPeriod } from '../../../src/report/text.ts';
import type { LoadedData } from '../api.ts';
import { isNarrow, mountChart } from '../charts.ts';
import { h } from '../dom.ts';
import { exportLinks } from '../exports.ts';
import { figuresTable } from '../figures-table.ts';

export interface SeriesFilters {
  source: string;
  confidence: string[];
  party: '' | 'yes' | 'no';
}

export function parseFilters(q: URLSearchParams): SeriesFilters {
  const conf = (q.get('confidence') ?? 'A,B,C').split(',').filter((c) => ['A', 'B', 'C'].includes(c));
  const party = q.get('party');
  return { source: q.get('source') ?? '', confidence: conf, party: party === 'yes' || party === 'no' ? party : '' };
}

function filterQuery(f: SeriesFilters): string {
  const q = new URLSearchParams();
  if (f.source) q.set('source', f.source);
  if (f.confidence.length !== 3) q.set('confidence', f.confidence.join(','));
  if (f.party) q.set('party', f.party);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Figures that pass the filters: by source, by the source's confidence grade, by whether it is a party to the war. */
export function applyFilters(data: LoadedData, f: SeriesFilters): Observation[] {
  const sources = new Map(data.sources.map((s) => [s.id, s]));
  return data.observations.filter((o) => {
    const s = sources.get(o.sourceId);
    if (f.source && o.sourceId !== f.source) return false;
    if (!s || !f.confidence.includes(s.confidence)) return false;
    if (f.party === 'yes' && !s.partyToConflict) return false;
    if (f.party === 'no' && s.partyToConflict) return false;
    return true;
  });
}

export function renderSeries(
  root: HTMLElement,
  data: LoadedData,
  selected: string | undefined,
  query: URLSearchParams,
): void {
  const filters = parseFilters(query);
  const go = (id: string | undefined, f: SeriesFilters) => {
    location.hash = `#/series${id ? `/${encodeURIComponent(id)}` : ''}${filterQuery(f)}`;
  };
  const obs = applyFilters(data, filters);
  const counts = new Map<string, number>();
  for (const o of obs) counts.set(o.seriesId, (counts.get(o.seriesId) ?? 0) + 1);
  // Recorded fragments first (court, NGO, surrender, leaks), then the rest, each by title.
  const rank = (t: string) => {
    const i = ['court', 'ngo', 'surrender', 'leak'].indexOf(t);
    return i < 0 ? 9 : i;
  };
  const visible = data.series
    .filter((s) => counts.has(s.id))
    .sort((a, b) => rank(a.topic) - rank(b.topic) || a.title.localeCompare(b.title));
  // Without a choice, the first headline series (data/headlines.json) that has figures: never a one-point curiosity.
  const current =
    data.series.find((s) => s.id === selected) ??
    HEADLINES.map((d) => visible.find((s) => s.id === d.seriesId)).find((s) => !!s) ??
    visible[0];

  const sourceSelect = h(
    'select',
    {
      id: 'filter-source',
      onchange: (e: Event) => go(current?.id, { ...filters, source: (e.target as HTMLSelectElement).value }),
    },
    h('option', { value: '' }, 'all sources'),
    ...data.sources.map((s) =>
      h(
        'option',
        { value: s.id, selected: s.id === filters.source },
        `${s.organisation}${s.outlet ? ` via ${s.outlet}` : ''} (${s.confidence})`,
      ),
    ),
  );
  const confBoxes = ['A', 'B', 'C'].map((c) =>
    h(
      'label',
      { class: 'check' },
      h('input', {
        type: 'checkbox',
        id: `filter-conf-${c}`,
        checked: filters.confidence.includes(c),
        onchange: (e: Event) => {
          const on = (e.target as HTMLInputElement).checked;
          go(current?.id, {
            ...filters,
            confidence: ['A', 'B', 'C'].filter((x) => (x === c ? on : filters.confidence.includes(x))),
          });
        },
      }),
      ` ${c}`,
    ),
  );
  const partySelect = h(
    'select',
    {
      id: 'filter-party',
      onchange: (e: Event) =>
        go(current?.id, { ...filters, party: (e.target as HTMLSelectElement).value as SeriesFilters['party'] }),
    },
    h('option', { value: '', selected: filters.party === '' }, 'any source'),
    h('option', { value: 'no', selected: filters.party === 'no' }, 'not a party to the war'),
    h('option', { value: 'yes', selected: filters.party === 'yes' }, 'a party to the war'),
  );

  const list = h(
    'ul',
    { class: 'series-list', 'aria-label': 'Series' },
    ...visible.map((s) =>
      h(
        'li',
        {},
        h(
          'a',
          {
            href: `#/series/${encodeURIComponent(s.id)}${filterQuery(filters)}`,
            'aria-current': s.id === current?.id ? 'true' : undefined,
            'data-series': s.id,
          },
          h('span', { class: `dot topic-${s.topic}` }),
          s.title,
          HEADLINES.some((d) => d.seriesId === s.id) ? h('span', { class: 'badge' }, 'headline') : '',
          h('span', { class: 'muted' }, ` ${counts.get(s.id)} · ${s.unit}`),
        ),
      ),
    ),
  );

  root.append(
    h('h1', { tabindex: '-1' }, 'Series explorer'),
    h(
      'p',
      { class: 'lead' },
      'Every series as published: cumulative totals and counts per month side by side. Figures whose ranges cannot both be true (qualifiers such as "about" and "more than" included) are shown together, outlined in red, with their notes; they are never merged.',
    ),
    h(
      'form',
      { class: 'filters', 'aria-label': 'Filters', onsubmit: (e: Event) => e.preventDefault() },
      h('label', { for: 'filter-source' }, 'Source '),
      sourceSelect,
      h('fieldset', {}, h('legend', {}, 'Confidence'), ...confBoxes),
      h('label', { for: 'filter-party' }, 'Party to the conflict '),
      partySelect,
    ),
  );
  // Search across series: title, id, unit, what it counts and excludes; the list narrows as one types.
  const search = h('input', {
    type: 'search',
    id: 'series-search',
    class: 'series-search',
    placeholder: 'Search series (e.g. surrender, 338, requests)',
    'aria-label': 'Search series',
    autocomplete: 'off',
  });
  const noMatch = h('p', { class: 'muted', id: 'series-nomatch', hidden: true }, 'No series match this search.');
  const haystack = new Map(
    visible.map((s) => [s.id, `${s.title} ${s.id} ${s.unit} ${s.counts} ${s.excludes} ${s.topic}`.toLowerCase()]),
  );
  search.addEventListener('input', () => {
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const li of list.querySelectorAll<HTMLLIElement>('li')) {
      const id = li.querySelector<HTMLElement>('a')?.dataset.series ?? '';
      const hit = words.every((w) => haystack.get(id)?.includes(w));
      li.hidden = !hit;
      if (hit) shown++;
    }
    noMatch.hidden = shown > 0;
  });
  const layout = h(
    'div',
    { class: 'explorer' },
    h(
      'nav',
      { class: 'side', 'aria-label': 'Series list' },
      search,
      noMatch,
      visible.length ? list : h('p', { class: 'muted' }, 'No series match these filters.'),
    ),
  );
  root.append(layout);
  if (!current || !counts.has(current.id)) return;

  const mine = obs.filter((o) => o.seriesId === current.id);
  const sources = new Map(data.sources.map((s) => [s.id, s]));
  const groups = findConflicts(mine);
  const spec = seriesChart({ series: current, observations: mine, sources: data.sources }, { narrow: isNarrow() });
  const chartEl = h('div', {
    class: 'chart tall',
    id: 'chart-series',
    role: 'img',
    'aria-label': `Chart of ${current.title}`,
  });
  const q = new URLSearchParams({ series: current.id, chart: spec.id }).toString();
  layout.append(
    h(
      'section',
      { class: 'detail', 'aria-label': current.title },
      h('h2', {}, current.title),
      h('p', { class: 'muted' }, `Counts: ${current.counts}. Does not count: ${current.excludes}.`),
      chartEl,
      h('p', { class: 'caption' }, spec.caption),
      exportLinks('series', q),
      groups.length
        ? h(
            'div',
            { class: 'conflicts', role: 'note' },
            h('h3', {}, `Conflicting figures (${groups.length})`),
            h(
              'ul',
              {},
              ...groups.map((g) =>
                h(
                  'li',
                  {},
                  `${g.observations.length} figures that disagree:`,
                  h(
                    'ul',
                    {},
                    ...g.observations.map((o) =>
                      h(
                        'li',
                        {},
                        h(
                          'a',
                          {
                            href: `#obs-${o.id}`,
                            onclick: (e: Event) => {
                              e.preventDefault();
                              document.getElementById(`obs-${o.id}`)?.scrollIntoView();
                            },
                          },
                          `${formatFigure(o)} ${o.unit}`,
                        ),
                        `, ${scopeText(o.scope)}, ${formatPeriod(o)} (${sources.get(o.sourceId)?.organisation ?? o.sourceId})${o.notes ? ` — ${o.notes}` : ''}`,
                      ),
                    ),
                  ),
                ),
              ),
            ),
          )
        : null,
      figuresTable(mine, sources, `Figures of ${current.title}`, conflictIndex(groups)),
    ),
  );
  mountChart(chartEl, spec);
}
