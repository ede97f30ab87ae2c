import { createHash } from 'node:crypto';
import type { Runner } from '../jobs/types.ts';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { Store } from '../store/index.ts';
import { createApp } from './app.ts';
import { poolRenderer } from './render-pool.ts';
import { SeriesApi } from './series-api.ts';
import { SERVER_JOB_LEASE_MS, SERVER_SIM_CAPS, SimJobRegistry } from './sim-jobs.ts';
import { MsePool } from './mse-pool.ts';
import { CourtPool } from './court-pool.ts';
import { CalibrationJobRegistry, SERVER_CALIBRATION_CAPS } from './calibration-jobs.ts';
import { WorkQueue } from '../jobs/work-queue.ts';
import { type AccessOptions, hostAllowed, LOOPBACK_HOSTS, securityHeaders } from './access.ts';
import { PdfPool } from './pdf-pool.ts';
import { deprioritiseWorkerThreads } from './niceness.ts';

// One tag per body, computed once: the bodies are cached objects, replaced when the store changes.
const etags = new WeakMap<Uint8Array, string>();
function etagOf(body: Uint8Array): string {
  let t = etags.get(body);
  if (!t) etags.set(body, (t = `"${createHash('sha1').update(body).digest('base64url')}"`));
  return t;
}

export interface RunningServer {
  port: number;
  url: string;
  close(): Promise<void>;
}

export interface ServeOptions extends AccessOptions {
  /** Another build of the dashboard. */
  webDir?: string;
  /** Counts from imported records below this are withheld (default 5). */
  minCell?: number;
  /** Threads' worth of compute at once (default: the core count) and jobs that may wait (default 8). */
  concurrency?: number;
  maxQueued?: number;
  /** Run linkage-service runs on this runner (a QueueRunner: `darkfigure worker` machines share them). */
  linkageRunner?: Runner;
}

const LOOPBACK_BIND = new Set(['127.0.0.1', '::1', 'localhost']);

/**
 * Start the observatory on a port (0 picks a free one). Read-only for anonymous clients unless `open`
 * (local mode, loopback only); compute goes through one bounded queue.
 * The cached series endpoints are answered straight from node:http (the same bytes the Hono app
 * sends, with the same guards), which halves their latency under load; everything else goes through the app.
 */
export function startServer(store: Store, port = 8080, hostname = '127.0.0.1', opts: ServeOptions = {}): Promise<RunningServer> {
  if (opts.open && !LOOPBACK_BIND.has(hostname)) return Promise.reject(new RangeError(`--open (compute without a token) binds 127.0.0.1 only, not ${hostname}`));
  let actualPort: number | undefined;
  // The loopback names with this server's port, and the configured names.
  const allowedHosts = [...LOOPBACK_HOSTS, ...(opts.allowedHosts ?? [])];
  const access: AccessOptions = { open: opts.open, allowedHosts, bodyLimit: opts.bodyLimit, uploadLimit: opts.uploadLimit };
  const renderer = poolRenderer();
  const queue = new WorkQueue({ concurrency: opts.concurrency, maxQueued: opts.maxQueued });
  const api = new SeriesApi(store, undefined, opts.minCell);
  const simJobs = new SimJobRegistry({ queue, caps: SERVER_SIM_CAPS, abandonAfterMs: SERVER_JOB_LEASE_MS });
  const msePool = new MsePool();
  const courtPool = new CourtPool();
  const calibrationJobs = new CalibrationJobRegistry({ queue, caps: SERVER_CALIBRATION_CAPS, abandonAfterMs: SERVER_JOB_LEASE_MS });
  const pdf = new PdfPool();
  const app = createApp({ store, webDir: opts.webDir, renderer, api, simJobs, msePool, courtPool, calibrationJobs, queue, access, port: () => actualPort, minCell: opts.minCell, pdf, linkageRunner: opts.linkageRunner });
  const viaApp = getRequestListener(app.fetch);
  // While compute runs, its threads run below the event loop's priority (see niceness.ts).
  const nicer = setInterval(() => queue.stats().busy > 0 && deprioritiseWorkerThreads(), 100);
  nicer.unref();
  const send = (req: IncomingMessage, res: ServerResponse, body: Uint8Array) => {
    const tag = etagOf(body);
    const hygiene = Object.entries(securityHeaders('/api')).flat();
    // A client that has these bytes gets a 304 (the page reloads the list on every visit).
    if (req.headers['if-none-match'] === tag) {
      res.writeHead(304, ['etag', tag, 'cache-control', 'no-cache', ...hygiene]);
      return void res.end();
    }
    res.writeHead(200, ['content-type', 'application/json; charset=utf-8', 'content-length', String(body.byteLength), 'etag', tag, 'cache-control', 'no-cache', ...hygiene]);
    res.end(body);
  };
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    // The fast path only for plain GETs to a known host without a body; the app words every refusal.
    if (req.method !== 'GET' || !req.url?.startsWith('/api/s') || !hostAllowed(req.headers.host, allowedHosts, actualPort) || req.headers['content-length'] || req.headers['transfer-encoding'])
      return void viaApp(req, res);
    // Hot path: the body is cached and the store was checked lately, so answer in this turn.
    const ready = api.peekPath(req.url);
    if (ready) return send(req, res, ready);
    api.forPath(req.url).then(
      (body) => {
        if (body === undefined || body === null) return void viaApp(req, res); // not ours, or a 404 the app words
        send(req, res, body);
      },
      () => void viaApp(req, res),
    );
  };
  return new Promise((resolve, reject) => {
    const server = createServer(handle);
    server.on('error', reject);
    server.listen(port, hostname, () => {
      const addr = server.address();
      const actual = typeof addr === 'object' && addr ? addr.port : port;
      actualPort = actual;
      resolve({
        port: actual,
        url: `http://${hostname === '0.0.0.0' ? 'localhost' : hostname}:${actual}`,
        close: async () => {
          clearInterval(nicer);
          await new Promise<void>((done) => server.close(() => done()));
          await simJobs.close();
          await calibrationJobs.close();
          await queue.close();
          await pdf.close();
          await msePool.close();
          await courtPool.close();
          await renderer.close();
        },
      });
    });
  });
}
