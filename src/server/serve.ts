import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { Store } from '../store/index.ts';
import { createApp } from './app.ts';
import { poolRenderer } from './render-pool.ts';
import { SeriesApi } from './series-api.ts';
import { SimJobRegistry } from './sim-jobs.ts';
import { MsePool } from './mse-pool.ts';
import { CourtPool } from './court-pool.ts';
import { CalibrationJobRegistry } from './calibration-jobs.ts';

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

/**
 * Start the observatory on a port (0 picks a free one); webDir serves another build of the dashboard.
 * The cached series endpoints are answered straight from node:http (the same bytes the Hono app
 * sends), which halves their latency under load; everything else goes through the app.
 */
export function startServer(store: Store, port = 8080, hostname = '127.0.0.1', opts: { webDir?: string } = {}): Promise<RunningServer> {
  const renderer = poolRenderer();
  const api = new SeriesApi(store);
  const simJobs = new SimJobRegistry();
  const msePool = new MsePool();
  const courtPool = new CourtPool();
  const calibrationJobs = new CalibrationJobRegistry();
  const app = createApp({ store, webDir: opts.webDir, renderer, api, simJobs, msePool, courtPool, calibrationJobs });
  const viaApp = getRequestListener(app.fetch);
  const send = (req: IncomingMessage, res: ServerResponse, body: Uint8Array) => {
    const tag = etagOf(body);
    // A client that has these bytes gets a 304 (the page reloads the list on every visit).
    if (req.headers['if-none-match'] === tag) {
      res.writeHead(304, ['etag', tag, 'cache-control', 'no-cache']);
      return void res.end();
    }
    res.writeHead(200, ['content-type', 'application/json; charset=utf-8', 'content-length', String(body.byteLength), 'etag', tag, 'cache-control', 'no-cache']);
    res.end(body);
  };
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET' || !req.url?.startsWith('/api/s')) return void viaApp(req, res);
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
      resolve({
        port: actual,
        url: `http://${hostname === '0.0.0.0' ? 'localhost' : hostname}:${actual}`,
        close: async () => {
          await new Promise<void>((done) => server.close(() => done()));
          await simJobs.close();
          await calibrationJobs.close();
          await msePool.close();
          await courtPool.close();
          await renderer.close();
        },
      });
    });
  });
}
