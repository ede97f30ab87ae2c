import { h } from '../dom.ts';
import {
  getProject,
  getRun,
  getRunEstimate,
  getRuns,
  getRunStatus,
  type ProjectInfo,
  type RunListing,
  type RunStatus,
} from '../linkage-api.ts';

/** The published estimate of a run (src/server/entity-service/publish.ts): small counts are null. */
export interface RunEstimate {
  threshold?: number;
  lists: string[];
  k: number;
  observed: number | null;
  results: Array<{
    method: string;
    model: string;
    estimate: number;
    interval: [number, number];
    level: number;
    warnings?: string[];
  }>;
  failures?: Array<{ method: string; error: string }>;
  pairwise?: Array<{
    lists: [string, string];
    both: number | null;
    estimate: number | null;
    interval: [number | null, number | null];
    relative: number | null;
  }>;
  thresholdSensitivity?: Array<{ threshold: number; linkedPeople: number | null }>;
  warnings?: string[];
}

/** Result tokens, by project, for this page's life only: never in storage or the address bar. */
const tokens = new Map<string, string>();
let generation = 0;

/** Leaving the page stops its polling of runs under way. */
export function leaveLinkageProject(): void {
  generation++;
}

const fmt = (x: number | null | undefined) =>
  x === null || x === undefined || !Number.isFinite(x) ? '—' : Math.round(x).toLocaleString('en-US');
/** A count the service withheld (1 to k − 1 people) is shown as "<k". */
const count = (x: number | null, k: number) => (x === null ? `<${k}` : x.toLocaleString('en-US'));
const interval = (i: [number | null, number | null] | undefined) => (i ? `${fmt(i[0])} – ${fmt(i[1])}` : '—');
const table = (id: string, caption: string, head: string[], rows: HTMLElement[]) =>
  h(
    'div',
    { class: 'scroll' },
    h(
      'table',
      { class: 'figures', id },
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, ...head.map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, ...rows),
    ),
  );
const td = (text: string, num = false) => h('td', num ? { class: 'num' } : {}, text);

function estimateSection(runId: string, e: RunEstimate): HTMLElement {
  const k = e.k;
  const best = e.results[0];
  return h(
    'section',
    { class: 'lk-estimate', id: `lk-estimate-${runId}`, 'data-run': runId },
    h(
      'h3',
      {},
      'Capture–recapture on the pooled lists',
      e.threshold === undefined ? '' : `, linked at threshold ${e.threshold}`,
    ),
    best
      ? h(
          'div',
          { class: 'cards' },
          h(
            'div',
            { class: 'card estimate', id: `lk-headline-${runId}` },
            h(
              'p',
              { class: 'muted' },
              `People in all, listed or not: ${best.method} (${best.model}); every method below`,
            ),
            h('p', { class: 'big' }, fmt(best.estimate)),
            h('p', {}, `${Math.round(best.level * 100)}% interval ${interval(best.interval)}`),
          ),
          h(
            'div',
            { class: 'card' },
            h('p', { class: 'muted' }, 'People on at least one list'),
            h('p', { class: 'big' }, e.observed === null ? `<${k}` : fmt(e.observed)),
            h('p', {}, `${e.lists.length} lists`),
          ),
        )
      : h('p', { class: 'warning' }, 'No method gave an estimate.'),
    table(
      `lk-methods-${runId}`,
      'Estimate by method',
      ['Method', 'Model', 'Estimate', 'Interval', 'Level'],
      [
        ...e.results.map((m) =>
          h(
            'tr',
            { 'data-method': m.method },
            td(m.method),
            td(m.model),
            td(fmt(m.estimate), true),
            td(interval(m.interval), true),
            td(`${Math.round(m.level * 100)}%`),
          ),
        ),
        ...(e.failures ?? []).map((f) =>
          h(
            'tr',
            { 'data-method': f.method, class: 'failed' },
            td(f.method),
            h('td', { colspan: 4 }, `no estimate: ${f.error}`),
          ),
        ),
      ],
    ),
    e.pairwise?.length
      ? table(
          `lk-pairwise-${runId}`,
          'Pairs of lists: a check on dependence (Chapman on each pair alone; far below 1: the pair overlaps more than independent lists would)',
          ['Lists', 'On both', 'Estimate', 'Interval', 'Over the methods’ median'],
          e.pairwise.map((p) =>
            h(
              'tr',
              { 'data-pair': p.lists.join('|') },
              td(p.lists.join(' × ')),
              td(count(p.both, k), true),
              td(fmt(p.estimate), true),
              td(interval(p.interval), true),
              td(p.relative === null ? '—' : p.relative.toFixed(2), true),
            ),
          ),
        )
      : null,
    e.thresholdSensitivity?.length
      ? table(
          `lk-sensitivity-${runId}`,
          'People linked across lists, by match threshold (missed links inflate the estimate, false links deflate it)',
          ['Threshold', 'People linked'],
          e.thresholdSensitivity.map((r) =>
            h(
              'tr',
              { 'data-threshold': r.threshold },
              td(r.threshold.toFixed(3), true),
              td(count(r.linkedPeople, k), true),
            ),
          ),
        )
      : null,
    h('p', { class: 'muted' }, `Counts of 1 to ${k - 1} people are withheld by the service and shown as “<${k}”.`),
    ...[...(e.warnings ?? []), ...e.results.flatMap((m) => m.warnings ?? [])].map((w) =>
      h('p', { class: 'warning' }, `⚠ ${w}`),
    ),
  );
}

const stageText = (s: RunStatus) =>
  [
    s.state,
    s.current_stage?.description,
    s.current_stage?.progress ? `${Math.round(s.current_stage.progress.relative * 100)}%` : '',
    s.state === 'error' ? s.message : '',
  ]
    .filter(Boolean)
    .join(' · ');

