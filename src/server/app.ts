import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { NOWCAST_METHODS, type NowcastMethod } from '../nowcast/nowcast-result.ts';
import { isReportView, REPORT_VIEWS, type ContentSpec, type ReportView } from '../report/content.ts';
import type { CourtView } from '../report/court-chart.ts';
import type { MseResult } from '../report/mse-chart.ts';
import { htmlToPdf } from '../report/pdf.ts';
import type { Store } from '../store/index.ts';
import { StoreCache } from './cache.ts';
import { SeriesApi } from './series-api.ts';
import { inlineRenderer, type ChartRenderer } from './render-task.ts';
import { filterObservations, loadViewData, ObservationFilter } from './view-data.ts';
import { SimJobRegistry, SimJobRequest, type SimJobState } from './sim-jobs.ts';
import { scenarioList } from './scenario-list.ts';
import { MsePool } from './mse-pool.ts';
import { MseRequest } from './mse-task.ts';
import { CourtPool } from './court-pool.ts';
import { readCourtSource } from './court-source.ts';
import { CalibrationJobRegistry, CalibrationJobRequest, type CalibrationJobState } from './calibration-jobs.ts';
import { Recent } from './recent.ts';

/** A job as the API shows it: results only once it is done. */
function jobView(j: SimJobState) {
  return { id: j.id, status: j.status, done: j.done, total: j.total, request: j.request, started: j.started, error: j.error, results: j.results };
}

/** A calibration as the API shows it: the posterior once it is done. */
function calibrationView(j: CalibrationJobState) {
  return { id: j.id, status: j.status, request: j.request, started: j.started, progress: j.progress, error: j.error, result: j.status === 'done' ? j.result : undefined };
}

const issuesOf = (e: z.ZodError) => e.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));

export const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

const SizeQuery = z.object({
  width: z.coerce.number().int().min(200).max(4000).default(960),
  height: z.coerce.number().int().min(200).max(4000).default(480),
});

export interface AppOptions {
  store: Store;
  /** Folder of the built dashboard; defaults to web/dist. */
  webDir?: string;
  /** How long cached responses trust the store unchanged before re-checking (ms). */
  cacheMaxAgeMs?: number;
  /** Where chart exports are rendered (default: inline; the server uses a worker thread). */
  renderer?: ChartRenderer;
  /** The cached series endpoints (shared with the server's fast path). */
  api?: SeriesApi;
  /** Background simulation jobs (the scenarios view); one is made when not given. */
  simJobs?: SimJobRegistry;
  /** Where capture–recapture requests run (a worker thread); one is made when not given. */
  msePool?: MsePool;
  /** Where the court view's nowcasts run (a worker thread); one is made when not given. */
  courtPool?: CourtPool;
  /** Background calibrations (the calibration view); one is made when not given. */
  calibrationJobs?: CalibrationJobRegistry;
  /** The bundled estimate the overview draws (default data/estimates.json). */
  estimatesFile?: string;
}

