import { mseContent } from '../../../src/report/computed-views.ts';
import type { MseResult } from '../../../src/analyses/mse.ts';
import type { MseMethodResult } from '../../../src/report/mse-chart.ts';
import { mseEmbedQuery, mseRequestFromQuery, type MseEmbedRequest } from '../../../src/report/mse-embed.ts';
import { postJson, readJson } from '../api.ts';
import { appendCharts } from '../chart-section.ts';
import { disposeCharts } from '../charts.ts';
import { h } from '../dom.ts';
import { reportLinks } from '../exports.ts';

const fmt = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '—');
const scalar = (v: unknown) =>
  typeof v === 'number'
    ? Number.isInteger(v)
      ? String(v)
      : v.toPrecision(4)
    : typeof v === 'string' || typeof v === 'boolean'
      ? String(v)
      : null;

/** One method's diagnostics: the plain numbers as a list; nested detail (model lists, traces) folded away. */
function diagnostics(m: MseMethodResult): HTMLElement {
  const flat = Object.entries(m.diagnostics)
    .map(([k, v]) => [k, scalar(v)] as const)
    .filter(([, v]) => v !== null);
  const nested = Object.entries(m.diagnostics).filter(([, v]) => scalar(v) === null && v !== null && v !== undefined);
  return h(
    'section',
    { class: 'card mse-diag', id: `diag-${m.method}` },
    h('h3', {}, m.method, ' ', h('span', { class: 'muted' }, m.model)),
    flat.length ? h('dl', {}, ...flat.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])) : null,
    ...m.warnings.map((w) => h('p', { class: 'warning' }, `⚠ ${w}`)),
    nested.length
      ? h(
          'details',
          {},
          h('summary', {}, 'More detail'),
          h('pre', {}, JSON.stringify(Object.fromEntries(nested), null, 1).slice(0, 20_000)),
        )
      : null,
  );
}

/**
 * Capture–recapture: upload pattern counts (JSON) or a records CSV, or simulate a world with a known size;
 * the server runs every applicable method, and the page shows them in one table and one chart with diagnostics.
 */
