// The outside services some tests need, how to reach them and how to start them. Probed once per run
// (test/support/global-setup.ts); a test file asks through `services()` whether one answered.
import { existsSync } from 'node:fs';
import { createConnection } from 'node:net';
import { describe, inject } from 'vitest';

export type ServiceName = 'postgres' | 'redis' | 'chromium';

/** The PostgreSQL server of the test machine (trust auth, database test). */
export const PG_URL = process.env.DARKFIGURE_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.DARKFIGURE_TEST_REDIS ?? 'redis://127.0.0.1:6379';
export const CHROMIUM = process.env.DARKFIGURE_CHROMIUM ?? '/usr/bin/chromium';

export const HOW_TO_START: Record<ServiceName, string> = {
  postgres: `PostgreSQL at ${PG_URL} does not answer: start it (pg_ctlcluster <version> main start) or set DARKFIGURE_TEST_PG`,
  redis: `Redis at ${REDIS_URL} does not answer: start it (redis-server --daemonize yes) or set DARKFIGURE_TEST_REDIS`,
  chromium: `no Chromium at ${CHROMIUM}: install it (apt-get install chromium) or set DARKFIGURE_CHROMIUM`,
};

/** Resolve when host:port accepts a TCP connection and answers `probe` with bytes matching `ok`. */
export function answers(
  url: string,
  defaultPort: number,
  probe: Buffer | null,
  ok: (b: Buffer) => boolean,
  timeoutMs = 2000,
): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const s = createConnection({ host: u.hostname || '127.0.0.1', port: Number(u.port || defaultPort) });
    const done = (v: boolean) => {
      s.destroy();
      resolve(v);
    };
    s.setTimeout(timeoutMs, () => done(false));
    s.on('error', () => done(false));
    s.on('connect', () => (probe ? s.write(probe) : done(true)));
    s.on('data', (b) => done(ok(b)));
  });
}

// PostgreSQL answers an SSLRequest with one byte, 'S' or 'N': enough to know a server is there.
const SSL_REQUEST = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);

export async function probe(name: ServiceName): Promise<boolean> {
  if (name === 'postgres') return answers(PG_URL, 5432, SSL_REQUEST, (b) => b[0] === 0x53 || b[0] === 0x4e);
  if (name === 'redis')
    return answers(REDIS_URL, 6379, Buffer.from('PING\r\n'), (b) => b.toString().startsWith('+PONG'));
  return existsSync(CHROMIUM);
}

declare module 'vitest' {
  export interface ProvidedContext {
    services: Record<ServiceName, boolean>;
  }
}

/** Which services answered at the start of this run. */
export const services = (): Record<ServiceName, boolean> => inject('services');

export type Engine = 'sqlite' | 'postgres';

/**
 * One suite per store engine (`%s` in the name becomes the engine): SQLite always, PostgreSQL skipped
 * (and counted as skipped) when it did not answer.
 */
export function describeOnEngines(name: string, fn: (engine: Engine) => void): void {
  for (const engine of ['sqlite', 'postgres'] as const)
    describe.skipIf(engine === 'postgres' && !services().postgres)(name.replace('%s', engine), () => fn(engine));
}
