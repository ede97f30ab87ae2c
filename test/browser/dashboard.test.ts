import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Observation } from '../../src/domain/observation.ts';
import { addDays, monthName, monthsBetween } from '../../src/domain/dates.ts';
import { formatInterval } from '../../src/report/estimate-checks-view.ts';
import type { BundledEstimates } from '../../src/report/estimate-schema.ts';
import { findConflicts } from '../../src/report/conflicts.ts';
import { chromiumPath } from '../../src/analyses/pdf-render.ts';
import { ARTIFACTS, ROOT as ROOT_DIR, startHarness, type Harness } from './harness.ts';
import { services } from '../support/services.ts';

// Probed once per run (test/support/global-setup.ts), which prints how to install it when absent.
const HAVE_CHROMIUM = services().chromium && !!chromiumPath();

interface Probe {
  view: string;
  ready: boolean;
  charts: Record<
    string,
    {
      expected: Record<string, number>;
      drawn: () => number[];
      point: (s: number, i: number) => [number, number] | null;
    }
  >;
}

/** The headline indicators, read from their file and resolved here by the rule the overview promises. */
interface HeadlineDef {
  id: string;
  seriesId: string;
  select: { scope: string; articles: string[]; valueKind: string };
}
const HEADLINES = JSON.parse(readFileSync(join(ROOT_DIR, 'data/headlines.json'), 'utf8')) as HeadlineDef[];
const headlineRows = (d: HeadlineDef, obs: Observation[]) =>
  obs
    .filter(
      (o) =>
        o.seriesId === d.seriesId &&
        o.scope === d.select.scope &&
        o.valueKind === d.select.valueKind &&
        [...o.articles].sort().join() === [...d.select.articles].sort().join(),
    )
    .sort((a, b) => (a.periodEnd === b.periodEnd ? (a.id < b.id ? -1 : 1) : a.periodEnd < b.periodEnd ? -1 : 1));

function monthlyExpected(obs: Observation[]): number {
  const reported = obs.filter((o) => o.valueKind === 'interval_count' && o.periodStart).length;
  const byScope = new Map<string, Set<string>>();
  for (const o of obs) {
    const k = `${o.scope}|${[...o.articles].sort().join('+')}`;
    if (o.valueKind === 'cumulative') byScope.set(k, (byScope.get(k) ?? new Set()).add(o.periodEnd));
  }
  let derived = 0;
  for (const dates of byScope.values()) derived += Math.max(0, dates.size - 1);
  return reported + derived;
}

