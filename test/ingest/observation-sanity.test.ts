// Observation imports refuse what cannot be a figure (a negative count, a date in year 9999) and bytes
// that are not UTF-8, each with file, line and field, writing nothing.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BadInputError } from '../../src/domain/index.ts';
import { loadBundled } from '../../src/ingest/bundled.ts';
import { importObservationFiles } from '../../src/ingest/import-observations.ts';
import {
  EARLIEST_DATE,
  latestDate,
  parseObservationsCsv,
  parseObservationsJsonl,
} from '../../src/ingest/observation-rows.ts';
import { FIXTURES, freshStore, type TestStore } from '../support/stores.ts';

const HEADER = 'id,series_id,source_id,articles,scope,period_start,period_end,value_kind,value,low,high,unit';
const row = (id: string, start: string, end: string, value: string, low = '', high = '') =>
  `${id},court.cases_received,mz-test,337,since_mobilisation,${start},${end},cumulative,${value},${low},${high},cases`;

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

describe('observation sanity', () => {
  let t: TestStore;
  let dir: string;
  beforeEach(async () => {
    t = await freshStore('sqlite');
    await loadBundled(t.store, `${FIXTURES}mini`);
    dir = mkdtempSync(join(tmpdir(), 'df-obs-sanity-'));
  });
  afterEach(async () => {
    await t.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses negative values and bounds, and dates outside 1700..today+1y, by line and field; writes nothing', async () => {
    const f = join(dir, 'bad.csv');
    writeFileSync(
      f,
      [
        HEADER,
        row('ok-1', '2022-09-21', '2024-06-18', '100'),
        row('neg-v', '2022-09-21', '2024-06-18', '-5'),
        row('neg-low', '2022-09-21', '2024-06-18', '5', '-1', '9'),
        row('y9999', '2022-09-21', '9999-12-31', '5'),
        row('y0202', '0202-05-01', '2024-06-18', '5'),
      ].join('\n'),
    );
    const before = await t.store.countObservations();
    const issues = await issuesOf(importObservationFiles(t.store, [f]));
    expect(issues.map((i) => [i.file, i.line, i.field])).toEqual([
      [f, 3, 'value'],
      [f, 4, 'low'],
      [f, 5, 'period_end'],
      [f, 6, 'period_start'],
    ]);
    expect(await t.store.countObservations()).toBe(before);

    const j = join(dir, 'bad.jsonl');
    writeFileSync(
      j,
      `${JSON.stringify({ id: 'j-1', series_id: 'court.cases_received', source_id: 'mz-test', scope: 's', period_end: '9999-01-01', value_kind: 'cumulative', value: 3, unit: 'cases' })}\n`,
    );
    expect((await issuesOf(importObservationFiles(t.store, [j]))).map((i) => [i.line, i.field])).toEqual([
      [1, 'periodEnd'],
    ]);
  });

  it('the date window is inclusive at both ends, a year after the day given as today (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2090, 0, 1) }),
        fc.integer({ min: -3, max: 3 }),
        (ms, shift) => {
          const today = new Date(ms);
          const latest = latestDate(today);
          const end = new Date(Date.parse(`${latest}T00:00:00Z`) + shift * 86_400_000).toISOString().slice(0, 10);
          const csv = [HEADER, row('w', EARLIEST_DATE, end, '1')].join('\n');
          const r = parseObservationsCsv('w.csv', csv, today);
          expect(r.rows.length === 1).toBe(shift <= 0);
          const before = new Date(Date.parse(`${EARLIEST_DATE}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
          expect(
            parseObservationsJsonl(
              'w.jsonl',
              JSON.stringify({
                id: 'w',
                seriesId: 's',
                sourceId: 'x',
                scope: 's',
                periodStart: before,
                periodEnd: EARLIEST_DATE,
                valueKind: 'level',
                value: 1,
                unit: 'u',
              }),
              today,
            ).issues.map((i) => i.field),
          ).toEqual(['periodStart']);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses a file with a byte that is not UTF-8, naming its line and offset (no U+FFFD written)', async () => {
    const text = [
      HEADER,
      row('u-1', '2022-09-21', '2024-06-18', '1'),
      row('u-2', '2022-09-21', '2024-06-18', '2'),
    ].join('\n');
    const at = text.indexOf('u-2');
    const bytes = Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from([0xff]), Buffer.from(text.slice(at))]);
    const f = join(dir, 'bytes.csv');
    writeFileSync(f, bytes);
    const issues = await issuesOf(importObservationFiles(t.store, [f]));
    expect(issues).toHaveLength(1);
    expect(issues[0]!.line).toBe(3);
    expect(issues[0]!.message).toContain(`byte 0xFF at offset ${Buffer.byteLength(text.slice(0, at))}`);
  });
});
