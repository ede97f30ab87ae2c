import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundled } from '../../src/ingest/bundled.ts';
import { chromiumPath } from '../../src/analyses/pdf-render.ts';
import { createApp } from '../../src/server/app.ts';
import { PdfPool } from '../../src/server/pdf-pool.ts';
import { PoolBusyError } from '../../src/server/task-pool.ts';
import { services } from '../support/services.ts';
import { freshStore, type TestStore } from '../support/stores.ts';

const MINI = new URL('../fixtures/mini/', import.meta.url).pathname;
const HAVE_CHROMIUM = services().chromium && !!chromiumPath();

describe.skipIf(!HAVE_CHROMIUM)('PDF reports through one shared browser with a small page pool', () => {
  let ts: TestStore;
  beforeAll(async () => {
    ts = await freshStore('sqlite');
    await loadBundled(ts.store, MINI);
  });
  afterAll(async () => ts.cleanup());

  it('prints many PDFs with one browser; past the waiting room, refuses rather than piles up', async () => {
    const pool = new PdfPool({ pages: 2, maxWaiting: 2 });
    try {
      const html = (i: number) => `<!doctype html><html><body><h1>report ${i}</h1></body></html>`;
      const outcomes = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => pool.print(html(i))));
      const ok = outcomes.filter((o) => o.status === 'fulfilled');
      const refused = outcomes.filter((o) => o.status === 'rejected');
      // Two print at once, two wait; the other four are refused at once.
      expect(ok).toHaveLength(4);
      for (const o of ok) expect((o as PromiseFulfilledResult<Buffer>).value.subarray(0, 5).toString()).toBe('%PDF-');
      expect(refused).toHaveLength(4);
      for (const o of refused) expect((o as PromiseRejectedResult).reason).toBeInstanceOf(PoolBusyError);
      // Later prints reuse the same browser.
      await pool.print(html(9));
      expect(pool.launches).toBe(1);
    } finally {
      await pool.close();
    }
  }, 120_000);

  it('the report route prints through the pool and answers 429 with Retry-After when it is full', async () => {
    const pool = new PdfPool({ pages: 1, maxWaiting: 0 });
    const app = createApp({ store: ts.store, pdf: pool });
    try {
      const [a, b] = await Promise.all([
        app.request('/api/report/overview.pdf'),
        app.request('/api/report/series.pdf?series=ngo.requests'),
      ]);
      const statuses = [a.status, b.status].sort();
      expect(statuses).toEqual([200, 429]);
      const busy = a.status === 429 ? a : b;
      expect(Number(busy.headers.get('retry-after'))).toBeGreaterThan(0);
      // Once the page is free, both print (one from the cache), still with the one browser.
      for (const path of ['/api/report/overview.pdf', '/api/report/series.pdf?series=ngo.requests']) {
        const again = await app.request(path);
        expect(again.status, path).toBe(200);
        expect(
          Buffer.from(await again.arrayBuffer())
            .subarray(0, 5)
            .toString(),
        ).toBe('%PDF-');
      }
      expect(pool.launches).toBe(1);
    } finally {
      await pool.close();
    }
  }, 120_000);
});
