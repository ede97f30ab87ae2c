import { citationText } from '../../../src/report/citation.ts';
import { METHODS, VIEWS } from '../../../src/report/methods.ts';
import type { LoadedData } from '../api.ts';
import { extLink, h } from '../dom.ts';

export function renderMethods(root: HTMLElement, data: LoadedData): void {
  const used = new Map<string, number>();
  for (const o of data.observations) used.set(o.sourceId, (used.get(o.sourceId) ?? 0) + 1);
  root.append(
    h('h1', { tabindex: '-1' }, 'Methods and sources'),
    h(
      'p',
      { class: 'lead' },
      'Each method in plain words, with what it assumes; then every source the figures come from, with its citation and how far to trust it.',
    ),
    h('h2', {}, 'Methods'),
    ...METHODS.map((m) =>
      h(
        'section',
        { class: `method ${m.status === 'coming' ? 'coming' : ''}`, id: `method-${m.id}` },
        h('h3', {}, m.name, ' ', h('span', { class: 'badge' }, m.status)),
        h('p', {}, m.plain),
        h('p', { class: 'muted' }, 'Assumes: '),
        h('ul', {}, ...m.assumptions.map((a) => h('li', {}, a))),
        h('p', { class: 'muted' }, 'Code: ', h('code', {}, m.code)),
      ),
    ),
    h('h2', {}, 'Views'),
    h('ul', {}, ...VIEWS.map((v) => h('li', {}, h('strong', {}, v.name), `: ${v.status}`))),
    h('h2', {}, `Sources (${data.sources.length})`),
    h(
      'p',
      { class: 'muted' },
      'Confidence: A, the originator’s own publication or two independent exact reports; B, one reputable secondary report; C, an aggregator, an unchecked claim, a figure from a party to the war, or one that conflicts with others.',
    ),
    h(
      'div',
      { class: 'scroll' },
      h(
        'table',
        { class: 'figures sources' },
        h('caption', {}, 'Every source in the store'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...['Source', 'Confidence', 'Party to the conflict', 'Figures', 'Link', 'Notes'].map((t) =>
              h('th', { scope: 'col' }, t),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          ...data.sources.map((s) =>
            h(
              'tr',
              { id: `source-${s.id}` },
              h('td', {}, citationText(s)),
              h('td', { class: `conf conf-${s.confidence}` }, s.confidence),
              h('td', {}, s.partyToConflict ? 'yes' : 'no'),
              h('td', { class: 'num' }, String(used.get(s.id) ?? 0)),
              h('td', {}, s.url ? extLink(s.url, new URL(s.url).hostname) : '—'),
              h(
                'td',
                {},
                s.notes ?? '',
                s.seedArticle
                  ? h('div', { class: 'muted' }, 'one of the four articles the project started from')
                  : null,
              ),
            ),
          ),
        ),
      ),
    ),
  );
}
