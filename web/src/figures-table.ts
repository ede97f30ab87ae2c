import type { Observation } from '../../src/domain/observation.ts';
import type { Source } from '../../src/domain/source.ts';
import { citationText } from '../../src/report/citation.ts';
import { DERIVED_LABEL, isDerived } from '../../src/report/headlines.ts';
import { scopeText } from '../../src/report/scope-text.ts';
import { formatFigure, formatPeriod } from '../../src/report/text.ts';
import { extLink, h } from './dom.ts';

/** The figures behind a chart as a table: the keyboard and screen-reader route to every citation. */
export function figuresTable(
  observations: Observation[],
  sources: Map<string, Source>,
  caption: string,
  conflicts = new Map<string, Observation[]>(),
): HTMLTableElement {
  return h(
    'table',
    { class: 'figures' },
    h('caption', {}, caption),
    h(
      'thead',
      {},
      h('tr', {}, ...['Period', 'Figure', 'Kind', 'Scope', 'Source', 'Notes'].map((t) => h('th', { scope: 'col' }, t))),
    ),
    h(
      'tbody',
      {},
      ...observations.map((o) => {
        const s = sources.get(o.sourceId);
        const clash = conflicts.get(o.id);
        return h(
          'tr',
          { id: `obs-${o.id}`, class: clash?.length ? 'conflict' : undefined },
          h('td', {}, formatPeriod(o)),
          h('td', { class: 'num' }, `${formatFigure(o)} ${o.unit}`),
          h(
            'td',
            {},
            o.valueKind.replace('_', ' '),
            isDerived(o) ? h('strong', { class: 'derived' }, ` (${DERIVED_LABEL})`) : '',
          ),
          h('td', { title: o.scope }, scopeText(o.scope)),
          h(
            'td',
            {},
            s ? citationText(s) : o.sourceId,
            s?.url ? h('br') : null,
            s?.url ? extLink(s.url, 'source') : null,
          ),
          h(
            'td',
            {},
            o.notes ?? '',
            clash?.length
              ? h(
                  'div',
                  { class: 'conflict-note' },
                  `Conflicts with ${clash.map((x) => `${formatFigure(x)} (${sources.get(x.sourceId)?.organisation ?? x.sourceId})`).join('; ')}`,
                )
              : null,
          ),
        );
      }),
    ),
  );
}