export function renderMse(root: HTMLElement): void {
  const status = h('p', { class: 'muted', id: 'mse-status', role: 'status', 'aria-live': 'polite' });
  const out = h('div', { id: 'mse-results' });
  const file = h('input', { type: 'file', id: 'mse-file', accept: '.json,.csv,application/json,text/csv' });
  // Lists that are steps of one process (a wanted list and the court cases it leads to) are counted as one.
  const merge = h('input', { type: 'text', id: 'mse-merge', placeholder: 'courts+wanted', size: 24 });
  const num = (id: string, label: string, value: string, attrs: Record<string, string | number> = {}) => {
    const input = h('input', { type: 'number', id, value, ...attrs });
    return { input, el: h('label', {}, `${label} `, input) };
  };
  const N = num('mse-N', 'True size', '2000', { min: 50, max: 200000 });
  const lists = num('mse-lists', 'Lists', '3', { min: 2, max: 5 });
  const capture = num('mse-capture', 'Capture probability', '0.25', { min: 0.02, max: 0.95, step: 0.01 });
  const sigma = num('mse-sigma', 'Heterogeneity σ', '1', { min: 0, max: 3, step: 0.1 });
  const seed = num('mse-seed', 'Seed', '1', { min: 0 });
  const worldBtn = h('button', { type: 'submit', class: 'btn', id: 'mse-world' }, 'Simulate and estimate');

  const run = async (body: MseEmbedRequest, what: string) => {
    status.textContent = `Estimating ${what} with every applicable method (LCMCR takes a few seconds)…`;
    disposeCharts();
    out.replaceChildren();
    try {
      const res = await readJson<MseResult & { id: string }>(await postJson('/api/mse', body));
      status.textContent = `${res.name}: ${res.lists.length} lists (${res.lists.join(', ')}), ${res.observed.toLocaleString('en-US')} people observed.`;
      show(res, mseEmbedQuery(body));
    } catch (e) {
      status.textContent = `Could not estimate: ${(e as Error).message}`;
    }
  };

  /** `embed`: the request as an embed query (each chart's embed code carries it; none when too long for an address). */
  const show = (res: MseResult & { id: string }, embed: string | undefined) => {
    const charts = mseContent(res).charts;
    const [estimates] = charts;
    const more = charts.filter((c) => c.id === 'mse-sensitivity');
    const pairChart = charts.filter((c) => c.id === 'mse-pairwise');
    const q = `result=${encodeURIComponent(res.id)}`;
    const table = h(
      'table',
      { class: 'figures mse-results' },
      h('caption', {}, 'Estimate by method'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...['Method', 'Model', 'Estimate', 'Interval', 'Level', 'Unrecorded'].map((t) =>
            h('th', { scope: 'col' }, t),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        ...res.results.map((m) =>
          h(
            'tr',
            { 'data-method': m.method },
            h('td', {}, m.method),
            h('td', {}, m.model),
            h('td', { class: 'num' }, fmt(m.estimate)),
            h('td', { class: 'num' }, `${fmt(m.interval[0])} – ${fmt(m.interval[1])}`),
            h('td', {}, `${Math.round(m.level * 100)}%`),
            h('td', { class: 'num' }, fmt(m.estimate - res.observed)),
          ),
        ),
        ...res.failures.map((f) =>
          h(
            'tr',
            { 'data-method': f.method, class: 'failed' },
            h('td', {}, f.method),
            h('td', { colspan: 5 }, `no estimate: ${f.error}`),
          ),
        ),
      ),
    );
    out.append(
      reportLinks('mse', q),
      // Whether the lists overlap enough to say anything comes before any figure.
      ...(res.overlap?.refusal
        ? [h('p', { class: 'warning', id: 'mse-refusal' }, `⚠ No estimate: ${res.overlap.refusal}.`)]
        : []),
      ...(res.warnings ?? []).map((w) => h('p', { class: 'warning mse-overlap-warning' }, `⚠ ${w}`)),
      h('div', { class: 'scroll' }, table),
      ...(res.spread !== null && res.results.length > 1
        ? [h('p', {}, `Sensitivity to the method: the largest estimate is ${res.spread.toFixed(2)}× the smallest.`)]
        : []),
      ...(res.truth !== undefined ? [h('p', {}, `The simulated world's true size: ${fmt(res.truth)}.`)] : []),
    );
    appendCharts(out, [estimates!], 'mse', q, embed);
    if (!embed)
      out.append(
        h(
          'p',
          { class: 'muted', id: 'mse-no-embed' },
          'No embed code: this upload is too long to carry in an address (embeds carry the request; pattern counts fit, a long records file does not).',
        ),
      );
    if (res.sensitivity?.length) {
      // Next to the estimates: how the people linked across lists change with the linkage threshold.
      out.append(
        h('h2', { id: 'mse-sensitivity-heading' }, 'Threshold sensitivity of the linkage'),
        h(
          'div',
          { class: 'scroll' },
          h(
            'table',
            { class: 'figures mse-sensitivity' },
            h('caption', {}, 'People on two or more lists, by match threshold'),
            h(
              'thead',
              {},
              h('tr', {}, h('th', { scope: 'col' }, 'Threshold'), h('th', { scope: 'col' }, 'Linked people')),
            ),
            h(
              'tbody',
              {},
              ...[...res.sensitivity]
                .sort((a, b) => a.threshold - b.threshold)
                .map((r) =>
                  h(
                    'tr',
                    {},
                    h('td', { class: 'num' }, String(r.threshold)),
                    h('td', { class: 'num' }, fmt(r.linkedPeople)),
                  ),
                ),
            ),
          ),
        ),
      );
      appendCharts(out, more, 'mse', q, embed);
    }
    if (res.pairwise?.length) {
      // The pairwise-dependence table, as `darkfigure mse` prints it.
      const rel = (x: number | null) => (x === null ? '—' : x.toFixed(2));
      out.append(
        h('h2', { id: 'mse-pairwise-heading' }, 'Pairs of lists: a check on dependence'),
        h(
          'div',
          { class: 'scroll' },
          h(
            'table',
            { class: 'figures mse-pairwise' },
            h(
              'caption',
              {},
              'Chapman on each pair of lists alone; a pair far below the median may be two steps of one process (count them as one list)',
            ),
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ...['Lists', 'On both', 'Estimate', 'Interval', '× median'].map((t) => h('th', { scope: 'col' }, t)),
              ),
            ),
            h(
              'tbody',
              {},
              ...res.pairwise.map((p) =>
                h(
                  'tr',
                  { 'data-pair': p.lists.join('+') },
                  h('td', {}, p.lists.join(' × ')),
                  h('td', { class: 'num' }, fmt(p.both)),
                  h('td', { class: 'num' }, p.both === 0 ? 'none (no overlap)' : fmt(p.estimate ?? NaN)),
                  h(
                    'td',
                    { class: 'num' },
                    p.both === 0 ? '' : `${fmt(p.interval[0] ?? NaN)} – ${fmt(p.interval[1] ?? NaN)}`,
                  ),
                  h('td', { class: 'num' }, rel(p.relative)),
                ),
              ),
            ),
          ),
        ),
      );
      appendCharts(out, pairChart, 'mse', q, embed);
    }
    out.append(h('h2', {}, 'Diagnostics'), h('div', { class: 'cards' }, ...res.results.map(diagnostics)));
  };

  const upload = () => {
    const f = file.files?.[0];
    if (!f) return;
    const m = merge.value.trim();
    void f.text().then((text) => run({ kind: 'upload', name: f.name, text, ...(m ? { merge: m } : {}) }, f.name));
  };
  file.addEventListener('change', upload);
  merge.addEventListener('change', upload);
  const world = h(
    'form',
    { class: 'mse-world' },
    h(
      'fieldset',
      {},
      h('legend', {}, 'Or simulate a world with a known size'),
      N.el,
      ' ',
      lists.el,
      ' ',
      capture.el,
      ' ',
      sigma.el,
      ' ',
      seed.el,
      ' ',
      worldBtn,
    ),
  );
  world.addEventListener('submit', (e) => {
    e.preventDefault();
    void run(
      {
        kind: 'world',
        N: Number(N.input.value),
        lists: Number(lists.input.value),
        capture: Number(capture.input.value),
        sigma: Number(sigma.input.value),
        seed: Number(seed.input.value),
      },
      'a simulated world',
    );
  });
  root.append(
    h('h1', { tabindex: '-1' }, 'Capture–recapture'),
    h(
      'p',
      { class: 'lead' },
      'How many were never on any list? Give the overlap of several lists and compare what each method estimates, with its interval and diagnostics. Methods differ in what they assume; where they disagree, the data cannot settle it. See ',
      h('a', { href: '#/methods' }, 'Methods'),
      '.',
    ),
    h(
      'p',
      {},
      h(
        'label',
        { for: 'mse-file' },
        'Pattern counts (JSON: {"lists", "counts"}), the output of `darkfigure link --json` (capture histories and threshold sensitivity), or records (CSV, one 0/1 column per list): ',
      ),
      file,
    ),
    h(
      'p',
      {},
      h(
        'label',
        { for: 'mse-merge' },
        'Count as one list (lists that are steps of one process, such as a wanted list and the court cases it leads to; names joined by +, groups by commas): ',
      ),
      merge,
    ),
    world,
    status,
    out,
  );
  // #/mse?kind=world&N=… (the address an embed's credit links to): run that request, its settings in the form.
  const q = new URLSearchParams(location.hash.split('?')[1] ?? '');
  if (q.has('kind')) {
    let req: MseEmbedRequest;
    try {
      req = mseRequestFromQuery(q);
    } catch (e) {
      status.textContent = `Could not read the request in the address: ${(e as Error).message}`;
      return;
    }
    if (req.kind === 'world')
      for (const [k, f] of [
        ['N', N],
        ['lists', lists],
        ['capture', capture],
        ['sigma', sigma],
        ['seed', seed],
      ] as const)
        if (req[k] !== undefined) f.input.value = String(req[k]);
    void run(req, req.kind === 'world' ? 'a simulated world' : (req.name ?? 'the pattern counts in the address'));
  }
}
