import { afterEach, beforeEach, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Observation } from '../../src/domain/index.ts';
import { loadBundled, readDataset } from '../../src/ingest/bundled.ts';
import { ConflictError } from '../../src/store/index.ts';
import { FIXTURES, freshStore, type TestStore } from '../support/stores.ts';
import { describeOnEngines } from '../support/services.ts';

const MINI = `${FIXTURES}mini`;

describeOnEngines('store on %s', (engine) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await freshStore(engine);
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('migrates an empty store and reports itself healthy', async () => {
    expect(t.store.engine).toBe(engine);
    expect(await t.store.countObservations()).toBe(0);
    expect(await t.store.listSeries()).toEqual([]);
  });

  it('hands out repositories, never its query handle; a transaction store rolls back all its repositories wrote', async () => {
    expect('db' in t.store).toBe(false);
    expect('sqlite' in t.store).toBe(false);
    const data = await readDataset(MINI);
    const boom = new Error('stop');
    await expect(
      t.store.transaction(async (tx) => {
        await tx.write(data);
        await tx.apiTokens.insert({
          id: 't1',
          token_hash: 'h',
          scopes: 'sim',
          max_jobs: 1,
          note: null,
          created_at: '2025-01-01',
          revoked_at: null,
        });
        // Nested: joins the transaction rather than committing on its own.
        await tx.transaction((inner) =>
          inner.court.recordScrape({
            file_hash: 'f',
            file: 'f.jsonl',
            format: 'csv',
            scraped_at: '2025-01-01',
            full_scrape: 0,
            records: 0,
            rejected: 0,
            imported_at: '2025-01-01',
          }),
        );
        expect(await tx.countObservations()).toBe(3);
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await t.store.countObservations()).toBe(0);
    expect(await t.store.apiTokens.list()).toEqual([]);
    expect(await t.store.court.scrapeImported('f')).toBe(false);
    expect(await t.store.tableCounts()).toEqual({ observations: 0, series: 0, sources: 0 });
    await t.store.transaction((tx) => tx.write(data));
    expect(await t.store.tableCounts()).toEqual({
      observations: 3,
      series: 2,
      sources: (await t.store.sources()).length,
    });
  });

  it('round-trips sources, series and observations with the same values on both engines', async () => {
    const data = await readDataset(MINI);
    const r = await t.store.write(data);
    expect(r.observations).toEqual({ inserted: 3, unchanged: 0 });
    expect(await t.store.sources()).toEqual([...data.sources].sort((a, b) => a.id.localeCompare(b.id)));
    const obs = await t.store.observations();
    expect(obs).toEqual(
      [...data.observations].sort((a, b) => a.periodEnd.localeCompare(b.periodEnd) || a.id.localeCompare(b.id)),
    );
    // counts are numbers, not pg's bigint strings
    const list = await t.store.listSeries();
    expect(list.map((s) => [s.id, s.observations, s.first, s.last])).toEqual([
      ['court.cases_received', 1, '2023-11-21', '2023-11-21'],
      ['ngo.requests', 2, '2023-08-31', '2023-11-30'],
    ]);
    expect(typeof (await t.store.countObservations())).toBe('number');
  });

  it('is idempotent by content: loading the same data twice changes nothing', async () => {
    await loadBundled(t.store, MINI);
    const before = await t.store.observations();
    const again = await loadBundled(t.store, MINI);
    expect(again.inserted).toBe(0);
    expect(await t.store.observations()).toEqual(before);
  });

  it('refuses the same id with other content and writes nothing of the batch', async () => {
    const data = await readDataset(MINI);
    await t.store.write(data);
    const changed: Observation = { ...data.observations[0]!, value: 9999 };
    const extra: Observation = { ...data.observations[1]!, id: 't-new' };
    await expect(t.store.write({ observations: [extra, changed] })).rejects.toBeInstanceOf(ConflictError);
    expect((await t.store.observations()).map((o) => o.id)).not.toContain('t-new');
    expect((await t.store.observations()).find((o) => o.id === data.observations[0]!.id)?.value).toBe(4121);
  });

  it('keeps arbitrary numeric values and optional fields exactly (property)', async () => {
    const data = await readDataset(MINI);
    await t.store.write({ sources: data.sources, series: data.series });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.double({ min: -1e12, max: 1e12, noNaN: true, noDefaultInfinity: true }),
        fc.option(fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true }), { nil: undefined }),
        fc.string({ maxLength: 40 }),
        async (value, low, notes) => {
          const o: Observation = {
            ...data.observations[1]!,
            id: `p-${n++}`,
            value: Object.is(value, -0) ? 0 : value,
            low,
            high: low === undefined ? undefined : low + 1,
            notes: notes || undefined,
          };
          await t.store.write({ observations: [o] });
          const back = (await t.store.observations({ seriesId: o.seriesId })).find((x) => x.id === o.id);
          expect(back).toEqual(o);
        },
      ),
      { numRuns: 25 },
    );
  });
});