/**
 * A linkage project (#/linkage/<project id>): with its result token (kept in this page's memory only), the
 * parties that have uploaded, the runs and their state, and for a finished run the capture–recapture
 * estimate the server computed from its capture histories: no one downloads pattern counts by hand.
 */
export function renderLinkageProject(root: HTMLElement, projectId: string | undefined): void {
  const gen = ++generation;
  const pid = h('input', {
    type: 'text',
    id: 'lk-project',
    size: 52,
    value: projectId ?? '',
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const token = h('input', {
    type: 'password',
    id: 'lk-token',
    size: 52,
    value: projectId ? (tokens.get(projectId) ?? '') : '',
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const status = h('p', { class: 'muted', id: 'lk-status', role: 'status', 'aria-live': 'polite' });
  const out = h('div', { id: 'lk-project-view' });
  const showBtn = h('button', { type: 'button', class: 'btn', id: 'lk-show' }, 'Show');
  // Not a <form>: a submitted form with a password field invites the browser to save the token.
  const form = h(
    'div',
    { class: 'filters', id: 'lk-form' },
    h('label', { for: 'lk-project' }, 'Project id'),
    pid,
    h('label', { for: 'lk-token' }, 'Result token'),
    token,
    showBtn,
  );
  root.append(
    h('h1', { tabindex: '-1' }, 'Linkage project'),
    h(
      'p',
      { class: 'lead' },
      'Lists pooled through encodings: which parties have uploaded, the linkage runs, and for a finished run the estimate of everyone, listed or not, from the capture histories. The result token is kept only while this page is open. Parties encode and upload on the ',
      h('a', { href: '#/encode' }, 'encoding page'),
      '.',
    ),
    form,
    status,
    out,
  );

  const show = async (id: string, tok: string): Promise<void> => {
    let project: ProjectInfo, runs: RunListing[];
    try {
      [project, runs] = await Promise.all([getProject(id, tok), getRuns(id, tok)]);
    } catch (e) {
      status.textContent = `Could not read the project: ${(e as Error).message}`;
      return;
    }
    if (gen !== generation) return;
    runs = await Promise.all(
      runs.map((r) =>
        getRun(id, r.run_id, tok).then(
          (d) => ({ ...r, ...d }),
          () => r,
        ),
      ),
    );
    const statuses = await Promise.all(
      runs.map((r) =>
        getRunStatus(id, r.run_id, tok).catch((e: Error): RunStatus => ({ state: 'error', message: e.message })),
      ),
    );
    const estimates = await Promise.all(
      runs.map((r, i) =>
        statuses[i]!.state === 'completed'
          ? getRunEstimate<RunEstimate>(id, r.run_id, tok).catch((e: Error) => e)
          : Promise.resolve(null),
      ),
    );
    if (gen !== generation) return;
    status.textContent = '';
    const contributed = project.parties_contributed ?? 0;
    out.replaceChildren(
      h(
        'div',
        { class: 'cards' },
        h(
          'div',
          {
            class: 'card',
            id: 'lk-parties',
            'data-contributed': contributed,
            'data-parties': project.number_parties ?? '',
          },
          h('p', { class: 'muted' }, 'Parties that have uploaded'),
          h('p', { class: 'big' }, `${contributed} of ${project.number_parties ?? '?'}`),
        ),
        h(
          'div',
          { class: 'card' },
          h('p', { class: 'muted' }, 'Project'),
          h('p', {}, project.name || id),
          h('p', { class: 'muted' }, `result type: ${project.result_type ?? '?'}`),
        ),
      ),
      h('h2', {}, 'Runs'),
      runs.length
        ? table(
            'lk-runs',
            'Linkage runs',
            ['Run', 'Threshold', 'State', 'Added'],
            runs.map((r, i) =>
              h(
                'tr',
                { 'data-run': r.run_id, 'data-state': statuses[i]!.state },
                td(r.name || r.run_id),
                td(r.threshold === undefined ? '' : String(r.threshold), true),
                td(stageText(statuses[i]!)),
                td(r.time_added ?? statuses[i]!.time_added ?? ''),
              ),
            ),
          )
        : h(
            'p',
            { class: 'muted' },
            'No runs yet: the project’s creator starts one (POST …/runs with a threshold); it runs once every party has uploaded.',
          ),
      ...runs.flatMap((r, i) => {
        const e = estimates[i]!;
        if (e === null) return [];
        if (e instanceof Error)
          return [
            h('p', { class: 'warning', id: `lk-estimate-${r.run_id}` }, `Run ${r.run_id}: no estimate: ${e.message}`),
          ];
        return [h('h2', {}, `Run ${r.name || r.run_id}`), estimateSection(r.run_id, e)];
      }),
    );
    // Runs still under way: look again shortly, while this page is shown.
    if (statuses.some((s) => ['created', 'queued', 'running'].includes(s.state)))
      setTimeout(() => {
        if (gen === generation) void show(id, tok);
      }, 1500);
  };

  form.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') showBtn.click();
  });
  showBtn.addEventListener('click', () => {
    const id = pid.value.trim();
    const tok = token.value.trim();
    if (!id) return void (status.textContent = 'Project id: enter the project’s id.');
    if (!tok) return void (status.textContent = 'Result token: enter the project’s result token.');
    tokens.set(id, tok);
    if (id !== projectId) {
      // The project id goes in the address (it is not secret); the token stays in memory.
      location.hash = `#/linkage/${encodeURIComponent(id)}`;
      return;
    }
    status.textContent = 'Reading the project…';
    void show(id, tok);
  });
  if (projectId && tokens.has(projectId)) {
    status.textContent = 'Reading the project…';
    void show(projectId, tokens.get(projectId)!);
  }
}