/** The HTTP API and the dashboard's static files. Handlers are thin: the library does the work. */
export function createApp({
  store,
  webDir = process.env.DARKFIGURE_WEB_DIR || WEB_DIST,
  cacheMaxAgeMs,
  renderer = inlineRenderer,
  api,
  simJobs = new SimJobRegistry(),
  msePool = new MsePool(),
  courtPool = new CourtPool(),
  calibrationJobs = new CalibrationJobRegistry(),
  estimatesFile,
}: AppOptions): Hono {
  const app = new Hono();
  const cache = api?.cache ?? new StoreCache(store, cacheMaxAgeMs);
  api ??= new SeriesApi(store, cache);
  const json = (c: Context, body: Uint8Array) => c.body(body as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'application/json; charset=utf-8' });
  const viewData = () => cache.get('view-data', () => loadViewData(store, estimatesFile));
  const mseResults = new Recent<MseResult>('mse');
  // The court view per nowcast method, once per store content (the nowcast runs on a worker thread).
  const courtView = (method: NowcastMethod) => cache.get(`court/${method}`, async () => courtPool.run({ source: await readCourtSource(store), method, seed: 1 }));
  const methodOf = (q: string | undefined): NowcastMethod | null => (q === undefined || q === '' ? 'bayes' : (NOWCAST_METHODS as readonly string[]).includes(q) ? (q as NowcastMethod) : null);

  /** What a view's export is made of, from the query: the figures, a nowcast method, a finished job or result. */
  const specFor = async (view: ReportView, c: Context): Promise<{ spec: ContentSpec; key: string; name: string } | { error: string; status: 400 | 404 | 409 }> => {
    const data = await viewData();
    const q = (k: string) => c.req.query(k);
    if (view === 'overview' || view === 'series') {
      const series = q('series');
      if (series && !data.series.some((s) => s.id === series)) return { error: `unknown series "${series}"`, status: 404 };
      return { spec: { view, data, series }, key: `${view}/${series ?? ''}`, name: `darkfigure-${view}${series ? `-${series}` : ''}` };
    }
    if (view === 'court') {
      const method = methodOf(q('method'));
      if (!method) return { error: `method must be one of ${NOWCAST_METHODS.join(', ')}`, status: 400 };
      return { spec: { view, data, court: await courtView(method) }, key: `court/${method}`, name: `darkfigure-court-${method}` };
    }
    const id = view === 'mse' ? q('result') : q('job');
    if (!id) return { error: `the ${view} view needs ?${view === 'mse' ? 'result' : 'job'}=<id> (from the page, or POST /api/${view === 'mse' ? 'mse' : view === 'scenarios' ? 'sim-jobs' : 'calibration-jobs'})`, status: 400 };
    if (view === 'mse') {
      const result = mseResults.get(id);
      return result ? { spec: { view, data, result }, key: `mse/${id}`, name: `darkfigure-mse` } : { error: `unknown result "${id}" (results are kept while the server runs)`, status: 404 };
    }
    const job = view === 'scenarios' ? simJobs.get(id) : calibrationJobs.get(id);
    if (!job) return { error: `unknown job "${id}" (jobs are kept while the server runs)`, status: 404 };
    if (job.status !== 'done') return { error: `job "${id}" is ${job.status}: exports follow when it is done`, status: 409 };
    const spec: ContentSpec = view === 'scenarios' ? { view, data, results: (job as SimJobState).results! } : { view, data, result: (job as CalibrationJobState).result! };
    return { spec, key: `${view}/${id}`, name: `darkfigure-${view}` };
  };

  app.get('/api/health', async (c) => c.json({ status: 'ok', engine: store.engine, observations: await store.countObservations() }));

  // The series endpoints are read far more than the store changes: their JSON is cached until it does.
  app.get('/api/series', async (c) => json(c, await api.list()));

  app.get('/api/series/:id', async (c) => {
    const id = c.req.param('id');
    const body = await api.one(id);
    return body === null ? c.json({ error: `unknown series "${id}"` }, 404) : json(c, body);
  });

  app.get('/api/sources', async (c) => json(c, await api.sources()));

  // The bundled model estimate of the whole (null when none is bundled), serialised once like the series.
  app.get('/api/estimates', async (c) => {
    try {
      return json(c, await cache.get('estimates-json', async () => new TextEncoder().encode(JSON.stringify({ estimates: (await viewData()).estimates ?? null }))));
    } catch (e) {
      // A bad bundled file is the server's fault, named with its field so that it can be fixed.
      return c.json({ error: (e as Error).message }, 500);
    }
  });

  app.get('/api/observations', async (c) => {
    const f = ObservationFilter.safeParse(c.req.query());
    if (!f.success) return c.json({ error: 'bad query', issues: issuesOf(f.error) }, 400);
    const data = await viewData();
    return c.json({ observations: filterObservations(data, f.data) });
  });

  // Exports: a view's chart as SVG or PNG rendered on the server (on the render thread) from the page's own options, or its data as CSV.
  app.get('/api/chart/:file', async (c) => {
    const m = /^([a-z]+)\.(svg|png|csv)$/.exec(c.req.param('file'));
    if (!m || !isReportView(m[1])) return c.json({ error: `expected /api/chart/<view>.svg|png|csv with view one of ${REPORT_VIEWS.join(', ')}` }, 404);
    const [, view, format] = m;
    const size = SizeQuery.safeParse(c.req.query());
    if (!size.success) return c.json({ error: 'width and height must be whole numbers from 200 to 4000' }, 400);
    if (view === 'series' && !c.req.query('series')) return c.json({ error: 'the series view needs ?series=<id>' }, 400);
    const got = await specFor(view, c);
    if ('error' in got) return c.json({ error: got.error }, got.status);
    const chart = c.req.query('chart') || undefined;
    const name = `${got.name}${chart ? `-${chart}` : ''}`;
    let body: string | Uint8Array;
    try {
      // Rendering costs tens of milliseconds: each export is made once per store content and size.
      body = await cache.get(`chart/${got.key}/${chart ?? ''}/${format}/${size.data.width}x${size.data.height}`, () =>
        renderer.render({ spec: got.spec, chart, format: format as 'svg' | 'png' | 'csv', width: size.data.width, height: size.data.height }),
      );
    } catch (e) {
      return c.json({ error: (e as Error).message }, 404);
    }
    if (format === 'csv') return c.body(body as string, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}.csv"` });
    if (format === 'svg') return c.body(body as string, 200, { 'content-type': 'image/svg+xml', 'content-disposition': `inline; filename="${name}.svg"` });
    return c.body(new Uint8Array(body as Uint8Array), 200, { 'content-type': 'image/png', 'content-disposition': `inline; filename="${name}.png"` });
  });

  // A report of a view: self-contained HTML (built on the render thread), or PDF printed by Chromium when it is installed.
  app.get('/api/report/:file', async (c) => {
    const m = /^([a-z]+)\.(html|pdf)$/.exec(c.req.param('file'));
    if (!m || !isReportView(m[1])) return c.json({ error: `expected /api/report/<view>.html|pdf with view one of ${REPORT_VIEWS.join(', ')}` }, 404);
    const [, view, format] = m;
    const got = await specFor(view, c);
    if ('error' in got) return c.json({ error: got.error }, got.status);
    const generated = new Date().toISOString().slice(0, 10);
    const html = (await cache.get(`report/${got.key}/${generated}`, () => renderer.render({ spec: got.spec, format: 'html', width: 960, height: 460, generated }))) as string;
    if (format === 'html') return c.html(html);
    try {
      const pdf = await htmlToPdf(html);
      return c.body(new Uint8Array(pdf), 200, { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="${got.name}.pdf"` });
    } catch (e) {
      return c.json({ error: (e as Error).message }, 503);
    }
  });

  // Court records: counts and the nowcast by method, from the store's court records or a labelled simulated line list.
  app.get('/api/court', async (c) => {
    const method = methodOf(c.req.query('method'));
    if (!method) return c.json({ error: `method must be one of ${NOWCAST_METHODS.join(', ')}` }, 400);
    const view: CourtView = await courtView(method);
    return c.json(view);
  });

  // Scenarios: the bundled list, and small ensembles run as background jobs (POST starts, GET polls).
  app.get('/api/scenarios', (c) => c.json({ scenarios: scenarioList() }));

  app.post('/api/sim-jobs', async (c) => {
    const body: unknown = await c.req.json().catch(() => undefined);
    const req = SimJobRequest.safeParse(body);
    if (!req.success) return c.json({ error: 'bad request', issues: issuesOf(req.error) }, 400);
    try {
      const job = simJobs.start(req.data);
      return c.json(jobView(job), 202, { location: `/api/sim-jobs/${job.id}` });
    } catch (e) {
      return c.json({ error: (e as Error).message }, 400);
    }
  });

  app.get('/api/sim-jobs/:id', (c) => {
    const job = simJobs.get(c.req.param('id'));
    return job ? c.json(jobView(job)) : c.json({ error: `unknown job "${c.req.param('id')}" (finished jobs are kept while the server runs)` }, 404);
  });

  // Capture–recapture on uploaded pattern counts or records, or on a simulated world; runs on a worker thread.
  app.post('/api/mse', async (c) => {
    const body: unknown = await c.req.json().catch(() => undefined);
    const req = MseRequest.safeParse(body);
    if (!req.success) return c.json({ error: 'bad request', issues: issuesOf(req.error) }, 400);
    const out = await msePool.run(req.data);
    if (!out.ok) return c.json({ error: out.error }, out.bad ? 400 : 500);
    // Kept by id, so that the page can export this result's chart and report.
    return c.json({ id: mseResults.add(out.result), ...out.result });
  });

  // Calibration: the model fitted to the figures as a background job (POST starts, GET polls, the page reattaches).
  app.post('/api/calibration-jobs', async (c) => {
    const body: unknown = await c.req.json().catch(() => undefined);
    const req = CalibrationJobRequest.safeParse(body ?? {});
    if (!req.success) return c.json({ error: 'bad request', issues: issuesOf(req.error) }, 400);
    const job = calibrationJobs.start(store, req.data);
    return c.json(calibrationView(job), 202, { location: `/api/calibration-jobs/${job.id}` });
  });

  app.get('/api/calibration-jobs/:id', (c) => {
    const job = calibrationJobs.get(c.req.param('id'));
    return job ? c.json(calibrationView(job)) : c.json({ error: `unknown job "${c.req.param('id')}" (jobs are kept while the server runs)` }, 404);
  });

  app.get('/api/*', (c) => c.json({ error: 'not found' }, 404));

  // Static dashboard: files from web/dist, index.html for any other path (client-side views).
  app.get('*', async (c) => {
    const rel = normalize(decodeURIComponent(new URL(c.req.url).pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(webDir, rel);
    if (!file.startsWith(webDir) || rel.endsWith('/') || !existsSync(file) || !extname(file)) file = join(webDir, 'index.html');
    if (!existsSync(file)) return c.text('The dashboard is not built: run `npm run build:web`.', 503);
    const body = await readFile(file);
    const cache = file.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    return c.body(body, 200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': cache });
  });

  return app;
}
