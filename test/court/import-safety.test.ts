// Importers that never corrupt silently (issue #19): encoding decided per file from all of its bytes,
// every parser fault a bad record with its line (skippable), no name in an error or a rejects file
// (created 0600), a failed import leaving nothing (series definitions included), and readers never
// locked out by an import.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { BadInputError } from '../../src/domain/errors.ts';
import { type CourtImportOptions, importCourtFiles } from '../../src/ingest/court/import-court.ts';
import { decideEncoding, Utf8Census, Utf8Quick } from '../../src/ingest/court/line-source.ts';
import { type CsvMapping, readMappedCsv } from '../../src/ingest/court/readers.ts';
import { Store } from '../../src/store/index.ts';
import { describeOnEngines } from '../support/services.ts';
import { runCli } from '../support/run-cli.ts';
import { freshStore, type TestStore } from '../support/stores.ts';
import { corpusLines, encodeCp1251 } from './corpus.ts';
import { rawHandles } from '../../src/store/testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'df-import-safety-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.unstubAllEnvs());
const SECRET = Buffer.from('import safety secret, 16+ bytes');
const LINES = corpusLines().slice(0, 80);
let seq = 0;
const path = (name: string) => join(dir, `${seq++}-${name}`);
function write(name: string, content: string | Uint8Array): string {
  const f = path(name);
  writeFileSync(f, content);
  return f;
}

async function failure(p: Promise<unknown>): Promise<BadInputError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(BadInputError);
  return e as BadInputError;
}

/** Name-like words of a record's names field, judge and text: capitalised words of 4+ letters. */
function nameWords(o: Record<string, unknown>): string[] {
  return [String(o.names ?? ''), String(o.judge ?? '')].flatMap((s) => s.match(/[А-ЯЁ][а-яё]{3,}/gu) ?? []);
}

async function nothingWritten(store: Store): Promise<void> {
  expect(await store.court.counts()).toMatchObject({ cases: 0, defendants: 0, charges: 0 });
  expect((await rawHandles(store).db.selectFrom('series').select('id').execute()).length).toBe(0);
  expect((await rawHandles(store).db.selectFrom('court_scrapes').select('file_hash').execute()).length).toBe(0);
  expect(await store.countObservations()).toBe(0);
}

