import type { CalibrationResult } from '../../../src/analyses/calibrate.ts';
import type { CalibrationJobView } from '../../../src/analyses/job-views.ts';
import { calibrationContent, UNSEEN_NAMES } from '../../../src/report/computed-views.ts';
import { bundledHeadlineLine, checksTables, type TableModel } from '../../../src/report/estimate-checks-view.ts';
import type { BundledEstimates } from '../../../src/report/estimate-schema.ts';
import { loadData } from '../api.ts';
import { appendCharts } from '../chart-section.ts';
import { disposeCharts } from '../charts.ts';
import { h } from '../dom.ts';
import { reportLinks } from '../exports.ts';
import { tableSection } from '../table-section.ts';
import { followJob, startJob } from '../job-poll.ts';

type CalibrationJob = CalibrationJobView;

const JOB_KEY = 'darkfigure.calibrationJob';
let generation = 0;
export function leaveCalibration(): void {
  generation++;
}

const num = (x: number) => (Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-US') : x.toPrecision(3));

/** One table of the bundled fit's checks, in its own section (the id is the overview's link target). */
const checksSection = (t: TableModel): HTMLElement => tableSection(t, { section: 'cal-check', table: 'cal-checks' });

/**
 * The bundled fit (data/estimates.json): its headline with the interval and, when the file has them,
 * the checks a referee asks for: Monte Carlo error, prior against posterior, the prior alone,
 * sensitivity, out of sample, fresh-seed predictive, the force by month and any double use of a figure.
 */
function bundledFit(est: BundledEstimates | undefined, error?: string): HTMLElement[] {
  if (!est)
    return [
      h(
        'p',
        { class: 'muted' },
        error ? `The bundled fit could not be loaded: ${error}` : 'No fit is bundled (data/estimates.json is missing).',
      ),
    ];
  return [
    h('p', { class: 'big estimate-headline' }, bundledHeadlineLine(est)),
    h('p', { class: 'muted' }, `Made by: ${est.commands.calibrate}; then ${est.commands.bundle}.`),
    ...est.warnings.map((w) => h('p', { class: 'warning' }, `⚠ ${w}`)),
    ...(est.checks
      ? checksTables(est).map(checksSection)
      : [
          h(
            'p',
            { class: 'muted', id: 'cal-no-checks' },
            'This bundled file was made before the checks (prior against posterior, sensitivity, out of sample, Monte Carlo error) were written into it; scripts/bundle-estimate.ts writes them.',
          ),
        ]),
  ];
}

/**
 * Calibration: fit the model to the figures as a background job on the server (ABC-SMC on its worker
 * threads), follow generation, tolerance, acceptance rate and simulations done, and reattach after a
 * reload (the job id is in the route). When done: the posterior of the unseen totals by month, and the
 * posterior predictive check against every target.
 */
export function renderCalibration(root: HTMLElement, query: URLSearchParams): void {
  const mine = ++generation;
  const field = (id: string, label: string, value: string, attrs: Record<string, number>) => {
    const input = h('input', { type: 'number', id, value, ...attrs });
    return { input, el: h('label', {}, `${label} `, input) };
  };
  // Small by default: a fit the shared server finishes in well under a minute.
  const budget = field('cal-budget', 'Simulations', query.get('budget') ?? '120', { min: 20, max: 2000 });
  const population = field('cal-population', 'Particles', query.get('population') ?? '30', { min: 10, max: 200 });
  const agents = field('cal-agents', 'Agents', query.get('agents') ?? '3000', { min: 1000, max: 50000, step: 1000 });
  const seed = field('cal-seed', 'Seed', query.get('seed') ?? '1', { min: 0 });
  const button = h('button', { type: 'submit', id: 'cal-run', class: 'btn' }, 'Run calibration');
  const bar = h('progress', { id: 'cal-progress', max: 1, value: 0, hidden: true });
  const status = h('p', { class: 'muted', id: 'cal-status', role: 'status', 'aria-live': 'polite' });
  const out = h('div', { id: 'cal-results' });
  const form = h(
    'form',
    { class: 'scn-form' },
    h(
      'fieldset',
      {},
      h('legend', {}, 'A small fit of the model to the bundled figures'),
      budget.el,
      ' ',
      population.el,
      ' ',
      agents.el,
      ' ',
      seed.el,
      ' ',
      button,
    ),
  );
  const bundled = h(
    'section',
    { id: 'cal-bundled', 'aria-label': 'The bundled fit' },
    h('h2', {}, 'The bundled fit (model)'),
    h('p', { class: 'muted' }, 'Loading the bundled fit…'),
  );
  root.append(
    h('h1', { tabindex: '-1' }, 'Calibration'),
    h(
      'p',
      { class: 'lead' },
      'Fit the desertion model to what the courts, the NGO and the surrender programme recorded (ABC-SMC with adaptive tolerances): which parameter values reproduce the figures, and what they say about the unrecorded. The page runs a small fit; `darkfigure calibrate` runs large ones. See ',
      h('a', { href: '#/methods#method-calibration' }, 'Methods'),
      '.',
    ),
    bundled,
    h('h2', {}, 'Run a small fit'),
    form,
    bar,
    status,
    out,
  );

  const show = (job: CalibrationJob) => {
    const p = job.progress;
    // After a reload the form shows what this job was started with.
    budget.input.value = String(job.request.budget);
    population.input.value = String(job.request.population);
    agents.input.value = String(job.request.agents);
    seed.input.value = String(job.request.seed);
    bar.hidden = false;
    bar.max = Math.max(1, p.budget);
    bar.value = Math.min(p.budget, p.jobsDone);
    const last =
      p.epsilon === null
        ? 'generation 0 samples the prior'
        : `last tolerance ${num(p.epsilon)}, acceptance ${(100 * (p.acceptanceRate ?? 0)).toFixed(1)}%`;
    status.textContent =
      job.status === 'running'
        ? `Generation ${p.generation}: ${p.jobsDone} of ${p.budget} simulations done; ${last}…`
        : job.status === 'failed'
          ? `The calibration failed: ${job.error ?? 'unknown error'}`
          : `Done: ${job.result?.generations.length ?? 0} generation(s), ${p.jobsDone} simulations of ${job.request.agents.toLocaleString('en-US')} agents; ${last}.`;
    button.disabled = job.status === 'running';
  };

  const draw = (id: string, r: CalibrationResult) => {
    disposeCharts();
    const q = `job=${encodeURIComponent(id)}`;
    out.replaceChildren(
      reportLinks('calibration', q),
      ...r.warnings.map((w) => h('p', { class: 'warning' }, `⚠ ${w}`)),
    );
    appendCharts(out, calibrationContent(r).charts, 'calibration', q);
    const last = (k: string) => r.unseen.series[k]?.at(-1);
    // In a scrolling box: on a phone the table may be wider than the screen, the page must not be.
    out.append(
      h(
        'div',
        { class: 'scroll' },
        h(
          'table',
          { class: 'figures cal-unseen' },
          h('caption', {}, `Unseen totals at ${r.unseen.months.at(-1) ?? ''} (posterior)`),
          h('thead', {}, h('tr', {}, ...['Total', 'Median', '50%', '95%'].map((t) => h('th', { scope: 'col' }, t)))),
          h(
            'tbody',
            {},
            ...Object.keys(r.unseen.series).map((k) => {
              const q = last(k)!;
              return h(
                'tr',
                { 'data-total': k },
                h('td', {}, UNSEEN_NAMES[k] ?? k),
                h('td', { class: 'num' }, num(q.median)),
                h('td', { class: 'num' }, `${num(q.q25)} – ${num(q.q75)}`),
                h('td', { class: 'num' }, `${num(q.q025)} – ${num(q.q975)}`),
              );
            }),
          ),
        ),
      ),
    );
  };

  const follow = (id: string) =>
    followJob<CalibrationJob>(`/api/calibration-jobs/${encodeURIComponent(id)}`, {
      storageKey: JOB_KEY,
      status,
      what: 'calibration',
      stillWanted: () => generation === mine,
      show,
      whenDone: (job) => job.result && draw(job.id, job.result),
      everyMs: 500,
    });

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    startJob(
      '/api/calibration-jobs',
      {
        budget: Number(budget.input.value),
        population: Number(population.input.value),
        agents: Number(agents.input.value),
        seed: Number(seed.input.value),
      },
      { storageKey: JOB_KEY, view: 'calibration', status, button },
    );
  });

  // The data are loaded before any view is drawn (main.ts), so this resolves at once; the anchor (#/calibration#cal-…) is scrolled to once its section exists.
  void loadData().then(
    (data) => {
      if (generation !== mine) return;
      bundled.replaceChildren(bundled.firstChild!, ...bundledFit(data.estimates, data.estimatesError));
      bundled.dataset.ready = 'true';
      const anchor = location.hash.split('#')[2];
      if (anchor) document.getElementById(anchor)?.scrollIntoView();
    },
    (err: Error) => bundled.replaceChildren(bundled.firstChild!, ...bundledFit(undefined, err.message)),
  );

  const job = query.get('job') ?? localStorage.getItem(JOB_KEY);
  if (job) void follow(job).catch((err: Error) => (status.textContent = `Lost the calibration: ${err.message}`));
}
