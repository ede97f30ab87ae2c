import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { BadInputError } from '../../src/domain/index.ts';
import { loadBundled } from '../../src/ingest/bundled.ts';
import { importObservationFiles } from '../../src/ingest/import-observations.ts';
import { FIXTURES, freshStore, type TestStore } from '../support/stores.ts';
import { describeOnEngines } from '../support/services.ts';

const HEADER = 'id,series_id,source_id,articles,scope,period_start,period_end,value_kind,value,qualifier,unit,notes';
const GOOD = [
  'c-1,court.cases_received,mz-test,337,since_mobilisation,2022-09-21,2024-06-18,cumulative,10025,=,cases,"cumulative, all parts"',
  'c-2,court.cases_received,mz-test,337;338;332,since_mobilisation,2022-09-21,2025-05-31,cumulative,20538,=,cases,',
];

async function issuesOf(
  p: Promise<unknown>,
): Promise<Array<{ file: string; line: number; field?: string; message: string }>> {
  try {
    await p;
  } catch (e) {
    if (e instanceof BadInputError) return e.issues;
    throw e;
  }
  throw new Error('expected a BadInputError');
}

describeOnEngines('observation import on %s', (engine) => {
  let t: TestStore;
  let dir: string;
  const file = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  beforeEach(async () => {
    t = await freshStore(engine);
    await loadBundled(t.store, `${FIXTURES}mini`);
    dir = mkdtempSync(join(tmpdir(), 'df-import-'));
  });
  afterEach(async () => {
    await t.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports CSV, and importing it again changes nothing', async () => {
    const f = file('ok.csv', [HEADER, ...GOOD].join('\n'));
    const first = await importObservationFiles(t.store, [f]);
    expect(first).toMatchObject({ inserted: 2, unchanged: 0 });
    const snapshot = await t.store.observations();
    const second = await importObservationFiles(t.store, [f]);
    expect(second).toMatchObject({ inserted: 0, unchanged: 2 });
    expect(await t.store.observations()).toEqual(snapshot);
    expect((await t.store.imports()).length).toBe(1);
    const c2 = snapshot.find((o) => o.id === 'c-2');
    expect(c2?.articles).toEqual(['337', '338', '332']);
    expect(snapshot.find((o) => o.id === 'c-1')?.notes).toBe('cumulative, all parts');
  });

  it('reports every bad row with file, line and field, and writes nothing', async () => {
    const rows = [
      HEADER,
      GOOD[0],
      'c-3,court.nope,mz-test,337,x,2022-09-21,2023-01-01,cumulative,5,=,cases,', // unknown series (line 3)
      'c-4,court.cases_received,mz-test,337,x,2022-09-21,2023-02-30,cumulative,5,=,cases,', // bad date (line 4)
      'c-5,court.cases_received,mz-test,337,x,2022-09-21,2023-01-01,cumulative,lots,=,cases,', // not a number (5)
      'c-6,court.cases_received,mz-test,337,x,2023-09-21,2023-01-01,cumulative,5,=,cases,', // ends before start (6)
      'c-1,court.cases_received,mz-test,337,since_mobilisation,2022-09-21,2024-06-18,cumulative,99,=,cases,', // dup id (7)
      'c-8,court.cases_received,nobody,337,x,2022-09-21,2023-01-01,cumulative,5,=,cases,', // unknown source (8)
    ];
    const f = file('bad.csv', rows.join('\n'));
    const issues = await issuesOf(importObservationFiles(t.store, [f]));
    const got = issues.map((i) => [i.line, i.field]);
    expect(got).toEqual(
      expect.arrayContaining([
        [3, 'series_id'],
        [4, 'period_end'],
        [5, 'value'],
        [6, 'period_end'],
        [7, 'id'],
        [8, 'source_id'],
      ]),
    );
    expect(issues.every((i) => i.file === f)).toBe(true);
    expect(await t.store.countObservations()).toBe(3); // only the fixture's rows
  });

  it('names a missing column against line 1', async () => {
    const f = file(
      'nocol.csv',
      [
        'id,series_id,scope,period_end,value_kind,value,unit',
        'x,court.cases_received,s,2023-01-01,cumulative,1,cases',
      ].join('\n'),
    );
    const issues = await issuesOf(importObservationFiles(t.store, [f]));
    expect(issues).toEqual([{ file: f, line: 1, field: 'source_id', message: 'missing column "source_id"' }]);
  });

  it('reads JSON Lines, rejects invalid JSON by line, and refuses a changed duplicate of a stored id', async () => {
    const ok = file(
      'ok.jsonl',
      `{"id":"j-1","series_id":"ngo.requests","source_id":"il-test","scope":"all","period_end":"2023-10-31","period_start":"2023-10-01","value_kind":"interval_count","value":218,"unit":"requests"}\n`,
    );
    expect(await importObservationFiles(t.store, [ok])).toMatchObject({ inserted: 1 });
    const bad = file(
      'bad.jsonl',
      '{"id":"j-2",\n{"id":"t-2","seriesId":"ngo.requests","sourceId":"il-test","scope":"all","periodEnd":"2023-08-31","valueKind":"interval_count","value":1,"unit":"requests"}\n',
    );
    const issues = await issuesOf(importObservationFiles(t.store, [bad]));
    expect(issues.map((i) => [i.line, i.field ?? null])).toEqual([
      [1, null],
      [2, 'id'],
    ]);
    expect(issues[1]!.message).toMatch(/already stored with different content/);
  });

  it('is all or nothing across several files', async () => {
    const a = file('a.csv', [HEADER, GOOD[0]].join('\n'));
    const b = file(
      'b.csv',
      [
        HEADER,
        'z,court.cases_received,mz-test,337,x,,2023-01-01,cumulative,5,=,cases,',
        'z2,court.cases_received,mz-test,337,x,,2023-13-01,cumulative,5,=,cases,',
      ].join('\n'),
    );
    const issues = await issuesOf(importObservationFiles(t.store, [a, b]));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: b, line: 3, field: 'period_end' });
    expect((await t.store.observations()).map((o) => o.id)).not.toContain('c-1');
  });
});