describe.skipIf(!HAVE_CHROMIUM)('the observatory in Chromium', () => {
  let h: Harness;
  let ctx: BrowserContext;
  let page: Page;
  const consoleErrors: string[] = [];
  const offsite: string[] = [];
  let calJob = '';

  const open = async (hash: string, view: string) => {
    await page.goto(`${h.server.url}/${hash}`);
    await page.waitForFunction(
      (v) =>
        (window as unknown as { __darkfigure?: Probe }).__darkfigure?.ready &&
        (window as unknown as { __darkfigure: Probe }).__darkfigure.view === v,
      view,
    );
  };
  const drawn = (chartId: string) =>
    page.evaluate((id) => (window as unknown as { __darkfigure: Probe }).__darkfigure.charts[id]!.drawn(), chartId);
  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    h = await startHarness({ browser: true });
    ctx = await h.browser!.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    // Everything must come from our own server: record and refuse anything else.
    await ctx.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(h.server.url) || url.startsWith('data:')) return route.continue();
      offsite.push(url);
      return route.abort();
    });
    page = await ctx.newPage();
    page.setDefaultTimeout(15_000);
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
  });

  afterAll(async () => {
    await h?.close();
  });

  it('overview: cards and chart draw only the headline series, card values are their newest figures, the estimate states its assumptions', async () => {
    await open('#/overview', 'overview');
    const expected = HEADLINES.map((d) => headlineRows(d, h.data.observations).length);
    expect(await drawn('overview-recorded')).toEqual(expected);
    expect(await page.locator('.cards .card').count()).toBe(HEADLINES.length + 1);
    // Each card quotes the newest figure of its headline series.
    for (const d of HEADLINES) {
      const rows = headlineRows(d, h.data.observations);
      const last = rows.at(-1)!.periodEnd;
      const big = page.locator(`.card[data-headline="${d.id}"] .big`);
      const id = await big.getAttribute('data-observation');
      expect(
        rows.filter((o) => o.periodEnd === last).map((o) => o.id),
        d.id,
      ).toContain(id);
      expect(Number(await big.getAttribute('data-value')), d.id).toBe(
        h.data.observations.find((o) => o.id === id)!.value,
      );
    }
    // No website visits, and nothing but the headline series, on the recorded chart.
    const chartText = (await page.locator('#chart-overview').textContent()) ?? '';
    expect(chartText).not.toMatch(/visits/i);
    // The estimate card: the bundled headline, rounded to two significant figures, with its interval, definition, force and newest target.
    const est = JSON.parse(readFileSync(join(ROOT_DIR, 'data/estimates.json'), 'utf8')) as BundledEstimates;
    const two = (v: number) => {
      const p = 10 ** (Math.floor(Math.log10(v)) - 1);
      return (Math.round(v / p) * p).toLocaleString('en-GB');
    };
    const monthOf = (iso: string) =>
      new Date(`${iso.slice(0, 7)}-01T00:00:00Z`).toLocaleString('en-GB', {
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      });
    const card = (await page.locator('.card.estimate').textContent())!;
    expect(card).toContain(`≈ ${two(est.headline.median)} went AWOL by ${monthOf(est.headline.month)}`);
    // The interval rounded outward (src/report/estimate-checks-view.ts), never narrower than the fit's.
    expect(card).toContain(`95% interval ${formatInterval(est.headline.lo95, est.headline.hi95)}`);
    expect(card).toContain(`calibrated to ${est.inputs.observationIds.length} published figures`);
    expect(card).toMatch(/model-based estimate, not a count/i);
    expect(await page.locator('.card.estimate .estimate-definition').textContent()).toMatch(/^AWOL ever: .{30,}/);
    // A fixed force is named; a force carried as uncertain (the file's checks) is given as a range.
    expect(await page.locator('.card.estimate .estimate-force').textContent()).toContain(
      est.checks ? 'Assumes a force of ' : est.settings.force.toLocaleString('en-US'),
    );
    const newest = h.data.observations
      .filter((o) => est.inputs.observationIds.includes(o.id))
      .map((o) => o.periodEnd)
      .sort()
      .at(-1)!;
    expect(await page.locator('.card.estimate .estimate-newest').textContent()).toContain(`by ${monthOf(newest)}`);
    expect(await page.locator('.card.estimate a').first().getAttribute('href')).toBe('#/methods#method-calibration');
    expect(await page.locator('.card.estimate a.calibration-link').getAttribute('href')).toBe('#/calibration');

    // Hover a point that stands apart from the others: its tooltip names its source (or says darkfigure derived it).
    await page.locator('#chart-overview').scrollIntoViewIfNeeded();
    const pts = await page.evaluate((counts) => {
      const c = (window as unknown as { __darkfigure: Probe }).__darkfigure.charts['overview-recorded']!;
      return counts.flatMap((n, s) => Array.from({ length: n }, (_, i) => ({ s, i, at: c.point(s, i) })));
    }, expected);
    const apart = pts.find(
      (p) => p.at && pts.every((q) => q === p || !q.at || Math.hypot(q.at[0] - p.at![0], q.at[1] - p.at![1]) > 16),
    );
    expect(apart).toBeDefined();
    const o = headlineRows(HEADLINES[apart!.s]!, h.data.observations)[apart!.i]!;
    const src = h.data.sources.find((x) => x.id === o.sourceId)!;
    await page.mouse.move(apart!.at![0], apart!.at![1]);
    await page.waitForSelector('.df-tip', { state: 'visible' });
    const tip = await page.locator('.df-tip').first().textContent();
    expect(tip).toContain(o.derivation === 'derived' ? 'derived by darkfigure' : src.organisation);
    expect(tip).toContain(o.unit);
    expect(tip).toContain(o.periodEnd);
    await shot('overview');
    // The overview at 1400 px, for the record (the 390 px one is taken by the phone test).
    const wide = await ctx.newPage();
    await wide.setViewportSize({ width: 1400, height: 900 });
    await wide.goto(`${h.server.url}/#/overview`);
    await wide.waitForFunction(() => (window as unknown as { __darkfigure?: Probe }).__darkfigure?.ready);
    expect(await wide.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1400);
    await wide.screenshot({ path: join(ARTIFACTS, 'overview-1400.png'), fullPage: true });
    await wide.close();
  });

  it('overview: the estimate chart draws the median and its bands, and a band says on hover what it is', async () => {
    await open('#/overview', 'overview');
    const est = JSON.parse(readFileSync(join(ROOT_DIR, 'data/estimates.json'), 'utf8')) as BundledEstimates;
    const pts = est.series[est.headline.series]!.points;
    // Series: 95% lower edge, 95% band, 50% lower edge, 50% band, the median (one symbol a month), then the recorded points.
    const counts = await drawn('overview-estimate');
    expect(counts[4]).toBe(pts.length);
    const expected = await page.evaluate(
      () => (window as unknown as { __darkfigure: Probe }).__darkfigure.charts['overview-estimate']!.expected,
    );
    expect(expected.estimate).toBe(pts.length);
    expect(counts.slice(5).reduce((a, b) => a + b, 0)).toBe(expected.recorded);
    // Two shaded bands are drawn: filled areas at the 95% (0.15) and 50% (0.3) opacities.
    const fills = await page
      .locator('#chart-overview-estimate path[fill-opacity="0.15"], #chart-overview-estimate path[fill-opacity="0.3"]')
      .count();
    expect(fills).toBeGreaterThanOrEqual(2);
    // Hover inside the 95% band only (between its lower edge and the 50% band's), a month before the last.
    await page.locator('#chart-overview-estimate').scrollIntoViewIfNeeded();
    const i = pts.length - 2;
    const [lo95, lo50] = await page.evaluate((k) => {
      const c = (window as unknown as { __darkfigure: Probe }).__darkfigure.charts['overview-estimate']!;
      return [c.point(0, k), c.point(2, k)];
    }, i);
    expect(lo50![1]).toBeLessThan(lo95![1] - 8);
    await page.mouse.move(lo95![0], (lo95![1] + lo50![1]) / 2);
    const tip = page.locator('#chart-overview-estimate .df-tip');
    await tip.waitFor({ state: 'visible' });
    const text = (await tip.textContent())!;
    expect(text).toContain(`by ${pts[i]!.date}`);
    expect(text).toContain(
      `95% interval ${pts[i]!.lo95.toLocaleString('en-GB')} – ${pts[i]!.hi95.toLocaleString('en-GB')}`,
    );
    expect(text).toContain('not a count');
    expect(await tip.locator('a').getAttribute('href')).toBe('#/methods#method-calibration');
    await shot('overview-estimate');
  });

  it('series explorer: each chart draws the right points; filters narrow the list; conflicts are listed', async () => {
    const withObs = h.data.series.filter((s) => h.data.observations.some((o) => o.seriesId === s.id));
    const busiest = [...withObs].sort(
      (a, b) =>
        h.data.observations.filter((o) => o.seriesId === b.id).length -
        h.data.observations.filter((o) => o.seriesId === a.id).length,
    )[0]!;
    for (const s of withObs.slice(0, 3).concat(busiest)) {
      await open(`#/series/${encodeURIComponent(s.id)}`, 'series');
      const obs = h.data.observations.filter((o) => o.seriesId === s.id);
      const counts = await drawn(`series-${s.id}`);
      const sources = new Set(obs.map((o) => o.sourceId)).size;
      // One scatter per source holds every published figure; the rest are the per-month panel.
      expect(counts.slice(0, sources).reduce((a, b) => a + b, 0)).toBe(obs.length);
      expect(counts.slice(sources).reduce((a, b) => a + b, 0)).toBe(monthlyExpected(obs));
      expect(await page.locator('table.figures tbody tr').count()).toBe(obs.length);
      await expect(page.locator('h2').first().textContent()).resolves.toBe(s.title);
    }
    await page.screenshot({ path: join(ARTIFACTS, 'series.png') });

    // The list shows every series with data; a confidence filter keeps only series with figures of that grade.
    await open('#/series', 'series');
    expect(await page.locator('.series-list li').count()).toBe(withObs.length);
    const grades = new Map(h.data.sources.map((src) => [src.id, src.confidence]));
    for (const c of ['A', 'B', 'C'] as const) {
      const keep = new Set(h.data.observations.filter((o) => grades.get(o.sourceId) === c).map((o) => o.seriesId));
      await open(`#/series?confidence=${c}`, 'series');
      expect(await page.locator('.series-list li').count()).toBe(keep.size);
    }
    // Unticking a box by keyboard-equivalent click changes the route and the list.
    await open('#/series', 'series');
    await page.locator('#filter-conf-A').uncheck();
    await page.waitForFunction(
      () => location.hash.includes('confidence=B%2CC') || location.hash.includes('confidence=B,C'),
    );
    const notA = new Set(h.data.observations.filter((o) => grades.get(o.sourceId) !== 'A').map((o) => o.seriesId));
    await page.waitForFunction(
      (n) =>
        document.querySelectorAll('.series-list li').length === n || (n === 0 && !!document.querySelector('.side p')),
      notA.size,
    );

    // A party-to-the-conflict filter.
    const party = new Set(h.data.sources.filter((s) => s.partyToConflict).map((s) => s.id));
    await open('#/series?party=no', 'series');
    expect(await page.locator('.series-list li').count()).toBe(
      new Set(h.data.observations.filter((o) => !party.has(o.sourceId)).map((o) => o.seriesId)).size,
    );

    // Conflicting figures: listed only when the ranges (qualifiers included) cannot both be true.
    const groups = findConflicts(h.data.observations);
    expect(groups.length).toBeGreaterThan(0);
    await open(`#/series/${encodeURIComponent(groups[0]!.seriesId)}`, 'series');
    expect(await page.locator('.conflicts li').count()).toBeGreaterThan(0);
    expect(await page.locator('tr.conflict').count()).toBeGreaterThanOrEqual(groups[0]!.observations.length);
    await page.locator('.conflicts').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'series-conflict.png') });
    // 615 vs ~600 and 1,001 vs ~1,000 (cases received in 2021 and 2022) agree: neither is listed.
    await open('#/series/court.cases_received', 'series');
    const listed =
      (await page
        .locator('.conflicts')
        .textContent()
        .catch(() => '')) ?? '';
    expect(listed).not.toMatch(/~600 cases/);
    expect(listed).not.toMatch(/~1,000 cases/);
    expect(await page.locator('#obs-rr-conv-2021').getAttribute('class')).not.toBe('conflict');

    // The explorer opens on the first headline series; scopes read as words; dates as month and year.
    await open('#/series', 'series');
    expect(await page.locator('.series-list a[aria-current="true"]').getAttribute('data-series')).toBe(
      HEADLINES[0]!.seriesId,
    );
    const scopes = await page.locator('table.figures tbody td:nth-child(4)').allTextContents();
    expect(scopes.some((x) => x.includes('since mobilisation'))).toBe(true);
    expect(scopes.some((x) => /_|region:/.test(x))).toBe(false);
    const ticks =
      ((await page.locator('#chart-series').textContent()) ?? '').match(
        /(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}/g,
      ) ?? [];
    expect(ticks.length).toBeGreaterThanOrEqual(4);
    // A one-point series still gets month/year ticks, not days.
    const single = h.data.series.find((x) => h.data.observations.filter((o) => o.seriesId === x.id).length === 1)!;
    await open(`#/series/${encodeURIComponent(single.id)}`, 'series');
    expect(
      ((await page.locator('#chart-series').textContent()) ?? '').match(
        /(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}/g,
      )?.length ?? 0,
    ).toBeGreaterThanOrEqual(2);
    // Search narrows the list to matching series.
    await page.locator('#series-search').fill('surrender');
    const shown = await page
      .locator('.series-list li:not([hidden]) a')
      .evaluateAll((as) => as.map((a) => (a as HTMLElement).dataset.series));
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(h.data.series.length);
    for (const id of shown) {
      const x = h.data.series.find((y) => y.id === id)!;
      expect(`${x.title} ${x.id} ${x.unit} ${x.counts} ${x.excludes} ${x.topic}`.toLowerCase(), id).toContain(
        'surrender',
      );
    }
  });

  it('methods and sources: every source with its confidence; the coming views are named', async () => {
    await open('#/methods', 'methods');
    expect(await page.locator('table.sources tbody tr').count()).toBe(h.data.sources.length);
    for (const s of h.data.sources.slice(0, 5))
      await expect(page.locator(`#source-${s.id}`).textContent()).resolves.toContain(s.organisation);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('Differencing cumulative totals');
    expect(text).toMatch(/Nowcasting court records \(reporting delay\) in use/);
    expect(text).toMatch(/Fitting the model to the figures \(calibration\) in use/);
    expect(text).toMatch(/Capture–recapture \(multiple systems estimation\) in use/);
    await page.screenshot({ path: join(ARTIFACTS, 'methods.png') });
    // Tooltips link to a method by anchor: the route still opens the methods view.
    await open('#/overview', 'overview');
    await open('#/methods#method-differencing', 'methods');
    expect(await page.locator('#method-differencing').isVisible()).toBe(true);
  });

  it('keyboard: the views are reachable by Tab and Enter', async () => {
    await open('#/overview', 'overview');
    await page.reload();
    await page.waitForFunction(() => (window as unknown as { __darkfigure?: Probe }).__darkfigure?.ready);
    await page.keyboard.press('Tab'); // skip link
    await page.keyboard.press('Tab'); // brand
    await page.keyboard.press('Tab'); // Overview
    await page.keyboard.press('Tab'); // Series
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () =>
        (window as unknown as { __darkfigure: Probe }).__darkfigure.view === 'series' &&
        (window as unknown as { __darkfigure: Probe }).__darkfigure.ready,
    );
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');

    // The court view's method switch works from the keyboard: focus it, arrow down, the route follows.
    await open('#/court', 'court');
    await page.locator('#court-method').focus();
    await page.keyboard.press('ArrowDown');
    // Wait for the re-rendered chart itself: the probe's ready flag can still be the previous render's.
    await page.waitForFunction(
      () =>
        location.hash.includes('method=baseline') &&
        (document.querySelector('#chart-court-nowcast')?.textContent ?? '').includes('nowcast (baseline)'),
    );
    await page.waitForFunction(() => (window as unknown as { __darkfigure: Probe }).__darkfigure.ready);
    expect(await page.locator('#chart-court-nowcast').textContent()).not.toContain('nowcast (bayes)');
  });

  it('court records: the published monthly figures first, then a separate demonstration on a labelled simulated line list, a method switch, exports', async () => {
    await open('#/court', 'court');
    // The default view: the published monthly figures (cases received by article, verdicts), above the line list.
    const order = await page.evaluate(() =>
      document
        .querySelector('#chart-court-published')!
        .compareDocumentPosition(document.querySelector('#chart-court-nowcast')!),
    );
    expect(order & 4).toBe(4);
    const expectedPublished = ['court.cases_received', 'court.sentences'].flatMap((id) => {
      const rows = h.data.observations.filter(
        (o) => o.seriesId === id && (o.scope === 'month' || o.scope === 'since_mobilisation'),
      );
      const groups = new Map<string, Observation[]>();
      for (const o of rows)
        groups.set([...o.articles].sort().join('+'), [...(groups.get([...o.articles].sort().join('+')) ?? []), o]);
      return [...groups.values()].map(monthlyExpected);
    });
    // On the published figures, the nowcast of every Mediazona running total since mobilisation published at
    // least three times (art. 337 cases first), from its newest total to the dataset's newest date: a line with
    // a point per month (its two band edges are lines without points).
    const sources = new Map(h.data.sources.map((x) => [x.id, x.organisation]));
    const datasetEnd = h.data.observations.reduce((m, o) => (o.periodEnd > m ? o.periodEnd : m), '');
    const groups = [
      ['court.cases_received', '337'],
      ['court.cases_received', '338'],
      ['court.cases_received', '332'],
      ['court.cases_received', '332+337+338'],
      ['court.sentences', '332+337+338'],
    ].flatMap(([seriesId, articles]) => {
      const totals = h.data.observations.filter(
        (o) =>
          o.seriesId === seriesId &&
          o.scope === 'since_mobilisation' &&
          o.valueKind === 'cumulative' &&
          o.derivation === 'reported' &&
          [...o.articles].sort().join('+') === articles &&
          sources.get(o.sourceId) === 'Mediazona',
      );
      if (totals.length < 3) return [];
      const newest = totals.reduce((x, y) => (y.periodEnd > x.periodEnd ? y : x));
      const months = monthsBetween(addDays(newest.periodEnd, 1), datasetEnd);
      return [{ seriesId, articles, totals: totals.length, newest, months }];
    });
    const headline = groups[0]!;
    expect(headline.articles).toBe('337');
    expect(groups.length).toBeGreaterThanOrEqual(2);
    const nowcastPoints = groups.reduce((a, g) => a + g.months.length, 0);
    expect(headline.months.length).toBeGreaterThan(0);
    const publishedDrawn = await drawn('court-published');
    expect(publishedDrawn.reduce((a, b) => a + b, 0)).toBe(
      expectedPublished.reduce((a, b) => a + b, 0) + nowcastPoints,
    );
    const section = (await page.locator('#court-published-section').textContent()) ?? '';
    expect(section).toContain('Court figures as published, per month');
    expect(section).toContain('nowcast, derived by darkfigure');
    const line = (await page.locator('#court-published-nowcast-line').textContent()) ?? '';
    expect(line).toContain('derived by darkfigure');
    expect(line).toContain(`by ${Number(datasetEnd.slice(8))} ${monthName(datasetEnd.slice(0, 7))}`);
    expect(line).toContain(headline.newest.value.toLocaleString('en-US'));
    // The headline's months table: one row per month after its newest total, each estimate inside its 95% interval.
    const monthRows = page.locator('table.court-published-nowcast tbody tr');
    expect(await monthRows.count()).toBe(headline.months.length);
    expect(await monthRows.first().getAttribute('data-month')).toBe(headline.months[0]);
    const num = (t: string) => Number(t.replace(/[,≈\s]/g, ''));
    for (const cells of await Promise.all((await monthRows.all()).map((r) => r.locator('td').allTextContents()))) {
      const [lo, hi] = cells[2]!.split('–').map(num);
      expect(lo).toBeLessThanOrEqual(num(cells[1]!));
      expect(hi).toBeGreaterThanOrEqual(num(cells[1]!));
    }
    // Every series side by side: its newest published total as published, then the nowcast with its band.
    const summary = page.locator('table.court-published-series tbody tr');
    expect(await summary.count()).toBe(groups.length);
    for (const [i, g] of groups.entries()) {
      const row = summary.nth(i);
      expect(await row.getAttribute('data-articles')).toBe(g.articles);
      expect((await row.locator('td').nth(1).textContent()) ?? '').toContain(g.newest.value.toLocaleString('en-US'));
    }
    // The out-of-sample check: a row per published total from each series' third on; the line quotes the headline's tally.
    const checks = page.locator('table.court-published-backtest tbody tr');
    expect(await checks.count()).toBe(groups.reduce((a, g) => a + g.totals - 2, 0));
    const headlineFlags = await Promise.all(
      (await page.locator('table.court-published-backtest tbody tr[data-articles="337"]').all()).map((r) =>
        r.getAttribute('data-inside'),
      ),
    );
    expect(headlineFlags).toHaveLength(headline.totals - 2);
    expect(line).toContain(
      `${headlineFlags.filter((x) => x === 'true').length} of ${headlineFlags.length} published totals`,
    );
    // The CSV of the published chart carries the nowcast rows, marked derived, with their formula.
    const publishedCsv = await page.evaluate(async () =>
      (await (await fetch('/api/chart/court.csv?chart=court-published')).text()).trim().split('\r\n'),
    );
    expect(publishedCsv.filter((l) => l.includes('derived by darkfigure: nowcast: random walk'))).toHaveLength(
      nowcastPoints,
    );
    // The bundled store has no court records: the simulated list is a separate, labelled demonstration.
    await expect(page.locator('#court-origin').textContent()).resolves.toContain('SIMULATED');
    expect(await page.locator('#court-results.demo #court-linelist-h').textContent()).toMatch(
      /Demonstration.*simulated line list/,
    );
    expect(await page.locator('#court-results.demo #chart-court-nowcast').count()).toBe(1);
    // The simulated list runs from 2022-09-21 to 2025-06-30: the nowcast covers September 2022 to June 2025.
    const months = 4 + 12 + 12 + 6;
    const nowcast = await drawn('court-nowcast');
    // Bars of verdicts known, then (fan) two band edges for 95%, two for 50%, and the nowcast line with a point per month.
    expect(nowcast).toHaveLength(6);
    expect([nowcast[0], nowcast[5]]).toEqual([months, months]);
    expect(await drawn('court-monthly')).toEqual([months, months]);
    const text = (await page.locator('#chart-court-nowcast').textContent()) ?? '';
    expect(text).toContain('nowcast (bayes)');
    expect(text).toContain('simulated line list, not court records');
    // The last month is June 2025 (axis ticks depend on the font's metrics, so read the table, not the axis).
    expect(await page.locator('table.court-nowcast tr[data-month]').last().getAttribute('data-month')).toBe('2025-06');
    // The newest month has (almost) no verdicts yet; its nowcast is above what is known, inside its 95% band.
    const last = page.locator('table.court-nowcast tr[data-month="2025-06"] td');
    const cells = await last.allTextContents();
    const n = (t: string) => Number(t.replace(/,/g, ''));
    expect(n(cells[2]!)).toBeGreaterThan(n(cells[1]!));
    const [lo95, hi95] = cells[4]!.split('–').map((x) => n(x.trim()));
    expect(lo95).toBeLessThanOrEqual(n(cells[2]!));
    expect(hi95).toBeGreaterThanOrEqual(n(cells[2]!));
    await shot('court');

    // Switch the method: the route carries it, the chart names it, the CSV export has a row per month.
    await page.locator('#court-method').selectOption('chainladder');
    await page.waitForFunction(
      () =>
        location.hash.includes('method=chainladder') &&
        (document.querySelector('#chart-court-nowcast')?.textContent ?? '').includes('nowcast (chainladder)'),
    );
    await page.waitForFunction(() => (window as unknown as { __darkfigure: Probe }).__darkfigure.ready);
    expect(await page.locator('#chart-court-nowcast').textContent()).not.toContain('nowcast (bayes)');
    const exported = await page.evaluate(async () => {
      const csv = await (await fetch('/api/chart/court.csv?method=chainladder&chart=court-nowcast')).text();
      const png = new Uint8Array(
        await (await fetch('/api/chart/court.png?method=chainladder&chart=court-monthly')).arrayBuffer(),
      );
      const html = await (await fetch('/api/report/court.html?method=chainladder')).text();
      return { lines: csv.trim().split('\r\n'), png: Array.from(png.slice(0, 4)), html };
    });
    expect(exported.lines).toHaveLength(months + 1);
    expect(exported.lines[1]).toMatch(/^2022-09,chainladder,/);
    expect(exported.png).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(exported.html).toContain('SIMULATED line list');
  }, 90_000);

  it('calibration: start a small fit from the page, reload while it runs, see the unseen totals and the predictive check', async () => {
    await open('#/calibration', 'calibration');
    await page.evaluate(() => localStorage.clear());
    await page.locator('#cal-budget').fill('60');
    await page.locator('#cal-population').fill('20');
    await page.locator('#cal-agents').fill('2000');
    await page.locator('#cal-run').click();
    await page.waitForFunction(() => location.hash.includes('job='));
    const jobUrl = page.url();
    await page.reload();
    expect(page.url()).toBe(jobUrl);
    await page.waitForFunction(
      () => !!(window as unknown as { __darkfigure: Probe }).__darkfigure.charts['calibration-predictive'],
      undefined,
      { timeout: 150_000 },
    );
    await expect(page.locator('#cal-status').textContent()).resolves.toMatch(
      /^Done: \d+ generation\(s\), 60 simulations/,
    );
    expect(
      await page
        .locator('#cal-progress')
        .evaluate((e) => [(e as HTMLProgressElement).value, (e as HTMLProgressElement).max]),
    ).toEqual([60, 60]);
    // One row per target of the default calibration file, each named on the chart.
    const cfg = JSON.parse(readFileSync(join(ROOT_DIR, 'calibration/default.json'), 'utf8')) as {
      run: { start: string; end: string };
      targets: Array<{ id: string }>;
    };
    const pred = await drawn('calibration-predictive');
    expect(pred[4]).toBe(cfg.targets.length);
    const predText = (await page.locator('#chart-calibration-predictive').textContent()) ?? '';
    for (const t of cfg.targets) expect(predText).toContain(t.id);
    // The unseen totals: one fan per total, a median point per month of the run.
    const [y0, m0] = cfg.run.start.split('-').map(Number);
    const [y1, m1] = cfg.run.end.split('-').map(Number);
    const runMonths = (y1! - y0!) * 12 + (m1! - m0!) + 1;
    const unseen = await drawn('calibration-unseen');
    expect([unseen[4], unseen[9], unseen[14]]).toEqual([runMonths, runMonths, runMonths]);
    expect(await page.locator('table.cal-unseen tbody tr').count()).toBe(3);
    const job = new URL(jobUrl).hash.split('job=')[1]!;
    calJob = job;
    const svg = await page.evaluate(
      async (id) => (await fetch(`/api/chart/calibration.svg?job=${id}&chart=calibration-predictive`)).text(),
      job,
    );
    expect(svg).toContain('<svg');
    expect(svg).toContain(cfg.targets[0]!.id);
    await shot('calibration');
  }, 180_000);

  it('exports: the overview chart as PNG and SVG, its data as CSV, the report as PDF', async () => {
    await open('#/overview', 'overview');
    const fetched = await page.evaluate(async () => {
      const png = new Uint8Array(await (await fetch('/api/chart/overview.png')).arrayBuffer());
      const svg = await (await fetch('/api/chart/overview.svg')).text();
      const csv = await (await fetch('/api/chart/overview.csv')).text();
      return {
        png: Array.from(png.slice(0, 8)),
        pngBytes: png.length,
        svg: svg.slice(0, 200),
        csvLines: csv.trim().split('\r\n').length,
      };
    });
    expect(fetched.png).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(fetched.pngBytes).toBeGreaterThan(5000);
    expect(fetched.svg).toContain('<svg');
    const plotted = HEADLINES.reduce((a, d) => a + headlineRows(d, h.data.observations).length, 0);
    expect(fetched.csvLines).toBe(plotted + 1);
    // Publishable: title, unit, a dated source line, the credit and the page's address; no "hover"; a citation column.
    const pub = await page.evaluate(async () => ({
      svg: await (await fetch('/api/chart/overview.svg?chart=overview-estimate')).text(),
      header: (await (await fetch('/api/chart/overview.csv?chart=overview-estimate')).text()).split('\r\n')[0],
      report: await (await fetch('/api/report/overview.html')).text(),
    }));
    const text = [...pub.svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join(' ');
    expect(text).toContain('Estimated against recorded (model)');
    expect(text).toMatch(/Unit: persons/);
    expect(text).toMatch(/Source: [^|]*\(\d{4}-\d{2}-\d{2}\)/);
    expect(text).toContain('Chart: darkfigure');
    expect(text).toMatch(/https?:\/\/[^ ]+\/#\/overview/);
    expect(text.toLowerCase()).not.toContain('hover');
    // The words a reader sees (not the SVG's own CSS :hover rules) never ask to hover.
    const words = pub.report.replace(/<style[^>]*>[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ');
    expect(words.toLowerCase()).not.toMatch(/\bhover/);
    expect(pub.header!.split(',')[0]).toBe('model');
    expect(pub.header!.split(',')).toContain('citation');
    // Each chart has embed code; the embed address renders that chart alone, with its credit.
    const code = (await page.locator('.embed-code[data-chart="overview-recorded"]').inputValue()) ?? '';
    expect(code).toMatch(/^<iframe src="http:\/\/127\.0\.0\.1:\d+\/embed\/overview\/overview-recorded"/);
    const embed = await ctx.newPage();
    await embed.goto(/src="([^"]+)"/.exec(code)![1]!);
    await embed.waitForFunction(
      () =>
        (window as unknown as { __darkfigure?: Probe }).__darkfigure?.ready &&
        (window as unknown as { __darkfigure: Probe }).__darkfigure.view === 'embed',
    );
    expect(
      await embed.evaluate(() =>
        (window as unknown as { __darkfigure: Probe }).__darkfigure.charts['overview-recorded']!.drawn(),
      ),
    ).toEqual(HEADLINES.map((d) => headlineRows(d, h.data.observations).length));
    expect(await embed.locator('nav').isVisible()).toBe(false);
    await expect(embed.locator('.embed-credit').textContent()).resolves.toMatch(
      /Chart: darkfigure · http:\/\/127\.0\.0\.1:\d+\/#\/overview/,
    );
    await expect(embed.locator('.embed-source').textContent()).resolves.toMatch(/Source: .*\d{4}-\d{2}-\d{2}/);
    await embed.close();

    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.locator('a', { hasText: 'Report (PDF)' }).click(),
    ]);
    const path = await download.path();
    const pdf = readFileSync(path);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    writeFileSync(join(ARTIFACTS, 'overview-report.pdf'), pdf);
  });

  it('scenarios: start a small simulation from the page, reload while it runs, see its fans, flows and shares', async () => {
    await open('#/scenarios', 'scenarios');
    await page.evaluate(() => localStorage.clear());
    const names = await page
      .locator('.scn-list input[type=checkbox]')
      .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(names).toEqual(expect.arrayContaining(['baseline', 'rotation']));
    // Two scenarios, two runs each, few agents: the test finishes in seconds.
    for (const n of names) await page.locator(`#scn-${n}`).setChecked(n === 'baseline' || n === 'rotation');
    await page.locator('#scn-runs').fill('2');
    await page.locator('#scn-agents').fill('5000');
    await page.locator('#scn-run').click();
    await page.waitForFunction(() => location.hash.includes('job='));
    const jobUrl = page.url();
    // Reload at once: the page finds the job in its route and follows it to the end.
    await page.reload();
    expect(page.url()).toBe(jobUrl);
    await page.waitForFunction(
      () => !!(window as unknown as { __darkfigure: Probe }).__darkfigure.charts['scenarios-fan'],
      undefined,
      { timeout: 90_000 },
    );
    expect(
      await page
        .locator('#scn-progress')
        .evaluate((e) => [(e as HTMLProgressElement).value, (e as HTMLProgressElement).max]),
    ).toEqual([4, 4]);
    await expect(page.locator('#scn-status').textContent()).resolves.toContain('Done');

    // The default run is 2022-02-24 to 2025-12-31: one fan point per calendar month.
    const months = (2025 - 2022) * 12 + (12 - 2) + 1;
    const fan = await drawn('scenarios-fan');
    // Per scenario: two band edges for 90%, two for 50%, then the median line with a symbol per month.
    expect(fan).toHaveLength(10);
    expect([fan[4], fan[9]]).toEqual([months, months]);
    const legend = (await page.locator('#chart-scenarios-fan').textContent()) ?? '';
    expect(legend).toContain('baseline');
    expect(legend).toContain('rotation');

    // The Sankey draws every place soldiers went; the share chart a bar per scenario against the comparators.
    const sankey = await drawn('scenarios-sankey');
    const sankeyText = (await page.locator('#chart-scenarios-sankey').textContent()) ?? '';
    for (const node of ['Served', 'AWOL', 'Abroad', 'Caught', 'Court', 'Prison']) expect(sankeyText).toContain(node);
    expect(sankey[0]).toBeGreaterThanOrEqual(8);
    expect(await drawn('scenarios-share')).toEqual([2]);
    // Historical comparators count desertion differently: listed apart, never on the model's share axis.
    const wehrmacht = h.data.observations.find(
      (o) => o.seriesId === 'hist.desertion_rate' && /^Germany WWII/.test(o.scope),
    );
    const lyall = h.data.observations.find((o) => o.seriesId === 'hist.high_desertion_threshold');
    const shareText = (await page.locator('#chart-scenarios-share').textContent()) ?? '';
    expect(shareText).toContain('(model)');
    expect(shareText).not.toMatch(/Germany WWII|threshold/);
    const comps = (await page.locator('#scn-comparators').textContent()) ?? '';
    if (wehrmacht) expect(comps).toContain(`${wehrmacht.value}%`);
    if (lyall) expect(comps).toContain(`${lyall.value}%`);
    expect(comps).toMatch(/other definitions/);
    // Counts of a model run are agents, and say so.
    expect((await page.locator('#chart-scenarios-fan').textContent()) ?? '').toMatch(/agents/i);
    // Exports of the finished run: the fan's data (a row per scenario and month) and the report.
    const job = new URL(jobUrl).hash.split('job=')[1];
    const ex = await page.evaluate(
      async (id) => ({
        csv: await (await fetch(`/api/chart/scenarios.csv?job=${id}`)).text(),
        png: Array.from(
          new Uint8Array(
            await (await fetch(`/api/chart/scenarios.png?job=${id}&chart=scenarios-sankey`)).arrayBuffer(),
          ).slice(0, 4),
        ),
        html: await (await fetch(`/api/report/scenarios.html?job=${id}`)).text(),
      }),
      job,
    );
    expect(ex.csv.trim().split('\r\n')).toHaveLength(2 * months + 1);
    expect(ex.csv.split('\r\n')[0]!.split(',')[0]).toBe('model');
    expect(ex.png).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(ex.html).toContain('Where soldiers went (model, agents): baseline');
    await shot('scenarios');
  }, 120_000);

  it("capture–recapture: upload the Korea pattern counts and see each method's estimate, the known log-linear answer among them", async () => {
    const koreaFile = fileURLToPath(new URL('../fixtures/reference/mse/korea.json', import.meta.url));
    const korea = JSON.parse(readFileSync(koreaFile, 'utf8')) as {
      lists: string[];
      counts: Record<string, number>;
      reference: { loglinear_poisson_mle: Array<{ model: string; N: number; BIC: number }> };
    };
    const best = [...korea.reference.loglinear_poisson_mle].sort((a, b) => a.BIC - b.BIC)[0]!;
    await open('#/mse', 'mse');
    await page.locator('#mse-file').setInputFiles(koreaFile);
    await page.waitForFunction(
      () => !!(window as unknown as { __darkfigure: Probe }).__darkfigure.charts['mse-methods'],
      undefined,
      { timeout: 60_000 },
    );
    const rows = page.locator('table.mse-results tbody tr');
    const methods = await rows.evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.method));
    expect(methods).toEqual(['loglinear', 'stepwise', 'dga', 'lcmcr']);
    // The BIC-best log-linear model and its population size, as published (Ball, Shin & Yang 2018).
    const ll = (await page.locator('tr[data-method=loglinear]').textContent()) ?? '';
    expect(ll).toContain(best.model);
    expect(ll).toContain(String(Math.round(best.N)));
    expect(await drawn('mse-methods')).toEqual([4, 4, 4]);
    const observed = Object.values(korea.counts).reduce((a, b) => a + b, 0);
    await expect(page.locator('#mse-status').textContent()).resolves.toContain(`${observed} people observed`);
    expect(await page.locator('.mse-diag').count()).toBe(4);
    await shot('mse');

    // A simulated world: its true size is shown beside the estimates.
    await page.locator('#mse-N').fill('800');
    await page.locator('#mse-lists').fill('2');
    await page.locator('#mse-world').click();
    await page.waitForFunction(
      () =>
        document.querySelectorAll('table.mse-results tbody tr').length === 3 &&
        !!document.querySelector('#mse-results p'),
      undefined,
      { timeout: 60_000 },
    );
    await expect(page.locator('#mse-results').textContent()).resolves.toContain('true size: 800');

    // The output of `link --json`: capture histories with the linkage's threshold sensitivity, shown next to the estimates.
    const linkFile = join(mkdtempSync(join(tmpdir(), 'df-link-')), 'link.json');
    const sensitivity = [0.7, 0.75, 0.8, 0.85, 0.9].map((t, i) => ({ threshold: t, linkedPeople: 80 - 7 * i }));
    writeFileSync(
      linkFile,
      JSON.stringify({ lists: korea.lists, captureHistories: korea.counts, thresholdSensitivity: sensitivity }),
    );
    await page.locator('#mse-file').setInputFiles(linkFile);
    await page.waitForFunction(
      () => !!(window as unknown as { __darkfigure: Probe }).__darkfigure.charts['mse-sensitivity'],
      undefined,
      { timeout: 60_000 },
    );
    expect(await drawn('mse-sensitivity')).toEqual([sensitivity.length]);
    expect(await page.locator('table.mse-sensitivity tbody tr').count()).toBe(sensitivity.length);
    expect(await page.locator('table.mse-sensitivity tbody tr').first().locator('td').allTextContents()).toEqual([
      '0.7',
      '80',
    ]);
    // The same estimates as from the pattern counts, and exports of this result.
    await expect(page.locator('tr[data-method=loglinear]').textContent()).resolves.toContain(
      String(Math.round(best.N)),
    );
    const result = await page.evaluate(async () => {
      const a = [...document.querySelectorAll<HTMLAnchorElement>('#mse-results a.btn')].find(
        (x) => x.href.includes('/api/chart/mse.csv') && x.href.includes('chart=mse-sensitivity'),
      )!;
      return (await fetch(a.href)).text();
    });
    const lines = result.trim().split('\r\n');
    expect(lines[0]).toBe('threshold,linked_people,citation');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(
      sensitivity.map((r) => `${r.threshold},${r.linkedPeople}`),
    );
    expect(lines.slice(1).every((l) => /darkfigure computation/.test(l))).toBe(true);
    await page.locator('#mse-sensitivity-heading').scrollIntoViewIfNeeded();
    await shot('mse-linkage');

    // Two lists counted as one (steps of one process): the same file re-estimated on the merged lists.
    await page.locator('#mse-merge').fill('b+c');
    await page.locator('#mse-merge').dispatchEvent('change');
    await page.waitForFunction(
      () => document.querySelector('#mse-status')?.textContent?.includes('2 lists (b+c, d)'),
      undefined,
      { timeout: 60_000 },
    );
    await page.waitForFunction(() => document.querySelectorAll('table.mse-results tbody tr').length === 3, undefined, {
      timeout: 60_000,
    });
    expect(await rows.evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.method))).toEqual([
      'lincoln',
      'chapman',
      'loglinear',
    ]);
  }, 90_000);

  it('phone: no view scrolls sideways at 390 px, and no chart label is clipped', async () => {
    const phone = await ctx.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    phone.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    const views = [
      ['/#/overview', 'overview', 'overview-390'],
      ['/#/series', 'series', 'series-phone'],
      ['/#/series/court.cases_received', 'series', 'series-cases-phone'],
      ['/#/methods', 'methods', 'methods-phone'],
      ['/#/scenarios', 'scenarios', 'scenarios-phone'],
      ['/#/mse', 'mse', 'mse-phone'],
      ['/#/court', 'court', 'court-phone'],
      ['/#/calibration', 'calibration', 'calibration-phone'],
      // With the results of the fit run above: its tables and charts must fit too.
      ...(calJob ? ([[`/#/calibration?job=${calJob}`, 'calibration', 'calibration-results-phone']] as const) : []),
      ['/embed/overview/overview-recorded', 'embed', 'embed-phone'],
    ] as const;
    for (const [path, view, name] of views) {
      await phone.goto(`${h.server.url}${path}`);
      await phone.waitForFunction(
        (v) =>
          (window as unknown as { __darkfigure: Probe }).__darkfigure?.ready &&
          (window as unknown as { __darkfigure: Probe }).__darkfigure.view === v,
        view,
      );
      if (path.includes('job='))
        await phone.waitForFunction(
          () => !!(window as unknown as { __darkfigure: Probe }).__darkfigure.charts['calibration-predictive'],
          undefined,
          { timeout: 60_000 },
        );
      // Nothing wider than the screen: no sideways scrolling of the page.
      const [sw, iw] = await phone.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      expect(sw, path).toBeLessThanOrEqual(iw);
      expect(iw, path).toBe(390);
      // Every text of every chart lies inside its chart's box (labels are not cut off at the edges).
      const clipped = await phone.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('.chart')].flatMap((c) => {
          const box = c.getBoundingClientRect();
          return (
            [...c.querySelectorAll('svg text')]
              // Items of a scrolling legend are clipped on purpose (the legend pages through them).
              .filter((t) => !t.closest('[clip-path]'))
              .map((t) => ({ t: t.textContent ?? '', r: t.getBoundingClientRect() }))
              .filter(({ t, r }) => t.trim() && r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1))
              .map(({ t }) => `${c.id}: ${t}`)
          );
        }),
      );
      expect(clipped, path).toEqual([]);
      await phone.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
    }
    await phone.close();
  });

  it('made no request off the page and logged no console errors', () => {
    expect(offsite).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
