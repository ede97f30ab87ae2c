import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type CsvMapping, type ReadItem, readMappedCsv, readSudrfScraper } from '../../src/ingest/court/readers.ts';
import { CORPUS, corpusLines, encodeCp1251 } from './corpus.ts';

const dir = mkdtempSync(join(tmpdir(), 'df-court-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function readAll(fn: (on: (items: ReadItem[]) => void) => Promise<void>): Promise<ReadItem[]> {
  const out: ReadItem[] = [];
  await fn((items) => void out.push(...items));
  return out;
}

const strip = (items: ReadItem[]) => items.map((i) => ({ ...i.record, line: 0 }));

describe('SUDRFScraper JSON Lines reader', () => {
  it('reads the corpus: every record, no issues', async () => {
    const items = await readAll((on) => readSudrfScraper(CORPUS, 'auto', on));
    expect(items.length).toBe(corpusLines().length);
    expect(items.every((i) => i.record && i.issues.length === 0)).toBe(true);
    expect(items[0]!.record).toMatchObject({ line: 1, entryDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
  });

  it('reads Windows-1251 the same as UTF-8 (detected, or named)', async () => {
    const cp = join(dir, 'cp1251.jsonl');
    writeFileSync(cp, encodeCp1251(readFileSync(CORPUS, 'utf8')));
    const utf = await readAll((on) => readSudrfScraper(CORPUS, 'utf-8', on));
    const auto = await readAll((on) => readSudrfScraper(cp, 'auto', on));
    const named = await readAll((on) => readSudrfScraper(cp, 'windows-1251', on));
    expect(auto.map((i) => i.record)).toEqual(utf.map((i) => i.record));
    expect(named.map((i) => i.record)).toEqual(utf.map((i) => i.record));
  });

  it('reports bad JSON, unparsable dates, and missing court or case number, each with its line', async () => {
    const lines = corpusLines().slice(0, 3);
    const good = JSON.parse(lines[0]!);
    const bad = [
      lines[0],
      '{"id": 2, "name": "235 гарнизонный военный суд", "caseNumber": ',
      JSON.stringify({ ...good, caseNumber: '1-9/2024', entryDate: '31.02.2024' }),
      JSON.stringify({ ...good, name: '' }),
      '',
      JSON.stringify({ ...good, caseNumber: undefined, resultDate: '2024/05/01' }),
      '[1,2]',
    ].join('\r\n');
    const f = join(dir, 'bad.jsonl');
    writeFileSync(f, bad);
    const items = await readAll((on) => readSudrfScraper(f, 'auto', on));
    const issues = items.flatMap((i) => i.issues);
    expect(items.filter((i) => i.record).map((i) => i.line)).toEqual([1]);
    expect(issues.map((i) => [i.line, i.field ?? null])).toEqual([
      [2, null],
      [3, 'entryDate'],
      [4, 'name'],
      [6, 'caseNumber'],
      [6, 'resultDate'],
      [7, null],
    ]);
    expect(issues[0]!.message).toMatch(/not valid JSON/);
    expect(items.find((i) => i.line === 3)!.raw).toContain('31.02.2024');
  });
});

describe('generic CSV reader with a column mapping', () => {
  const mapping: CsvMapping = {
    columns: {
      name: 'Суд',
      caseNumber: 'Номер дела',
      region: 'Регион',
      entryDate: 'Дата поступления',
      names: 'Лица',
      judge: 'Судья',
      resultDate: 'Дата решения',
      decision: 'Результат',
      endDate: 'Вступило в силу',
      text: 'Текст',
      caseUid: 'УИД',
    },
    delimiter: ';',
  };
  const toCsv = () => {
    const cols = Object.values(mapping.columns);
    const keys = Object.keys(mapping.columns);
    const q = (v: unknown) => `"${String(v ?? '').replace(/"/g, '""')}"`;
    const rows = corpusLines()
      .slice(0, 60)
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .map((o) => keys.map((k) => q(o[k])).join(';'));
    return [cols.map(q).join(';'), ...rows].join('\n') + '\n';
  };

  it('reads the same records as the JSON dump, in UTF-8 and Windows-1251', async () => {
    const utf = join(dir, 'cases.csv');
    const cp = join(dir, 'cases-1251.csv');
    writeFileSync(utf, toCsv());
    writeFileSync(cp, encodeCp1251(toCsv()));
    const fromJson = (await readAll((on) => readSudrfScraper(CORPUS, 'auto', on))).slice(0, 60);
    const a = await readAll((on) => readMappedCsv(utf, mapping, 'auto', on));
    const b = await readAll((on) => readMappedCsv(cp, mapping, 'auto', on));
    expect(a.every((i) => i.issues.length === 0)).toBe(true);
    expect(strip(a)).toEqual(strip(fromJson));
    expect(strip(b)).toEqual(strip(fromJson));
    // Records span several physical lines (texts hold newlines): the line is where the record ends.
    expect(a[0]!.line).toBeGreaterThanOrEqual(2);
  });

  it('names a mapped column the header lacks', async () => {
    const f = join(dir, 'nohead.csv');
    writeFileSync(f, 'Суд;Номер\nX;1\n');
    await expect(readAll((on) => readMappedCsv(f, mapping, 'auto', on))).rejects.toThrow(
      /column "Номер дела" \(mapped to caseNumber\) is not in the header/,
    );
  });
});
