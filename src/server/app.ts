import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { etag } from 'hono/etag';
import { inlineRenderer, type ChartRenderer } from '../analyses/index.ts';
import { type Runner, WorkQueue } from '../jobs/index.ts';
import type { MseResult } from '../report/index.ts';
import { DEFAULT_MIN_CELL, checkMinCell } from '../stats/index.ts';
import type { Store } from '../store/index.ts';
import { type AccessOptions, Gate, guards } from './access.ts';
import { StoreCache } from './cache.ts';
import { CalibrationJobRegistry, SERVER_CALIBRATION_CAPS } from './calibration-jobs.ts';
import { CourtPool } from './court-pool.ts';
import { entityServiceRoutes } from './entity-service/routes.ts';
import { MsePool } from './mse-pool.ts';
import { PdfPool } from './pdf-pool.ts';
import { Recent } from './recent.ts';
import { calibrationRoutes } from './routes/calibration.ts';
import { courtRoutes } from './routes/court.ts';
import { dashboardRoutes } from './routes/dashboard.ts';
import type { RouteDeps } from './routes/deps.ts';
import { notFound, onError } from './routes/errors.ts';
import { exportRoutes } from './routes/exports.ts';
import { figureRoutes } from './routes/figures.ts';
import { healthRoutes } from './routes/health.ts';
import { mseRoutes } from './routes/mse.ts';
import { nowcastRoutes } from './routes/nowcast.ts';
import { seriesRoutes } from './routes/series.ts';
import { scenarioRoutes, simJobRoutes } from './routes/sim.ts';
import { publishedViews } from './routes/views.ts';
import { SeriesApi } from './series-api.ts';
import { SERVER_JOB_LEASE_MS, SERVER_SIM_CAPS, SimJobRegistry } from './sim-jobs.ts';

export const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export interface AppOptions {
  store: Store;
  /** Folder of the built dashboard; defaults to web/dist. */
  webDir?: string;
  /** How long cached responses trust the store unchanged before re-checking (ms). */
  cacheMaxAgeMs?: number;
  /** Where chart exports are rendered (default: inline; the server uses a worker thread). */
  renderer?: ChartRenderer;
  /** The cached series endpoints; one is made when not given. */
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

/**
 * The HTTP API and the dashboard's static files: the guards, compression and ETags in front of every
 * route, one route module per area, errors as JSON. Handlers are thin: the library does the work.
 */
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
  calibrationJobs = new CalibrationJobRegistry({
    queue,
    caps: SERVER_CALIBRATION_CAPS,
    abandonAfterMs: SERVER_JOB_LEASE_MS,
  }),
  estimatesFile,
  access = {},
  port,
  minCell = DEFAULT_MIN_CELL,
  pdf = new PdfPool(),
  linkageRunner,
}: AppOptions): Hono {
  const k = checkMinCell(minCell);
  const cache = api?.cache ?? new StoreCache(store, cacheMaxAgeMs);
  api ??= new SeriesApi(store, cache, k);
  const deps: RouteDeps = {
    store,
    cache,
    api,
    gate: new Gate(store, access.open ?? false),
    queue,
    simJobs,
    calibrationJobs,
    msePool,
    renderer,
    pdf,
    mseResults: new Recent<MseResult>('mse'),
    ...publishedViews({ store, cache, k, estimatesFile, courtPool }),
  };

  const app = new Hono();
  app.onError(onError);
  app.notFound(notFound);
  // The guards first (they word every refusal and set the hygiene headers); compression outside the
  // ETag, so that a tag names the uncompressed bytes and a gzipped body's tag is weak.
  for (const g of guards(access, port)) app.use(g);
  app.use(compress());
  app.use(etag());

  app.route('/api/health', healthRoutes(deps));
  app.route('/api/series', seriesRoutes(deps));
  app.route('/api', figureRoutes(deps));
  app.route('/api/court', courtRoutes(deps));
  app.route('/api', exportRoutes(deps));
  app.route('/api/scenarios', scenarioRoutes());
  app.route('/api/sim-jobs', simJobRoutes(deps));
  app.route('/api/mse', mseRoutes(deps));
  app.route('/api/nowcast', nowcastRoutes(deps));
  app.route('/api/calibration-jobs', calibrationRoutes(deps));
  // The anonlink-entity-service API (docs/linkage-service.md): its own tokens, runs in the same queue.
  app.route(
    '/api/v1',
    entityServiceRoutes({ store, queue, msePool, open: access.open ?? false, runner: linkageRunner }).routes,
  );
  app.route('/', dashboardRoutes(webDir));
  return app;
}
