import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getRequestListener } from '@hono/node-server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundled, readDataset, type Dataset } from '../../src/ingest/bundled.ts';
import {
  checksTables,
  forceLine,
  formatBand,
  formatInterval,
  priorOnlyLine,
} from '../../src/report/estimate-checks-view.ts';
import { ESTIMATES_FILE, parseEstimates } from '../../src/report/estimate-file.ts';
import { monthName } from '../../src/domain/dates.ts';
import type { BundledEstimates } from '../../src/report/estimate-schema.ts';
import { CHROMIUM_ARGS, chromiumPath } from '../../src/analyses/pdf-render.ts';
import { createApp } from '../../src/server/app.ts';
import { Store } from '../../src/store/index.ts';
import { services } from '../support/services.ts';
import { ARTIFACTS, buildWeb, dataDir } from './harness.ts';

// Probed once per run (test/support/global-setup.ts), which prints how to install it when absent.
const HAVE_CHROMIUM = services().chromium && !!chromiumPath();
const FIXTURE = fileURLToPath(new URL('../fixtures/estimates/with-checks.json', import.meta.url));
const readEst = (file: string): BundledEstimates => parseEstimates(file, readFileSync(file, 'utf8'));
const BUNDLED_HAS_CHECKS = !!readEst(ESTIMATES_FILE).checks;
if (HAVE_CHROMIUM && !BUNDLED_HAS_CHECKS)
  console.log(
    'estimate-checks: data/estimates.json has no "checks" yet (made before scripts/bundle-estimate.ts wrote them): the bundled-data variant is skipped; the fixture variant runs on test/fixtures/estimates/with-checks.json.',
  );

interface Probe {
  view: string;
  ready: boolean;
}

/** The sections the calibration page shows for the bundled fit, by id. */
const SECTIONS = [
  'cal-mc-error',
  'cal-prior-posterior',
  'cal-prior-only',
  'cal-sensitivity',
  'cal-out-of-sample',
  'cal-predictive',
  'cal-force',
  'cal-double-use',
];

