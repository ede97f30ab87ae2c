import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { loadBundled, readDataset, type Dataset } from '../../src/ingest/bundled.ts';
import { CHROMIUM_ARGS, chromiumPath } from '../../src/analyses/pdf-render.ts';
import { startServer, type RunningServer } from '../../src/server/serve.ts';
import { Store } from '../../src/store/index.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const ARTIFACTS = join(ROOT, 'test-artifacts');
const MINI = join(ROOT, 'test/fixtures/mini');

/** The bundled data when it is there, else the tiny fixture: tests derive every expectation from what was loaded. */
export function dataDir(): string {
  const bundled = join(ROOT, 'data');
  return ['sources.json', 'series.json', 'observations.jsonl'].every((f) => existsSync(join(bundled, f)))
    ? bundled
    : MINI;
}

export interface Harness {
  server: RunningServer;
  store: Store;
  data: Dataset;
  browser?: Browser;
  close(): Promise<void>;
}

/** Build the page from the current sources into a temporary folder, so the test never sees a stale web/dist. */
export function buildWeb(outDir: string): void {
  const r = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'],
    { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
  );
  if (r.status !== 0) throw new Error(`vite build failed: ${r.stderr || r.stdout}`);
}

/** Server on port 0 with a temporary SQLite file holding the data, the page built fresh, and (optionally) Chromium. */
export async function startHarness(opts: { browser?: boolean; build?: boolean } = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'df-web-'));
  const webDir = join(dir, 'dist');
  if (opts.build !== false) buildWeb(webDir);
  const store = await Store.open({ url: join(dir, 'web.db') });
  await loadBundled(store, dataDir());
  const data = await readDataset(dataDir());
  // A local server (serve --open): the page starts jobs without a token, as a user of `npm start` does.
  const server = await startServer(store, 0, '127.0.0.1', {
    webDir: opts.build === false ? undefined : webDir,
    open: true,
  });
  let browser: Browser | undefined;
  if (opts.browser) {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
  }
  return {
    server,
    store,
    data,
    browser,
    close: async () => {
      await browser?.close();
      await server.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
