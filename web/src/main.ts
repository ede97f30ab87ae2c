import './style.css';
import { loadData } from './api.ts';
import { disposeCharts, isNarrow, resizeCharts } from './charts.ts';
import { h } from './dom.ts';
import { renderMethods } from './views/methods.ts';
import { renderOverview } from './views/overview.ts';
import { leaveScenarios, renderScenarios } from './views/scenarios.ts';
import { renderMse } from './views/mse.ts';
import { renderSeries } from './views/series.ts';
import { renderCourt } from './views/court.ts';
import { leaveCalibration, renderCalibration } from './views/calibration.ts';
import { parseEmbed, renderEmbed } from './embed.ts';
import { leaveEncode, renderEncode } from './views/encode.ts';
import { leaveLinkageProject, renderLinkageProject } from './views/linkage-project.ts';

const main = document.getElementById('main')!;

/** Hash routes: #/overview, #/series[/<id>][?filters], #/court[?method=], #/scenarios[?job=<id>], #/mse, #/calibration[?job=<id>], #/methods[#anchor], #/encode, #/linkage[/<project id>]. */
function parseRoute(): { view: string; id?: string; query: URLSearchParams; anchor?: string } {
  const [raw, anchor] = location.hash.replace(/^#\/?/, '').split('#');
  const [path, qs = ''] = raw!.split('?');
  const [view = 'overview', id] = path!.split('/');
  return {
    view: view || 'overview',
    id: id ? decodeURIComponent(id) : undefined,
    query: new URLSearchParams(qs),
    anchor,
  };
}

let lastView = '';

async function render(): Promise<void> {
  const probe = window.__darkfigure;
  probe.ready = false;
  // /embed/<view>/<chart>: one chart alone, for an iframe elsewhere.
  const embed = parseEmbed(location.pathname);
  if (embed) {
    try {
      disposeCharts();
      await renderEmbed(main, await loadData(), embed, new URLSearchParams(location.search));
    } catch (e) {
      main.replaceChildren(h('h1', {}, 'Could not load the chart'), h('p', {}, (e as Error).message));
    }
    probe.view = 'embed';
    probe.ready = true;
    return;
  }
  const route = parseRoute();
  document.querySelectorAll<HTMLElement>('nav a[data-view]').forEach((a) => {
    if (a.dataset.view === route.view) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  try {
    const data = await loadData();
    disposeCharts();
    leaveScenarios();
    leaveCalibration();
    leaveEncode();
    leaveLinkageProject();
    main.replaceChildren();
    if (route.view === 'court') await renderCourt(main, data, route.query);
    else if (route.view === 'calibration') renderCalibration(main, route.query);
    else if (route.view === 'scenarios') await renderScenarios(main, data, route.query);
    else if (route.view === 'mse') renderMse(main);
    else if (route.view === 'series') renderSeries(main, data, route.id, route.query);
    else if (route.view === 'methods') renderMethods(main, data);
    else if (route.view === 'encode') renderEncode(main);
    else if (route.view === 'linkage') renderLinkageProject(main, route.id);
    else renderOverview(main, data);
    document.title = `${main.querySelector('h1')?.textContent ?? 'darkfigure'} — darkfigure`;
    // Move focus to the new view's heading when the view changes, for keyboard and screen-reader users.
    if (route.view !== lastView && lastView) main.querySelector<HTMLElement>('h1')?.focus();
    lastView = route.view;
    if (route.anchor) document.getElementById(route.anchor)?.scrollIntoView();
  } catch (e) {
    main.replaceChildren(h('h1', {}, 'Could not load the data'), h('p', {}, (e as Error).message));
  }
  probe.view = route.view;
  probe.ready = true;
  // First view drawn: the time-to-interactive mark the benchmark reads.
  if (!performance.getEntriesByName('darkfigure-ready').length) performance.mark('darkfigure-ready');
}

window.addEventListener('hashchange', () => void render());
let narrow = isNarrow();
window.addEventListener('resize', () => {
  // Crossing the phone breakpoint changes the chart layout (stacked panels), so redraw; otherwise resize.
  if (isNarrow() !== narrow) {
    narrow = isNarrow();
    void render();
  } else resizeCharts();
});
void render();
