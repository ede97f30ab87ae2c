import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBundled } from '../../src/ingest/bundled.ts';
import { createApp } from '../../src/server/app.ts';
import { CourtPool } from '../../src/server/court-pool.ts';
import { MsePool } from '../../src/server/mse-pool.ts';
import { Store } from '../../src/store/index.ts';
import { runCli } from '../support/run-cli.ts';

/**
 * One temporary store that both sides read: the CLI through DARKFIGURE_DB (in-process, the commander
 * program), the server's app through app.request. Both run the same analysis on the same request.
 */
export async function bothSides(opts: { bundled?: boolean } = {}): Promise<{
  cli(args: string[]): Promise<{ code: number; out: string; err: string }>;
  api(path: string, init?: RequestInit): Promise<Response>;
  store: Store;
  close(): Promise<void>;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'darkfigure-analyses-'));
  const url = join(dir, 'test.db');
  const store = await Store.open({ url });
  // The figures the CLI loads into every store it opens (calibrate fits them).
  if (opts.bundled) await loadBundled(store);
  const msePool = new MsePool();
  const courtPool = new CourtPool();
  const app = createApp({ store, msePool, courtPool, access: { open: true } });
  const before = process.env.DARKFIGURE_DB;
  return {
    store,
    async cli(args) {
      process.env.DARKFIGURE_DB = url;
      try {
        return await runCli(args);
      } finally {
        if (before === undefined) delete process.env.DARKFIGURE_DB;
        else process.env.DARKFIGURE_DB = before;
      }
    },
    api: async (path, init) => app.request(path, init),
    async close() {
      await msePool.close();
      await courtPool.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const postJson = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