describe.skipIf(!HAVE_CHROMIUM)('the current estimate with its assumptions in view (Chromium)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'df-checks-'));
  let store: Store;
  let data: Dataset;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    buildWeb(join(dir, 'dist'));
    store = await Store.open({ url: join(dir, 'web.db') });
    await loadBundled(store, dataDir());
    data = await readDataset(dataDir());
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * The same checks on one estimates file: the server's app reads it through its `estimatesFile` option
   * (startServer has no such option, so the app is served here on a node:http server of its own).
   */
  const variant = (name: string, file: string) => () => {
    const est = readEst(file);
    const c = est.checks!;
    let server: Server;
    let url = '';
    let page: Page;
    const errors: string[] = [];

    beforeAll(async () => {
      const app = createApp({ store, webDir: join(dir, 'dist'), estimatesFile: file, access: { open: true } });
      server = createServer(getRequestListener(app.fetch));
      await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
      const addr = server.address();
      url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
      page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      page.setDefaultTimeout(15_000);
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(String(e)));
    });
    afterAll(async () => {
      await page?.close();
      await new Promise((done) => server?.close(done));
    });

    const open = async (p: Page, hash: string, view: string) => {
      await p.goto(`${url}/${hash}`);
      await p.waitForFunction(
        (v) =>
          (window as unknown as { __darkfigure?: Probe }).__darkfigure?.ready &&
          (window as unknown as { __darkfigure: Probe }).__darkfigure.view === v,
        view,
      );
      if (view === 'calibration') await p.waitForSelector('#cal-bundled[data-ready="true"]');
    };

    it('overview: the card says "by" the newest target\'s month, the force as a range, the prior alone, and links to the checks', async () => {
      await open(page, '#/overview', 'overview');
      // The newest published figure the fit used, from the figures themselves.
      const used = new Set(est.inputs.observationIds);
      const newest = data.observations
        .filter((o) => used.has(o.id))
        .map((o) => o.periodEnd)
        .sort()
        .at(-1)!;
      expect(monthName(newest.slice(0, 7)), "the headline month is the newest target's").toBe(
        monthName(est.headline.month),
      );
      const card = page.locator('.card.estimate');
      expect(await card.locator('.estimate-headline').textContent()).toContain(`by ${monthName(newest.slice(0, 7))}`);
      expect(await card.locator('.estimate-interval').textContent()).toContain(
        `95% interval ${formatInterval(est.headline.lo95, est.headline.hi95)}`,
      );
      expect(await card.locator('.estimate-force').textContent()).toBe(forceLine(c));
      expect(await card.locator('.estimate-force').textContent()).toMatch(/force of [\d,]+ – [\d,]+ serving/);
      expect(await card.locator('.estimate-prior-only').textContent()).toBe(priorOnlyLine(est, c));
      // The definition on one line: one sentence, its asides left to the link.
      const def = (await card.locator('.estimate-definition').textContent())!;
      expect(def).toMatch(/^AWOL ever: [^()]{30,}\. more$/);
      const links = await card.locator('.estimate-checks a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(links).toEqual([
        '#/calibration#cal-prior-posterior',
        '#/calibration#cal-sensitivity',
        '#/calibration#cal-out-of-sample',
        '#/calibration#cal-mc-error',
      ]);
      const [sw, iw] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      expect(sw).toBeLessThanOrEqual(iw);
      await page.screenshot({ path: join(ARTIFACTS, `estimate-checks-${name}-overview-1400.png`), fullPage: true });

      // A link on the card opens its section of the calibration page, scrolled into view.
      await card.locator('.estimate-checks a', { hasText: 'out-of-sample check' }).click();
      await page.waitForFunction(() => {
        const r = document.getElementById('cal-out-of-sample')?.getBoundingClientRect();
        return !!r && r.top >= -2 && r.top < window.innerHeight;
      });
    });

    it('calibration: the bundled fit above the form, every section with its rows and numbers', async () => {
      await open(page, '#/calibration', 'calibration');
      const above = await page.evaluate(
        () =>
          !!(
            document.getElementById('cal-bundled')!.compareDocumentPosition(document.querySelector('form.scn-form')!) &
            Node.DOCUMENT_POSITION_FOLLOWING
          ),
      );
      expect(above, 'the bundled fit comes before the "run a small fit" form').toBe(true);
      expect(await page.locator('#cal-bundled .estimate-headline').textContent()).toContain(formatBand(est.headline));
      for (const id of SECTIONS) expect(await page.locator(`#${id} h3`).count(), id).toBe(1);

      // Every parameter, the force ones included, with its posterior and plain words.
      const params = await page.locator('#cal-prior-posterior tbody tr').evaluateAll((trs) =>
        trs.map((tr) => ({
          param: (tr as HTMLElement).dataset.param,
          cells: [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''),
        })),
      );
      expect(params.map((p) => p.param)).toEqual(c.priorPosterior.map((p) => p.name));
      for (const p of params) {
        expect(p.cells[4], p.param).toMatch(/\d – \d/);
        expect(p.cells[6], p.param).toMatch(/^(data moved it|data moved it a little|stays near its prior)$/);
      }

      // The headline under the prior alone, and the sensitivity rows, each with its median, interval and change.
      expect(await page.locator('#cal-prior-only tr[data-row="prior-only"] td').nth(2).textContent()).toBe(
        formatInterval(c.priorOnly.lo95, c.priorOnly.hi95),
      );
      const sens = await page.locator('#cal-sensitivity tbody tr').evaluateAll((trs) =>
        trs.map((tr) => ({
          row: (tr as HTMLElement).dataset.row,
          kind: (tr as HTMLElement).dataset.kind,
          cells: [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''),
        })),
      );
      expect(sens.map((r) => r.row)).toEqual(c.sensitivity.rows.map((r) => r.id));
      for (const r of sens) {
        expect(r.cells[1], r.row).toMatch(/^[\d,.]+$/);
        expect(r.cells[3], r.row).toMatch(r.kind === 'baseline' ? /^—$/ : /^([+−]\d+|0)%$/);
      }

      // Out of sample: each later figure, inside ✓ or outside ✗ with the reason.
      const oos = await page.locator('#cal-out-of-sample tbody tr').evaluateAll((trs) =>
        trs.map((tr) => ({
          id: (tr as HTMLElement).dataset.check,
          inside: (tr as HTMLElement).dataset.inside,
          cells: [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''),
        })),
      );
      expect(oos.map((r) => [r.id, r.inside])).toEqual(c.outOfSample.rows.map((r) => [r.id, String(r.inside)]));
      for (const r of oos) {
        expect(r.cells[4], r.id).toMatch(/\d – \d/);
        if (r.inside === 'true') expect(r.cells[5]).toBe('✓ inside');
        else expect([r.cells[5], r.cells[6]!.length > 0]).toEqual(['✗ outside', true]);
      }
      expect(await page.locator('#cal-out-of-sample h3').textContent()).toContain(
        `${Number(c.outOfSample.fitThrough.slice(8))} ${monthName(c.outOfSample.fitThrough.slice(0, 7))}`,
      );

      // Fresh-seed predictive, Monte Carlo replicates and the force by month: one row each.
      expect(await page.locator('#cal-predictive tbody tr').count()).toBe(c.predictive.rows.length);
      expect(await page.locator('#cal-mc-error tbody tr').count()).toBe(c.monteCarlo.replicates.length);
      // How the Monte Carlo error was folded into the interval, as the file says it (made a sentence).
      expect((await page.locator('#cal-mc-error p').textContent())!.toLowerCase()).toContain(
        c.monteCarlo.folded.toLowerCase().replace(/[.\s]+$/, ''),
      );
      expect(
        await page
          .locator('#cal-force tbody tr')
          .evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.month)),
      ).toEqual(c.force.points.map((p) => p.month));
      expect(await page.locator('#cal-double-use tbody tr').count()).toBe(c.doubleUse.length);
      // The page draws what the view model says, cell for cell.
      const model = checksTables(est).find((t) => t.id === 'cal-sensitivity')!;
      expect(sens.map((r) => r.cells)).toEqual(model.rows.map((r) => r.cells));
    });

    it('phone: neither the overview nor the calibration page scrolls sideways at 390 px', async () => {
      const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
      phone.on('pageerror', (e) => errors.push(String(e)));
      for (const [hash, view] of [
        ['#/overview', 'overview'],
        ['#/calibration', 'calibration'],
      ] as const) {
        await open(phone, hash, view);
        const [sw, iw] = await phone.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
        expect(iw, view).toBe(390);
        expect(sw, view).toBeLessThanOrEqual(iw);
        await phone.screenshot({ path: join(ARTIFACTS, `estimate-checks-${name}-${view}-390.png`), fullPage: true });
      }
      await phone.close();
    });

    it('logged no errors', () => {
      expect(errors).toEqual([]);
    });
  };

  describe(
    'on a hand-made file with every check (test/fixtures/estimates/with-checks.json)',
    variant('fixture', FIXTURE),
  );

  describe('on a file made before the checks', () => {
    let server: Server;
    let url = '';
    beforeAll(async () => {
      const { checks: _, ...old } = readEst(FIXTURE);
      const file = join(dir, 'no-checks.json');
      writeFileSync(file, JSON.stringify(old));
      const app = createApp({ store, webDir: join(dir, 'dist'), estimatesFile: file, access: { open: true } });
      server = createServer(getRequestListener(app.fetch));
      await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
      const addr = server.address();
      url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    });
    afterAll(async () => new Promise((done) => server?.close(done)));

    it('the card keeps its fixed force and the calibration page says the checks are not in the file', async () => {
      const est = readEst(FIXTURE);
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(`${url}/#/overview`);
      await page.waitForSelector('.card.estimate .estimate-force');
      expect(await page.locator('.card.estimate .estimate-force').textContent()).toContain(
        `Assumes a force of ${est.settings.force.toLocaleString('en-US')} serving at any time, fixed`,
      );
      expect(await page.locator('.card.estimate .estimate-prior-only, .card.estimate .estimate-checks').count()).toBe(
        0,
      );
      await page.goto(`${url}/#/calibration`);
      await page.waitForSelector('#cal-bundled[data-ready="true"]');
      expect(await page.locator('#cal-bundled .estimate-headline').textContent()).toContain(formatBand(est.headline));
      expect(await page.locator('#cal-no-checks').count()).toBe(1);
      expect(await page.locator('#cal-bundled section').count()).toBe(0);
      await page.close();
    });
  });
  // Skipped only while the bundled file was made before its checks (the reason is printed above).
  describe.skipIf(!BUNDLED_HAS_CHECKS)('on the bundled data/estimates.json', variant('bundled', ESTIMATES_FILE));
});
