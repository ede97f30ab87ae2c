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
import { DEFAULT_MIN_CELL, checkMinCell } from '../stats/small-cells.ts';
import type { Store } from '../store/index.ts';
import { storedMonthlyCourtCounts } from '../store/court-records.ts';
import type { Runner } from '../jobs/types.ts';
import { CancelledError, QueueFullError, WorkQueue } from '../jobs/work-queue.ts';
import { type AccessOptions, Gate, guards } from './access.ts';
import { PdfPool } from './pdf-pool.ts';
import { suppressCourtView, suppressObservations } from './suppress.ts';
import { PoolBusyError } from './task-pool.ts';
import { StoreCache } from './cache.ts';
import { SeriesApi } from './series-api.ts';
import { inlineRenderer, type ChartRenderer } from './render-task.ts';
import { filterObservations, loadViewData, ObservationFilter } from './view-data.ts';
import { SERVER_JOB_LEASE_MS, SERVER_SIM_CAPS, SimJobRegistry, SimJobRequest, type SimJobState } from './sim-jobs.ts';
import { scenarioList } from './scenario-list.ts';
import { MsePool } from './mse-pool.ts';
import { MseRequest } from './mse-task.ts';
import { CourtPool } from './court-pool.ts';
import { readCourtSource } from './court-source.ts';
import { CalibrationJobRegistry, CalibrationJobRequest, type CalibrationJobState, SERVER_CALIBRATION_CAPS } from './calibration-jobs.ts';
import { Recent } from './recent.ts';
import { entityServiceRoutes } from './entity-service/routes.ts';

type QueueState = { phase: 'queued' | 'running'; position: number } | undefined;

/**
 * A job as the API shows it: results only once it is done. A queued job's status is "running" (the page
 * follows it the same way) with `queue.phase` "queued" and its place in line; `capped` states what the
 * server lowered.
 */
function jobView(j: SimJobState, q: QueueState) {
  return { id: j.id, status: j.status, queue: q, capped: j.capped, cancelled: j.cancelled, done: j.done, total: j.total, request: j.request, started: j.started, error: j.error, results: j.results };
}

/** A calibration as the API shows it: the posterior once it is done. */
function calibrationView(j: CalibrationJobState, q: QueueState) {
  return { id: j.id, status: j.status, queue: q, capped: j.capped, cancelled: j.cancelled, request: j.request, started: j.started, progress: j.progress, error: j.error, result: j.status === 'done' ? j.result : undefined };
}

/** 429 with Retry-After when the queue or a pool is full, or the client's quota is used. */
function busy(c: Context, e: QueueFullError | PoolBusyError) {
  return c.json({ error: e.message, retryAfter: e.retryAfterS }, 429, { 'retry-after': String(e.retryAfterS) });
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
  /** Roles, accepted hosts, body limits (default: read-only for anonymous clients, loopback names). */
  access?: AccessOptions;
  /** The listening port, once known, for the Host check. */
  port?: () => number | undefined;
  /** The one queue of compute (sim jobs, calibrations, capture–recapture); one is made when not given. */
  queue?: WorkQueue;
  /** Where linkage-service runs execute: a QueueRunner lets `darkfigure worker` machines share them (default: a thread per run). */
  linkageRunner?: Runner;
  /** Published counts from records below this are withheld, with complements (default 5). */
  minCell?: number;
  /** The shared browser that prints PDF reports; one is made when not given. */
  pdf?: PdfPool;
}

