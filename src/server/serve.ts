import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type Runner, WorkQueue } from '../jobs/index.ts';
import type { Store } from '../store/index.ts';
import { createApp } from './app.ts';
import { poolRenderer } from './render-pool.ts';
import { SERVER_JOB_LEASE_MS, SERVER_SIM_CAPS, SimJobRegistry } from './sim-jobs.ts';
import { MsePool } from './mse-pool.ts';
import { CourtPool } from './court-pool.ts';
import { CalibrationJobRegistry, SERVER_CALIBRATION_CAPS } from './calibration-jobs.ts';
import { type AccessOptions, LOOPBACK_HOSTS } from './access.ts';
import { PdfPool } from './pdf-pool.ts';
import { deprioritiseWorkerThreads } from './niceness.ts';

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
 */
export function startServer(
  store: Store,
  port = 8080,
  hostname = '127.0.0.1',
  opts: ServeOptions = {},
): Promise<RunningServer> {
  if (opts.open && !LOOPBACK_BIND.has(hostname))
    return Promise.reject(new RangeError(`--open (compute without a token) binds 127.0.0.1 only, not ${hostname}`));
  let actualPort: number | undefined;
  // The loopback names with this server's port, and the configured names.
  const allowedHosts = [...LOOPBACK_HOSTS, ...(opts.allowedHosts ?? [])];
  const access: AccessOptions = {
    open: opts.open,
    allowedHosts,
    bodyLimit: opts.bodyLimit,
    uploadLimit: opts.uploadLimit,
  };
  const renderer = poolRenderer();
  const queue = new WorkQueue({ concurrency: opts.concurrency, maxQueued: opts.maxQueued });
  const simJobs = new SimJobRegistry({ queue, caps: SERVER_SIM_CAPS, abandonAfterMs: SERVER_JOB_LEASE_MS });
  const msePool = new MsePool();
  const courtPool = new CourtPool();
  const calibrationJobs = new CalibrationJobRegistry({
    queue,
    caps: SERVER_CALIBRATION_CAPS,
    abandonAfterMs: SERVER_JOB_LEASE_MS,
  });
  const pdf = new PdfPool();
  const app = createApp({
    store,
    webDir: opts.webDir,
    renderer,
    simJobs,
    msePool,
    courtPool,
    calibrationJobs,
    queue,
    access,
    port: () => actualPort,
    minCell: opts.minCell,
    pdf,
    linkageRunner: opts.linkageRunner,
  });
  // While compute runs, its threads run below the event loop's priority (see niceness.ts).
  const nicer = setInterval(() => queue.stats().busy > 0 && deprioritiseWorkerThreads(), 100);
  nicer.unref();
  return new Promise((resolve, reject) => {
    // Every request goes through the app: nothing answers in front of it.
    const server = serve({ fetch: app.fetch, port, hostname }, (info: AddressInfo) => {
      const actual = info.port;
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
    server.on('error', reject);
  });
}