describe('the UTF-8 census', () => {
  // Bytes mostly from real text (valid multibyte sequences), with random bytes spliced in, fed in random chunks.
  const bytesArb = fc
    .tuple(
      fc.string({ unit: 'grapheme', maxLength: 60 }),
      fc.array(fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 3 })), { maxLength: 3 }),
      fc.array(fc.nat(), { maxLength: 4 }),
    )
    .map(([text, splices, cuts]) => {
      let b = Buffer.from(text.replace(/\r/g, ''), 'utf8');
      for (const [at, ins] of splices)
        b = Buffer.concat([b.subarray(0, at % (b.length + 1)), ins, b.subarray(at % (b.length + 1))]);
      return { bytes: new Uint8Array(b), cuts: cuts.map((c) => c % (b.length + 1)).sort((x, y) => x - y) };
    });

  it('census and quick check agree with the strict TextDecoder, however the bytes are chunked; counts valid sequences; the first bad byte ends a valid prefix (property)', () => {
    fc.assert(
      fc.property(bytesArb, ({ bytes, cuts }) => {
        const c = new Utf8Census();
        const quick = new Utf8Quick();
        let from = 0;
        for (const cut of [...cuts, bytes.length]) {
          c.feed(bytes.subarray(from, cut));
          quick.feed(bytes.subarray(from, cut));
          from = cut;
        }
        c.end();
        quick.end();
        let text: string | null = null;
        try {
          text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          text = null;
        }
        expect(c.invalid === 0).toBe(text !== null);
        expect(quick.ok).toBe(text !== null);
        if (text !== null) expect(c.valid).toBe([...text].filter((ch) => ch.codePointAt(0)! >= 0x80).length);
        else {
          const first = c.first!;
          const prefix = bytes.subarray(0, first.offset);
          expect(() => new TextDecoder('utf-8', { fatal: true }).decode(prefix)).not.toThrow();
          expect(first.line).toBe(1 + prefix.filter((b) => b === 0x0a).length);
          expect(first.byte).toBe(bytes[first.offset]);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('the encoding rule', () => {
  const census = (bytes: Uint8Array) => {
    const c = new Utf8Census();
    c.feed(bytes);
    c.end();
    return c;
  };
  const decide = (bytes: Uint8Array, requested: 'auto' | 'utf-8' | 'windows-1251' = 'auto') => {
    try {
      return decideEncoding('f', requested, census(bytes));
    } catch (e) {
      return (e as BadInputError).issues[0]!.message;
    }
  };

  it('decides known cases: UTF-8, Windows-1251, and the errors in between', () => {
    const ru = 'Гарнизонный военный суд рассмотрел уголовное дело';
    expect(decide(Buffer.from('plain ascii\n'))).toBe('utf-8');
    expect(decide(Buffer.from(ru))).toBe('utf-8');
    expect(decide(encodeCp1251(ru))).toBe('windows-1251');
    expect(decide(encodeCp1251(ru), 'utf-8')).toMatch(/^not valid UTF-8: byte 0xC3 at offset 0/);
    expect(decide(Buffer.from(ru), 'windows-1251')).toBe('windows-1251');
    // One stray byte: in a UTF-8 text, or in ASCII (too little to call it Windows-1251).
    expect(decide(Buffer.concat([Buffer.from(ru), Buffer.from([0xff])]))).toMatch(
      /^mostly UTF-8 \(\d+ valid multibyte sequence\(s\)\) but with 1 invalid byte/,
    );
    expect(decide(Buffer.from([0x61, 0x0a, 0x62, 0xff]))).toMatch(/too few to tell .* byte 0xFF at offset 3/);
  });

  it('a mapped CSV with a stray byte fails with its line, named utf-8 or detected (no stalled stream)', async () => {
    const mapping: CsvMapping = { columns: { name: 'court', caseNumber: 'number' }, delimiter: ';' };
    const text =
      'court;number\n"Московский гарнизонный военный суд";1-1/2024\n"Московский гарнизонный военный суд";1-2/2024\n';
    const at = Buffer.byteLength(text.slice(0, text.lastIndexOf('1-2')));
    const f = write(
      'byte.csv',
      Buffer.concat([
        Buffer.from(text.slice(0, text.lastIndexOf('1-2'))),
        Buffer.from([0xc0]),
        Buffer.from(text.slice(text.lastIndexOf('1-2'))),
      ]),
    );
    for (const encoding of ['utf-8', 'auto'] as const) {
      const e = await failure(
        readMappedCsv(f, { ...mapping, encoding: encoding === 'auto' ? undefined : encoding }, 'auto', () => undefined),
      );
      expect(e.issues[0]).toMatchObject({ file: f, line: 3 });
      expect(e.issues[0]!.message).toContain(`byte 0xC0 at offset ${at}`);
    }
  });

  it('Russian text without ё: Windows-1251 bytes are detected as such and UTF-8 bytes as UTF-8 (property)', () => {
    const letters = 'абвгдежзийклмнопрстуфхцчшщъыьэюяАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ';
    const textArb = fc
      .array(fc.oneof(fc.constantFrom(...letters), fc.constantFrom(' ', '.', ',', '\n', '1', '-')), {
        minLength: 16,
        maxLength: 300,
      })
      .map((xs) => xs.join(''))
      .filter((t) => [...t].filter((ch) => letters.includes(ch)).length >= 16);
    fc.assert(
      fc.property(textArb, (text) => {
        const cp = encodeCp1251(text);
        expect(decide(cp)).toBe('windows-1251');
        expect(new TextDecoder('windows-1251').decode(cp)).toBe(text);
        expect(decide(Buffer.from(text))).toBe('utf-8');
      }),
      { numRuns: 300 },
    );
  });
});

describeOnEngines('court import safety (%s)', (engine) => {
  let t: TestStore;
  afterEach(async () => {
    await t?.cleanup();
  });
  const open = async () => (t = await freshStore(engine));
  const run = (files: string[], opts: Partial<CourtImportOptions> = {}) =>
    importCourtFiles(t.store, files, { format: 'sudrfscraper', secret: SECRET, scrapedAt: '2025-06-01', ...opts });

  it('a stray byte in a UTF-8 dump is an error naming its offset and line, whatever --on-error says; nothing is written', async () => {
    await open();
    const text = `${LINES.join('\n')}\n`;
    const line = 37;
    const at = Buffer.byteLength(`${LINES.slice(0, line - 1).join('\n')}\n`) + 10;
    const bytes = Buffer.from(text);
    const f = write('stray.jsonl', Buffer.concat([bytes.subarray(0, at), Buffer.from([0xff]), bytes.subarray(at)]));
    for (const opts of [{}, { onError: 'skip' as const }, { encoding: 'utf-8' as const }]) {
      const e = await failure(run([f], opts));
      expect(e.issues).toHaveLength(1);
      expect(e.issues[0]).toMatchObject({ file: f, line });
      expect(e.issues[0]!.message).toContain(`byte 0xFF at offset ${at}`);
    }
    await nothingWritten(t.store);
    // Asked for by name, the file is read as Windows-1251: the user's call, not a silent switch.
    const r = await run([f], { encoding: 'windows-1251' });
    expect(r.inserted).toBe(LINES.length);
  });

  it('a Windows-1251 dump is detected as such and stores what its UTF-8 twin stores; named utf-8, it is refused', async () => {
    await open();
    const cp = write('cp.jsonl', encodeCp1251(`${LINES.join('\n')}\n`));
    await failure(run([cp], { encoding: 'utf-8' }));
    const a = await run([cp]);
    expect(a.inserted).toBe(LINES.length);
    const courts = (
      await rawHandles(t.store).db.selectFrom('court_cases').select(['court', 'case_key', 'content_hash']).execute()
    )
      .map((r) => JSON.stringify(r))
      .sort();
    const u = await freshStore(engine);
    try {
      await importCourtFiles(u.store, [write('utf.jsonl', `${LINES.join('\n')}\n`)], {
        format: 'sudrfscraper',
        secret: SECRET,
        scrapedAt: '2025-06-01',
      });
      expect(
        (await rawHandles(u.store).db.selectFrom('court_cases').select(['court', 'case_key', 'content_hash']).execute())
          .map((r) => JSON.stringify(r))
          .sort(),
      ).toEqual(courts);
    } finally {
      await u.cleanup();
    }
  });

  it('nesting 10,000 deep, objects in fields and broken JSON are bad records with line and field; skip imports the rest', async () => {
    await open();
    const deep = (d: number) => `${'['.repeat(d)}"x"${']'.repeat(d)}`;
    const bad = [...LINES.slice(0, 30)];
    bad[4] = LINES[4]!.replace(/"names":"/, `"names":${deep(10_000)},"x":"`);
    bad[9] = deep(10_000);
    bad[14] = LINES[14]!.replace(/"text":/, '"text":{"a":1},"t0":');
    bad[19] = LINES[19]!.slice(0, 60);
    const f = write('deep.jsonl', `${bad.join('\n')}\n`);
    const e = await failure(run([f]));
    expect(e.issues.map((i) => [i.line, i.field ?? null])).toEqual([
      [5, 'names'],
      [10, null],
      [15, 'text'],
      [20, null],
    ]);
    await nothingWritten(t.store);
    const rejects = path('deep.rejects.jsonl');
    const r = await run([f], { onError: 'skip', rejectsFile: () => rejects });
    expect(r.rejected).toBe(4);
    expect(r.inserted).toBe(26);
    expect(
      readFileSync(rejects, 'utf8')
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { line: number }).line),
    ).toEqual([5, 10, 15, 20]);
    if (engine === 'sqlite') {
      // The same on a classification worker thread (big dumps): the worker gets bad records, never an exception.
      const w = await freshStore(engine);
      try {
        const rw = await importCourtFiles(w.store, [f], {
          format: 'sudrfscraper',
          secret: SECRET,
          scrapedAt: '2025-06-01',
          onError: 'skip',
          rejectsFile: () => `${rejects}.w`,
          workers: 1,
        });
        expect([rw.rejected, rw.inserted]).toEqual([4, 26]);
        expect(readFileSync(`${rejects}.w`, 'utf8')).toBe(readFileSync(rejects, 'utf8'));
      } finally {
        await w.cleanup();
      }
    }
  });

  it('a stray CSV quote is a bad record with its line: fail reports it, skip imports the other rows', async () => {
    await open();
    const mapping: CsvMapping = {
      columns: { name: 'court', caseNumber: 'number', entryDate: 'entry', names: 'names', decision: 'decision' },
      delimiter: ';',
    };
    const objs = LINES.slice(0, 12).map((l) => JSON.parse(l) as Record<string, unknown>);
    const q = (v: unknown) => `"${String(v ?? '').replace(/"/g, '""')}"`;
    const rows = objs.map((o) => [o.name, o.caseNumber, o.entryDate, o.names, o.decision].map(q).join(';'));
    // Row 6 (line 7): a quote closed in the middle of the names field, the name running on after it.
    const surname = nameWords(objs[5]!)[0];
    rows[5] = [
      q(objs[5]!.name),
      q(objs[5]!.caseNumber),
      q(objs[5]!.entryDate),
      `"${surname}"${surname}ов`,
      q(objs[5]!.decision),
    ].join(';');
    const f = write('stray.csv', `court;number;entry;names;decision\n${rows.join('\n')}\n`);
    const e = await failure(run([f], { format: 'csv', mapping }));
    expect(e.issues[0]).toMatchObject({ file: f, line: 7 });
    expect(e.message).toContain('stray quote');
    expect(e.message).not.toContain(surname);
    await nothingWritten(t.store);
    const rejects = path('stray.csv.rejects.jsonl');
    const r = await run([f], { format: 'csv', mapping, onError: 'skip', rejectsFile: () => rejects });
    // csv-parse resumes at the next line: one bad record, the eleven others imported.
    expect([r.rejected, r.inserted]).toEqual([1, 11]);
    const rej = readFileSync(rejects, 'utf8');
    expect(rej).not.toContain(surname);
    expect(
      rej
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { line: number }).line),
    ).toEqual([7]);
  });

  it('no name in an error message or a rejects file; the rejects file is 0600 even where one was 0644', async () => {
    await open();
    const objs = LINES.slice(0, 40).map((l) => JSON.parse(l) as Record<string, unknown>);
    const words = new Set<string>();
    const bad = objs.map((o, i) => {
      if (i % 5 !== 2) return JSON.stringify(o);
      for (const w of nameWords(o)) words.add(w);
      const [w0 = 'Иванов', w1 = 'Пётр'] = nameWords(o);
      // A name where a date belongs, a name in an unknown field, in a broken line, and in a field of the wrong shape.
      if (i % 4 === 0) return JSON.stringify({ ...o, entryDate: `${w0} ${w1}` });
      if (i % 4 === 1) return JSON.stringify({ ...o, resultDate: '31.02.2024', extra: `${w0}` });
      if (i % 4 === 2) return `${JSON.stringify(o).slice(0, -1)} ${w0}}`;
      return JSON.stringify({ ...o, names: { who: `${w0} ${w1}` } });
    });
    expect(words.size).toBeGreaterThan(5);
    const f = write('names.jsonl', `${bad.join('\n')}\n`);
    const e = await failure(run([f]));
    expect(e.issues).toHaveLength(8);
    for (const w of words) expect(e.message).not.toContain(w);
    const rejects = path('names.rejects.jsonl');
    writeFileSync(rejects, 'old content\n');
    chmodSync(rejects, 0o644);
    const r = await run([f], { onError: 'skip', rejectsFile: () => rejects });
    expect(r.rejected).toBe(8);
    expect(statSync(rejects).mode & 0o777).toBe(0o600);
    const text = readFileSync(rejects, 'utf8');
    expect(text).not.toContain('old content');
    for (const w of words) expect(text).not.toContain(w);
    // Still located: line, issue, court and case number.
    const first = JSON.parse(text.split('\n')[0]!) as { line: number; raw: string };
    expect(first.line).toBe(3);
    expect(first.raw).toContain(String(objs[2]!.caseNumber));
  });

  it('a failed import leaves nothing: cases, scrapes, observations, series definitions, rejects file', async () => {
    await open();
    const f = write('ok.jsonl', `${LINES.join('\n')}\n{broken\n`);
    await failure(run([f]));
    await nothingWritten(t.store);
    // Failing after records were merged and rejects written (the callback throws inside the transaction).
    const rejects = path('late.rejects.jsonl');
    const err = await run([f], {
      onError: 'skip',
      rejectsFile: () => rejects,
      onProgress: () => {
        throw new Error('disk full');
      },
    }).catch((x: unknown) => x);
    expect((err as Error).message).toBe('disk full');
    await nothingWritten(t.store);
    expect(existsSync(rejects)).toBe(false);
    // And the same file then imports whole.
    expect((await run([f], { onError: 'skip', rejectsFile: () => rejects })).inserted).toBe(LINES.length);
  });
});

describe('darkfigure import court, bad bytes', () => {
  it('exits 2 naming the file, line and offset of a stray byte; --encoding windows-1251 reads it as asked', async () => {
    vi.stubEnv('DARKFIGURE_DB', path('cli.db'));
    const secret = write('secret', 'a secret of at least sixteen bytes');
    chmodSync(secret, 0o600);
    const bytes = Buffer.from(`${LINES.slice(0, 10).join('\n')}\n`);
    const at = Buffer.byteLength(`${LINES.slice(0, 4).join('\n')}\n`) + 3;
    const f = write('cli-stray.jsonl', Buffer.concat([bytes.subarray(0, at), Buffer.from([0xfe]), bytes.subarray(at)]));
    const r = await runCli(['import', 'court', f, '--secret-file', secret, '--on-error', 'skip']);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${f}, line 5: mostly UTF-8`);
    expect(r.err).toContain(`byte 0xFE at offset ${at}`);
    expect(existsSync(`${f}.rejects.jsonl`)).toBe(false);
    const ok = await runCli(['import', 'court', f, '--secret-file', secret, '--encoding', 'windows-1251', '--json']);
    expect(ok.code).toBe(0);
    expect((JSON.parse(ok.out) as { inserted: number }).inserted).toBe(10);
  });
});

describe('readers during an import (SQLite)', () => {
  it('a reader reads while a bulk import holds its write transaction; the store stays in WAL mode', async () => {
    const t = await freshStore('sqlite');
    try {
      expect(String(rawHandles(t.store).sqlite!.pragma('journal_mode', { simple: true }))).toBe('wal');
      const seen: Array<{ mode: string; series: number }> = [];
      const f = write('bulk.jsonl', `${LINES.join('\n')}\n`);
      await importCourtFiles(t.store, [f], {
        format: 'sudrfscraper',
        scrapedAt: '2025-06-01',
        bulk: true,
        onProgress: () => {
          // Another connection, no busy wait at all: in WAL mode it reads the last committed state.
          const reader = new Database(t.url, { readonly: true, timeout: 0 });
          try {
            seen.push({
              mode: String(reader.pragma('journal_mode', { simple: true })),
              series: Number((reader.prepare('select count(*) as n from series').get() as { n: number }).n),
            });
          } finally {
            reader.close();
          }
        },
      });
      expect(seen.length).toBeGreaterThan(0);
      // The import's own series definitions are not visible before its commit.
      expect(seen.every((s) => s.mode === 'wal' && s.series === 0)).toBe(true);
      expect(String(rawHandles(t.store).sqlite!.pragma('journal_mode', { simple: true }))).toBe('wal');
    } finally {
      await t.cleanup();
    }
  });

  it('commands read during a write transaction; a second writer gets "store is busy (import running); try again"', async () => {
    const db = path('busy.db');
    vi.stubEnv('DARKFIGURE_DB', db);
    vi.stubEnv('DARKFIGURE_BUSY_TIMEOUT_MS', '100');
    expect((await runCli(['series'])).code).toBe(0);
    const obs = write(
      'obs.csv',
      'id,series_id,source_id,scope,period_end,value_kind,value,unit\n' +
        'busy-1,court.cases_received,mediazona-mt-2023-12-29,calendar_year,2021-12-31,interval_count,1,cases\n',
    );
    const writer = new Database(db);
    writer.exec('begin immediate; create table held (x integer); insert into held values (1);');
    try {
      const read = await runCli(['series']);
      expect(read.code).toBe(0);
      expect(read.out).toContain('court.cases_received');
      const w = await runCli(['import', 'observations', obs]);
      expect(w.code).toBe(1);
      expect(w.err).toContain('store is busy (import running); try again');
      expect(w.err).not.toContain('database is locked');
    } finally {
      writer.exec('rollback');
      writer.close();
    }
    const after = await runCli(['import', 'observations', obs]);
    expect(after.code).toBe(0);
  });
});
