import { serve, type ServerType } from '@hono/node-server';
import type { Store } from '../store/index.ts';
import { createApp } from './app.ts';

export interface RunningServer {
  port: number;
  url: string;
  close(): Promise<void>;
}

/** Start the observatory on a port (0 picks a free one). */
export function startServer(store: Store, port = 8080, hostname = '127.0.0.1'): Promise<RunningServer> {
  const app = createApp({ store });
  return new Promise((resolve, reject) => {
    let server: ServerType;
    try {
      server = serve({ fetch: app.fetch, port, hostname }, (info) => {
        resolve({
          port: info.port,
          url: `http://${hostname === '0.0.0.0' ? 'localhost' : hostname}:${info.port}`,
          close: () => new Promise<void>((done) => server.close(() => done())),
        });
      });
      server.on('error', reject);
    } catch (e) {
      reject(e);
    }
  });
}
