import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../src/domain/errors.ts';
import { parseMseCsv, parseMseInput, parseMseJson } from '../../src/mse/read-input.ts';
import { observedTotal, patternIndex, tableFromPatternCounts } from '../../src/mse/table.ts';

function issues(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    if (e instanceof BadInputError) return e.issues.map((i) => `${i.field ?? ''}|${i.line}|${i.message}`);
    throw e;
  }
  throw new Error('expected a BadInputError');
}

describe('pattern-count input', () => {
  it('puts pattern position i on bit i', () => {
    const t = tableFromPatternCounts(['a', 'b', 'c'], { '100': 1, '011': 2 });
    expect(t.counts[patternIndex('100')]).toBe(1);
    expect(t.counts[1]).toBe(1);
    expect(t.counts[6]).toBe(2);
    expect(observedTotal(t)).toBe(3);
  });
  it.each([
    [{ '10': 1, '011': 2 }, /expected 2/],
    [{ '1x': 1 }, /only contain 0 and 1/],
    [{ '10': -1 }, /negative/],
    [{ '10': 1.5 }, /whole number/],
    [{ '00': 4, '10': 1 }, /all-zero pattern/],
    [{ '1': 3 }, /at least 2 lists/],
    [{ '10': '3' }, /must be a number/],
  ])('rejects %o', (counts, message) => {
    expect(issues(() => tableFromPatternCounts(undefined, counts as Record<string, unknown>)).join('\n')).toMatch(
      message,
    );
  });
  it('reports every problem at once, with the file and field', () => {
    const list = issues(() => parseMseJson('{"lists":["a","b"],"counts":{"1":3,"12":1,"10":-2}}', 'x.json'));
    expect(list.length).toBe(3);
    expect(list[0]).toMatch(/^counts\.1\|/);
  });
  it('accepts the capture histories of record linkage (all-zero pattern with count 0 allowed)', () => {
    const r = parseMseInput(
      '{"lists":["court","ngo","surrender"],"captureHistories":{"100":5,"010":3,"110":2,"000":0},"pairs":[]}',
      'link.json',
    );
    expect(r.table.lists).toEqual(['court', 'ngo', 'surrender']);
    expect(observedTotal(r.table)).toBe(10);
  });
  it('rejects JSON that is neither shape', () => {
    expect(issues(() => parseMseJson('[1,2]', 'a.json'))[0]).toMatch(/JSON object/);
    expect(issues(() => parseMseJson('{"lists":["a"]}', 'a.json'))[0]).toMatch(/captureHistories/);
    expect(issues(() => parseMseJson('{oops', 'a.json'))[0]).toMatch(/not valid JSON/);
  });
});

describe('CSV of records', () => {
  const csv = 'court,ngo,surrender,region\n1,0,0,north\n1,1,0,north\n0,1,1,south\n0,0,1,south\n1,0,1,south\n';
  it('counts records by pattern, in total and per stratum', () => {
    const r = parseMseCsv(csv, 'r.csv', ['region']);
    expect(r.table.lists).toEqual(['court', 'ngo', 'surrender']);
    expect(observedTotal(r.table)).toBe(5);
    expect(r.strata.map((s) => [s.key.region, observedTotal(s.table)])).toEqual([
      ['north', 2],
      ['south', 3],
    ]);
  });
  it('uses a count column as weights', () => {
    const r = parseMseCsv('a,b,count\n1,0,5\n0,1,7\n1,1,2\n', 'w.csv');
    expect(observedTotal(r.table)).toBe(14);
  });
  it('names the line and column of a bad value, and refuses records on no list', () => {
    const list = issues(() => parseMseCsv('a,b\n1,0\n0,2\n0,0\n', 'bad.csv'));
    expect(list).toEqual([
      'b|3|list membership must be 0 or 1, got "2"',
      '|4|this record is on no list; the unobserved cannot be counted',
    ]);
  });
  it('needs its stratum columns and at least two lists', () => {
    expect(issues(() => parseMseCsv('a,b\n1,0\n', 'x.csv', ['region']))[0]).toMatch(/stratum column "region"/);
    expect(issues(() => parseMseCsv('a,region\n1,x\n', 'x.csv', ['region']))[0]).toMatch(/at least 2 list columns/);
  });
});
