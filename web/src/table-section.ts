import type { TableModel } from '../../src/report/estimate-checks-view.ts';
import { h } from './dom.ts';

/**
 * A report table model drawn as a section of its own (the id is a link target); the table scrolls
 * inside its box on a phone. `kind` names the section's and table's classes (cal-check / cal-checks).
 */
export function tableSection(t: TableModel, kind: { section: string; table: string }): HTMLElement {
  const numeric = new Set(t.numeric);
  return h(
    'section',
    { id: t.id, class: kind.section },
    h('h3', {}, t.title),
    h('p', { class: 'muted' }, t.intro),
    t.rows.length > 0 &&
      h(
        'div',
        { class: 'scroll' },
        h(
          'table',
          { class: `figures ${kind.table}` },
          h('thead', {}, h('tr', {}, ...t.columns.map((c) => h('th', { scope: 'col' }, c)))),
          h(
            'tbody',
            {},
            ...t.rows.map((r) =>
              h(
                'tr',
                Object.fromEntries(Object.entries(r.data).map(([k, v]) => [`data-${k}`, v])),
                ...r.cells.map((c, i) => h('td', numeric.has(i) ? { class: 'num' } : {}, c)),
              ),
            ),
          ),
        ),
      ),
  );
}
