import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { Store } from '../store/index.ts';
import { createApp } from './app.ts';
import { poolRenderer } from './render-pool.ts';
import { SeriesApi } from './series-api.ts';
import { SimJobRegistry } from './sim-jobs.ts';
import { MsePool } from './mse-pool.ts';

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
  const app = createApp({ store, webDir: opts.webDir, renderer, api, simJobs, msePool });
  const viaApp = getRequestListener(app.fetch);
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET' || !req.url?.startsWith('/api/s')) return void viaApp(req, res);
    api.forPath(req.url).then(
      (body) => {
        if (body === undefined || body === null) return void viaApp(req, res); // not ours, or a 404 the app words
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.byteLength });
        res.end(body);
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
          await msePool.close();
          await renderer.close();
        },
      });
    });
  });
}
