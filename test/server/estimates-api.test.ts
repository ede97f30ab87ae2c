import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundled } from '../../src/ingest/bundled.ts';
import { ESTIMATES_FILE } from '../../src/report/estimate-file.ts';
import { estimateHeadline } from '../../src/report/estimate-overview.ts';
import type { BundledEstimates } from '../../src/report/estimate-schema.ts';
import { createApp } from '../../src/server/app.ts';
import { freshStore, type TestStore } from '../support/stores.ts';

const MINI = new URL('../fixtures/mini/', import.meta.url).pathname;

describe('HTTP API: the bundled estimate', () => {
  let ts: TestStore;
  const dir = mkdtempSync(join(tmpdir(), 'df-est-api-'));
  const bundled = JSON.parse(readFileSync(ESTIMATES_FILE, 'utf8')) as BundledEstimates;

  beforeAll(async () => {
    ts = await freshStore('sqlite');
    await loadBundled(ts.store, MINI);
  });
  afterAll(async () => ts.cleanup());

  it('serves data/estimates.json as validated, and draws it in the overview exports and report', async () => {
    const app = createApp({ store: ts.store });
    const r = await app.request('/api/estimates');
    expect(r.status).toBe(200);
    expect(((await r.json()) as { estimates: BundledEstimates }).estimates).toEqual(bundled);
    const svg = await app.request('/api/chart/overview.svg?chart=overview-estimate');
    expect(svg.status).toBe(200);
    expect(await svg.text()).toContain('Estimated against recorded');
    const csv = await (await app.request('/api/chart/overview.csv?chart=overview-estimate')).text();
    // One row per point of the headline series, in the "model estimate" panel (whichever column that is).
    const [head, ...rows] = csv.trim().split('\r\n');
    const panel = head!.split(',').indexOf('panel');
    expect(rows.filter((l) => l.split(',')[panel] === 'model estimate').length).toBe(
      bundled.series[bundled.headline.series]!.points.length,
    );
    const html = await (await app.request('/api/report/overview.html')).text();
    expect(html).toContain(estimateHeadline(bundled).sentence);
  });

  it('says there is none when no file is bundled', async () => {
    const app = createApp({ store: ts.store, estimatesFile: join(dir, 'absent.json') });
    expect(await (await app.request('/api/estimates')).json()).toEqual({ estimates: null });
    const html = await (await app.request('/api/report/overview.html')).text();
    expect(html).toContain('no estimate yet');
  });

  it('refuses a bad file with its name and field rather than draw it', async () => {
    const bad = structuredClone(bundled) as unknown as { headline: Record<string, unknown> };
    bad.headline.median = 'lots';
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(bad));
    const app = createApp({ store: ts.store, estimatesFile: file });
    const r = await app.request('/api/estimates');
    expect(r.status).toBe(500);
    const { error } = (await r.json()) as { error: string };
    expect(error).toContain(file);
    expect(error).toContain('field "headline.median"');
  });
});
