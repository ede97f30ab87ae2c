import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundled } from '../../src/ingest/bundled.ts';
import { CHROMIUM_ARGS, chromiumPath } from '../../src/analyses/pdf-render.ts';
import { startServer, type RunningServer } from '../../src/server/serve.ts';
import { Store } from '../../src/store/index.ts';
import { buildWeb, dataDir } from '../browser/harness.ts';
import { services } from '../support/services.ts';

const HAVE_CHROMIUM = services().chromium && !!chromiumPath();

interface Probe {
  view: string;
  ready: boolean;
  charts: Record<string, { drawn: () => number[] }>;
}

/** The capture–recapture page in Chromium: the overlap guard and the pairwise-dependence table, as the CLI prints them. */
describe.skipIf(!HAVE_CHROMIUM)('capture–recapture page: overlap guard and pairwise table', () => {
  let server: RunningServer;
  let store: Store;
  let browser: Browser;
  let page: Page;
  const dir = mkdtempSync(join(tmpdir(), 'mse-page-'));
  const file = (name: string, body: unknown) => {
    const f = join(dir, name);
    writeFileSync(f, JSON.stringify(body));
    return f;
  };

  beforeAll(async () => {
    // The page built fresh, on a local server that computes without a token (as `serve --open`).
    buildWeb(join(dir, 'dist'));
    store = await Store.open({ url: join(dir, 'web.db') });
    await loadBundled(store, dataDir());
    server = await startServer(store, 0, '127.0.0.1', { webDir: join(dir, 'dist'), open: true });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${server.url}/#/mse`);
    await page.waitForFunction(
      () =>
        (window as unknown as { __darkfigure?: Probe }).__darkfigure?.ready &&
        (window as unknown as { __darkfigure: Probe }).__darkfigure.view === 'mse',
    );
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('thin overlaps: a warning above the figures, the pairwise table and chart, and the same table in the report', async () => {
    await page.locator('#mse-file').setInputFiles(
      file('thin.json', {
        lists: ['courts', 'ngo', 'wanted'],
        counts: { '100': 40, '010': 30, '001': 20, '110': 3, '011': 2 },
      }),
    );
    await page.waitForSelector('table.mse-pairwise', { timeout: 90_000 });
    expect(await page.locator('.mse-overlap-warning').first().textContent()).toMatch(
      /only 5 people are on more than one list/,
    );
    const rows = await page
      .locator('table.mse-pairwise tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows.map((r) => r.slice(0, 2))).toEqual([
      ['courts × ngo', '3'],
      ['courts × wanted', '0'],
      ['ngo × wanted', '2'],
    ]);
    expect(rows[1]![2]).toBe('none (no overlap)');
    // Chapman on courts × ngo alone: (43 + 1)(35 + 1)/(3 + 1) − 1 = 395.
    expect(rows[0]![2]).toBe('395');
    await page.waitForFunction(
      () => !!(window as unknown as { __darkfigure: Probe }).__darkfigure.charts['mse-pairwise'],
    );
    expect(
      await page.evaluate(() =>
        (window as unknown as { __darkfigure: Probe }).__darkfigure.charts['mse-pairwise']!.drawn(),
      ),
    ).toEqual([2]);
    const href = await page.locator('#mse-results a[href*="/api/report/mse.html"]').first().getAttribute('href');
    const html = await (await fetch(new URL(href!, server.url))).text();
    expect(html).toContain('Pairs of lists: a check on dependence');
    expect(html).toContain('courts × wanted');
    expect(html).toMatch(/Warning: only 5 people are on more than one list/);
  }, 120_000);

  it('no overlap: the refusal, and no estimate in the table', async () => {
    await page
      .locator('#mse-file')
      .setInputFiles(file('none.json', { lists: ['courts', 'ngo'], counts: { '10': 400, '01': 300 } }));
    await page.waitForSelector('#mse-refusal', { timeout: 60_000 });
    expect(await page.locator('#mse-refusal').textContent()).toMatch(/No estimate: nobody is on more than one list/);
    const cells = await page
      .locator('table.mse-results tbody tr')
      .evaluateAll((trs) => trs.map((tr) => tr.textContent ?? ''));
    expect(cells).toHaveLength(3);
    for (const c of cells) expect(c).toMatch(/no estimate: nobody is on more than one list/);
  }, 120_000);
});
