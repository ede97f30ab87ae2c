import type { SimJobView } from '../../../src/analyses/job-views.ts';
import type { ScenarioListResult } from '../../../src/analyses/scenarios.ts';
import type { ScenarioResult } from '../../../src/analyses/simulate.ts';
import { COMPARATOR_NOTE, comparators, scenarioCharts } from '../../../src/report/scenarios.ts';
import { readJson, type LoadedData } from '../api.ts';
import { appendCharts } from '../chart-section.ts';
import { disposeCharts } from '../charts.ts';
import { h } from '../dom.ts';
import { reportLinks } from '../exports.ts';
import { followJob, startJob } from '../job-poll.ts';

type JobView = SimJobView;

const JOB_KEY = 'darkfigure.simJob';
// Each render of the view gets a number; a poll loop stops once a newer render (or another view) replaced it.
let generation = 0;
export function leaveScenarios(): void {
  generation++;
}

/**
 * Scenarios: pick scenarios, run a small ensemble on the server as a background job, follow its progress,
 * then draw fans of monthly AWOL, a Sankey of where soldiers went and the share that deserted. The job id
 * lives in the route (and localStorage), so a reload reattaches to the running job.
 */
export async function renderScenarios(root: HTMLElement, data: LoadedData, query: URLSearchParams): Promise<void> {
  const mine = ++generation;
  const list = (await readJson<ScenarioListResult>(await fetch('/api/scenarios'))).scenarios;
  const picked = new Set(
    (query.get('pick') ?? 'baseline,rotation').split(',').filter((n) => list.some((s) => s.name === n)),
  );
  const boxes = list.map((s) =>
    h(
      'li',
      {},
      h(
        'label',
        {},
        h('input', { type: 'checkbox', id: `scn-${s.name}`, value: s.name, checked: picked.has(s.name) }),
        ' ',
        h('strong', {}, s.name),
        h('span', { class: 'muted' }, ` — ${s.description}`),
      ),
    ),
  );
  const runs = h('input', { type: 'number', id: 'scn-runs', min: 1, max: 20, value: query.get('runs') ?? '3' });
  const agents = h('input', {
    type: 'number',
    id: 'scn-agents',
    min: 1000,
    max: 200000,
    step: 1000,
    value: query.get('agents') ?? '20000',
  });
  const status = h('p', { class: 'muted', id: 'scn-status', role: 'status', 'aria-live': 'polite' });
  const bar = h('progress', { id: 'scn-progress', max: 1, value: 0, hidden: true });
  const out = h('div', { id: 'scn-results' });
  const button = h('button', { type: 'submit', id: 'scn-run', class: 'btn' }, 'Run ensemble');
  const form = h(
    'form',
    { class: 'scn-form' },
    h('fieldset', {}, h('legend', {}, 'Scenarios'), h('ul', { class: 'scn-list' }, ...boxes)),
    h(
      'p',
      {},
      h('label', { for: 'scn-runs' }, 'Runs per scenario '),
      runs,
      ' ',
      h('label', { for: 'scn-agents' }, 'Agents '),
      agents,
      ' ',
      button,
    ),
  );
  root.append(
    h('h1', { tabindex: '-1' }, 'Scenarios'),
    h(
      'p',
      { class: 'lead' },
      'Run the agent-based model of desertion for a few scenarios: a small ensemble runs on the server in the background. The model is a story with stated assumptions, not a measurement; see ',
      h('a', { href: '#/methods' }, 'Methods'),
      '.',
    ),
    form,
    bar,
    status,
    out,
  );

  const show = (job: JobView) => {
    bar.hidden = false;
    bar.max = Math.max(1, job.total);
    bar.value = job.done;
    status.textContent =
      job.status === 'running'
        ? `Running ${job.request.scenarios.join(', ')}: ${job.done} of ${job.total} runs done…`
        : job.status === 'failed'
          ? `The run failed: ${job.error ?? 'unknown error'}`
          : `Done: ${job.request.scenarios.join(', ')}, ${job.request.runs} run(s) of ${job.request.agents.toLocaleString('en')} agents each.`;
    button.disabled = job.status === 'running';
  };

  const draw = (id: string, results: ScenarioResult[]) => {
    disposeCharts();
    out.replaceChildren(reportLinks('scenarios', `job=${encodeURIComponent(id)}`));
    appendCharts(out, scenarioCharts(results, data), 'scenarios', `job=${encodeURIComponent(id)}`);
    // Comparators count desertion differently: apart from the model's share, never on its axis.
    const comps = comparators(data);
    out.append(
      h(
        'section',
        { class: 'comparators', id: 'scn-comparators', 'aria-labelledby': 'scn-comparators-h' },
        h('h2', { id: 'scn-comparators-h' }, 'Historical comparators (other definitions)'),
        h('p', { class: 'muted' }, COMPARATOR_NOTE),
        comps.length
          ? h('ul', {}, ...comps.map((c) => h('li', {}, `${c.label} — ${c.source}`)))
          : h('p', { class: 'muted' }, 'No comparators in the data.'),
      ),
    );
  };

  const follow = (id: string) =>
    followJob<JobView>(`/api/sim-jobs/${encodeURIComponent(id)}`, {
      storageKey: JOB_KEY,
      status,
      what: 'run',
      stillWanted: () => generation === mine,
      show,
      whenDone: (job) => job.results && draw(job.id, job.results),
    });

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const scenarios = boxes
      .map((li) => li.querySelector('input')!)
      .filter((i) => i.checked)
      .map((i) => i.value);
    if (!scenarios.length) {
      status.textContent = 'Pick at least one scenario.';
      return;
    }
    startJob(
      '/api/sim-jobs',
      { scenarios, runs: Number(runs.value), agents: Number(agents.value) },
      { storageKey: JOB_KEY, view: 'scenarios', status, button },
    );
  });

  const job = query.get('job') ?? localStorage.getItem(JOB_KEY);
  if (job) void follow(job).catch((err: Error) => (status.textContent = `Lost the run: ${err.message}`));
}