/** The HTTP API and the dashboard's static files. Handlers are thin: the library does the work. */
export function createApp({
  store,
  webDir = process.env.DARKFIGURE_WEB_DIR || WEB_DIST,
  cacheMaxAgeMs,
  renderer = inlineRenderer,
  api,
  queue = new WorkQueue(),
  simJobs = new SimJobRegistry({ queue, caps: SERVER_SIM_CAPS, abandonAfterMs: SERVER_JOB_LEASE_MS }),
  msePool = new MsePool(),
  courtPool = new CourtPool(),
  calibrationJobs = new CalibrationJobRegistry({ queue, caps: SERVER_CALIBRATION_CAPS, abandonAfterMs: SERVER_JOB_LEASE_MS }),
  estimatesFile,
  access = {},
  port,
  minCell = DEFAULT_MIN_CELL,
  pdf = new PdfPool(),
  linkageRunner,
}: AppOptions): Hono {
  const app = new Hono();
  const k = checkMinCell(minCell);
  const gate = new Gate(store, access.open ?? false);
  const cache = api?.cache ?? new StoreCache(store, cacheMaxAgeMs);
  api ??= new SeriesApi(store, cache, k);
  const json = (c: Context, body: Uint8Array) => c.body(body as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'application/json; charset=utf-8' });
  // Every published view of the figures has the small counts of imported records withheld (and says where).
  const published = () =>
    cache.get('view-data', async () => {
      const data = await loadViewData(store, estimatesFile);
      const out = suppressObservations(data.observations, k);
      return { data: { ...data, observations: out.observations }, suppression: out.suppression };
    });
  const viewData = async () => (await published()).data;
  const mseResults = new Recent<MseResult>('mse');
  // The court view per nowcast method, once per store content (the nowcast runs on a worker thread), small counts withheld.
  const courtView = (method: NowcastMethod) =>
    cache.get(`court/${method}`, async () => {
      const view = await courtPool.run({ source: await readCourtSource(store), method, seed: 1 });
      if (view.origin !== 'store') return view;
      const all = Object.fromEntries((await storedMonthlyCourtCounts(store)).map((q) => [q.name, q.rows]));
      return suppressCourtView(view, all, k);
    });

  // No stack trace, nor any internal message, in a response. The log names the route pattern, not the
  // path (a path may hold anything a client typed), and the message only when debugging.
  app.onError((err, c) => {
    const route = `${c.req.method} ${c.req.routePath}`;
    if (process.env.DARKFIGURE_DEBUG) process.stderr.write(`darkfigure serve: ${route}: ${err.stack ?? err.message}\n`);
    else process.stderr.write(`darkfigure serve: ${route}: internal error (${err.name}); set DARKFIGURE_DEBUG=1 for details\n`);
    return c.json({ error: 'internal error' }, 500);
  });
  for (const g of guards(access, port)) app.use('*', g);
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

  app.get('/api/health', async (c) => c.json({ status: 'ok', engine: store.engine, observations: await store.countObservations(), queue: queue.stats() }));

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
    const { data, suppression } = await published();
    const withheld = f.data.series ? suppression.withheld.filter((w) => f.data.series!.includes(w.seriesId)) : suppression.withheld;
    return c.json({ observations: filterObservations(data, f.data), suppression: { k: suppression.k, withheld } });
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
      if (e instanceof PoolBusyError) return busy(c, e);
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
    let html: string;
    try {
      html = (await cache.get(`report/${got.key}/${generated}`, () => renderer.render({ spec: got.spec, format: 'html', width: 960, height: 460, generated }))) as string;
    } catch (e) {
      if (e instanceof PoolBusyError) return busy(c, e);
      throw e;
    }
    if (format === 'html') return c.html(html);
    try {
      // One shared browser prints every PDF; each report is printed once per store content and day.
      const printed = await cache.get(`pdf/${got.key}/${generated}`, () => pdf.print(html));
      return c.body(new Uint8Array(printed), 200, { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="${got.name}.pdf"` });
    } catch (e) {
      if (e instanceof PoolBusyError) return busy(c, e);
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
    const who = await gate.check(c, 'sim');
    if (who instanceof Response) return who;
    const body: unknown = await c.req.json().catch(() => undefined);
    const req = SimJobRequest.safeParse(body);
    if (!req.success) return c.json({ error: 'bad request', issues: issuesOf(req.error) }, 400);
    try {
      const job = simJobs.start(req.data, { id: who.id, maxJobs: who.maxJobs });
      return c.json(jobView(job, simJobs.queueState(job.id)), 202, { location: `/api/sim-jobs/${job.id}` });
    } catch (e) {
      if (e instanceof QueueFullError) return busy(c, e);
      return c.json({ error: (e as Error).message }, 400);
    }
  });

  app.get('/api/sim-jobs/:id', (c) => {
    const id = c.req.param('id');
    const job = simJobs.get(id);
    return job ? c.json(jobView(job, simJobs.queueState(id))) : c.json({ error: 'unknown job (finished jobs are kept while the server runs)' }, 404);
  });

  // The owner stops a queued or running job (it stays listed as cancelled), or forgets a finished one.
  const cancelRoute = (scope: 'sim' | 'calibrate', registry: { cancel(id: string, owner: string): 'cancelled' | 'removed' | 'forbidden' | 'unknown' }) => async (c: Context) => {
    const who = await gate.check(c, scope);
    if (who instanceof Response) return who;
    const outcome = registry.cancel(c.req.param('id')!, who.id);
    if (outcome === 'unknown') return c.json({ error: 'unknown job' }, 404);
    if (outcome === 'forbidden') return c.json({ error: 'this job belongs to another token' }, 403);
    return c.json({ id: c.req.param('id'), outcome });
  };
  app.delete('/api/sim-jobs/:id', cancelRoute('sim', simJobs));

  // Capture–recapture on uploaded pattern counts or records, or on a simulated world; runs on a worker thread.
  app.post('/api/mse', async (c) => {
    // Who first (nothing is read for an unknown client); then the body's kind: an upload needs the upload scope, a simulated world the mse scope.
    const someone = await gate.identify(c, 'mse');
    if (someone instanceof Response) return someone;
    const body: unknown = await c.req.json().catch(() => undefined);
    const who = gate.allow(c, someone, (body as { kind?: unknown } | undefined)?.kind === 'upload' ? 'upload' : 'mse');
    if (who instanceof Response) return who;
    const req = MseRequest.safeParse(body);
    if (!req.success) return c.json({ error: 'bad request', issues: issuesOf(req.error) }, 400);
    let out;
    try {
      // In the one work queue; a client that goes away cancels it (the worker thread is stopped).
      out = await queue.submit({ owner: who.id, maxForOwner: who.maxJobs, signal: c.req.raw.signal, run: (signal) => msePool.run(req.data, signal) }).done;
    } catch (e) {
      if (e instanceof QueueFullError) return busy(c, e);
      if (e instanceof CancelledError) return c.json({ error: `cancelled: ${e.message}` }, 503);
      throw e;
    }
    if (!out.ok) return c.json({ error: out.error }, out.bad ? 400 : 500);
    // Kept by id, so that the page can export this result's chart and report.
    return c.json({ id: mseResults.add(out.result), ...out.result });
  });

  // Calibration: the model fitted to the figures as a background job (POST starts, GET polls, the page reattaches).
  app.post('/api/calibration-jobs', async (c) => {
    const who = await gate.check(c, 'calibrate');
    if (who instanceof Response) return who;
    const body: unknown = await c.req.json().catch(() => undefined);
    const req = CalibrationJobRequest.safeParse(body ?? {});
    if (!req.success) return c.json({ error: 'bad request', issues: issuesOf(req.error) }, 400);
    try {
      const job = calibrationJobs.start(store, req.data, { id: who.id, maxJobs: who.maxJobs });
      return c.json(calibrationView(job, calibrationJobs.queueState(job.id)), 202, { location: `/api/calibration-jobs/${job.id}` });
    } catch (e) {
      if (e instanceof QueueFullError) return busy(c, e);
      throw e;
    }
  });

  app.get('/api/calibration-jobs/:id', (c) => {
    const id = c.req.param('id');
    const job = calibrationJobs.get(id);
    return job ? c.json(calibrationView(job, calibrationJobs.queueState(id))) : c.json({ error: 'unknown job (jobs are kept while the server runs)' }, 404);
  });

  app.delete('/api/calibration-jobs/:id', cancelRoute('calibrate', calibrationJobs));

  // The anonlink-entity-service API (docs/linkage-service.md): its own tokens, runs in the same queue.
  app.route('/api/v1', entityServiceRoutes({ store, queue, msePool, open: access.open ?? false, runner: linkageRunner }).routes);
  app.all('/api/*', (c) => c.json({ error: 'not found' }, 404));

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
