import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath } from '../../src/analyses/pdf-render.ts';
import { services } from '../support/services.ts';
import { ARTIFACTS, startHarness, type Harness } from './harness.ts';

// Probed once per run (test/support/global-setup.ts), which prints how to install it when absent.
const HAVE_CHROMIUM = services().chromium && !!chromiumPath();

interface Probe {
  view: string;
  ready: boolean;
  charts: Record<string, { drawn: () => number[] }>;
}

describe.skipIf(!HAVE_CHROMIUM)('capture–recapture: an embed address that carries its request', () => {
  let h: Harness;
  let page: Page;
  const errors: string[] = [];
  const ready = (p: Page, view: string) =>
    p.waitForFunction(
      (v) =>
        (window as unknown as { __darkfigure?: Probe }).__darkfigure?.ready &&
        (window as unknown as { __darkfigure: Probe }).__darkfigure.view === v,
      view,
    );
  const drawn = (p: Page, id: string) =>
    p
      .waitForFunction((c) => !!(window as unknown as { __darkfigure: Probe }).__darkfigure.charts[c], id, {
        timeout: 60_000,
      })
      .then(() =>
        p.evaluate((c) => (window as unknown as { __darkfigure: Probe }).__darkfigure.charts[c]!.drawn(), id),
      );

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    h = await startHarness({ browser: true });
    page = await h.browser!.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => errors.push(String(e)));
  }, 180_000);
  afterAll(async () => h?.close());

  it('the estimates chart of a simulated world has embed code; the embed estimates the same world again and draws the same methods', async () => {
    await page.goto(`${h.server.url}/#/mse`);
    await ready(page, 'mse');
    await page.locator('#mse-N').fill('800');
    await page.locator('#mse-seed').fill('5');
    await page.locator('#mse-world').click();
    const onPage = await drawn(page, 'mse-methods');
    const methods = await page.locator('table.mse-results tbody tr:not(.failed)').count();
    const code = await page.locator('.embed-code[data-chart="mse-methods"]').inputValue();
    const src = /src="([^"]+)"/.exec(code)![1]!.replace(/&amp;/g, '&');
    expect(src).toBe(`${h.server.url}/embed/mse/mse-methods?kind=world&N=800&lists=3&capture=0.25&sigma=1&seed=5`);

    const embed = await h.browser!.newPage({ viewport: { width: 700, height: 600 } });
    embed.on('pageerror', (e) => errors.push(String(e)));
    await embed.goto(src);
    await ready(embed, 'embed');
    // The same world (same seed) gives the same estimates: one point per method, as on the page.
    expect(await drawn(embed, 'mse-methods')).toEqual(onPage);
    expect(onPage.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(methods);
    expect(await embed.locator('nav').isVisible()).toBe(false);
    const credit = (await embed.locator('.embed-credit').textContent())!;
    expect(credit).toContain(`${h.server.url}/#/mse?kind=world&N=800`);
    await embed.screenshot({ path: join(ARTIFACTS, 'mse-embed.png') });

    // The credit's address opens the page on that request, estimated again with its settings in the form.
    await embed.locator('.embed-credit a').click();
    await ready(embed, 'mse');
    expect(await drawn(embed, 'mse-methods')).toEqual(onPage);
    expect(await embed.locator('#mse-N').inputValue()).toBe('800');
    expect(await embed.locator('#mse-seed').inputValue()).toBe('5');
    await embed.close();
  }, 120_000);

  it('an embed address with a bad request says what is wrong', async () => {
    await page.goto(`${h.server.url}/embed/mse/mse-methods?kind=world&N=lots`);
    await ready(page, 'embed');
    expect(await page.locator('main').textContent()).toContain('N must be a number, not "lots"');
  });

  it('logged no page errors', () => {
    expect(errors).toEqual([]);
  });
});
