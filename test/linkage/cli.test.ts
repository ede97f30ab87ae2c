import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeRecords, toBase64 } from '../../src/linkage/encode.ts';
import { parseSchema } from '../../src/linkage/schema.ts';
import { runCli } from '../support/run-cli.ts';
import { linkageData } from './paths.ts';
import { simulateWorld, WORLD_SCHEMA } from './world.ts';

const run = runCli;

afterEach(() => vi.restoreAllMocks());

const dir = mkdtempSync(join(tmpdir(), 'darkfigure-linkage-'));
const golden = JSON.parse(readFileSync(linkageData('clkhash/golden-encoding.json'), 'utf8'));
const csvLine = (r: string[]) => r.map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',');

describe('darkfigure encode', () => {
  const schema = join(dir, 'golden-schema.json');
  const secret = join(dir, 'secret.txt');
  writeFileSync(schema, JSON.stringify(golden.schema, null, 2));
  // Commands refuse secrets under 16 bytes (issue #19): clkhash's golden vector (secret "chicken") is
  // checked byte for byte in encode.test.ts; here the command must write what the library writes.
  const LONG_SECRET = 'chicken, but at least sixteen bytes';
  writeFileSync(secret, `${LONG_SECRET}\n`, { mode: 0o600 });

  it("writes the library's CLKs, one JSON string per line, in input order; refuses clkhash's 7-byte golden secret", async () => {
    const input = join(dir, 'golden.csv');
    writeFileSync(input, [golden.header, ...golden.records.slice(0, 2)].map(csvLine).join('\n'));
    const { code, out } = await run(['encode', '--schema', schema, '--secret-file', secret, input]);
    expect(code).toBe(0);
    const want = encodeRecords(parseSchema(golden.schema), LONG_SECRET, golden.records.slice(0, 2)).clks.map(toBase64);
    expect(
      out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual(want);
    const short = join(dir, 'short-secret.txt');
    writeFileSync(short, `${golden.secret}\n`, { mode: 0o600 });
    const r = await run(['encode', '--schema', schema, '--secret-file', short, input]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('at least 16');
  });

  it('refuses a bad header, a bad value and an unreadable schema with line and column, writing nothing', async () => {
    const badHeader = join(dir, 'bad-header.csv');
    writeFileSync(badHeader, `name,id,birth,gender,children\nKÉVIN,kev007,1963-12-13,M,1\n`);
    let r = await run(['encode', '--schema', schema, '--secret-file', secret, badHeader]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('line 1, column 3');

    const badValue = join(dir, 'bad-value.csv');
    writeFileSync(badValue, `name,id,dob,gender,children\nKÉVIN,kev007,1963-12-13,M,1\nANN,ab1,1990-01-01,F,2\n`);
    r = await run(['encode', '--schema', schema, '--secret-file', secret, badValue]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/line 3, column 2, field "id"/);

    const brokenSchema = join(dir, 'broken.json');
    writeFileSync(brokenSchema, '{\n  "version": 3,\n  "clkConfig": {\n');
    r = await run(['encode', '--schema', brokenSchema, '--secret-file', secret, badValue]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/broken\.json, line \d+, column \d+: not valid JSON/);
  });

  it('takes the secret only from a file', async () => {
    const r = await run(['encode', '--schema', schema, '--secret', 'chicken', join(dir, 'golden.csv')]);
    expect(r.code).toBe(2);
  });
});

describe('darkfigure link and dedupe', () => {
  const world = simulateWorld(7, 400, [0.5, 0.45, 0.4], ['cyrillic', 'mixed', 'ukrainian']);
  const schema = join(dir, 'world-schema.json');
  const secret = join(dir, 'world-secret.txt');
  writeFileSync(schema, JSON.stringify(WORLD_SCHEMA));
  writeFileSync(secret, 'a secret only the list holders know');
  const files: string[] = [];

  it('encodes each list, links them, and prints capture histories the mse command reads', async () => {
    for (const [i, l] of world.lists.entries()) {
      const csv = join(dir, `list${i}.csv`);
      writeFileSync(csv, [['name', 'dob'], ...l.rows].map(csvLine).join('\n'));
      const { code, out } = await run(['encode', '--schema', schema, '--secret-file', secret, csv]);
      expect(code).toBe(0);
      const jsonl = join(dir, `list${i}.jsonl`);
      writeFileSync(jsonl, out);
      files.push(jsonl);
    }
    const { code, out } = await run(['link', ...files, '--threshold', '0.85', '--json']);
    expect(code).toBe(0);
    const j = JSON.parse(out);
    expect(Object.keys(j)).toEqual(['lists', 'captureHistories', 'thresholdSensitivity']);
    expect(j.lists).toEqual(['list0.jsonl', 'list1.jsonl', 'list2.jsonl']);
    for (const h of Object.keys(j.captureHistories)) expect(h).toMatch(/^[01]{3}$/);
    const recorded = Object.entries(j.captureHistories as Record<string, number>).reduce(
      (s, [h, n]) => s + n * [...h].filter((c) => c === '1').length,
      0,
    );
    expect(recorded).toBe(world.lists.reduce((s, l) => s + l.rows.length, 0));
    expect(j.thresholdSensitivity[0]).toEqual({ threshold: 0.75, linkedPeople: expect.any(Number) });

    const histories = join(dir, 'histories.json');
    writeFileSync(histories, out);
    const mse = await run(['mse', histories, '--method', 'loglinear', '--json']);
    expect(mse.code).toBe(0);
    expect(JSON.parse(mse.out).observed).toBe(
      Object.values(j.captureHistories as Record<string, number>).reduce((a, b) => a + b, 0),
    );
  });

  it('--groups adds [list, row] groups that agree with the histories', async () => {
    const { code, out } = await run(['link', ...files, '--threshold', '0.85', '--json', '--groups', '--kernel', 'js']);
    expect(code).toBe(0);
    const j = JSON.parse(out);
    const multi = Object.entries(j.captureHistories as Record<string, number>)
      .filter(([h]) => [...h].filter((c) => c === '1').length > 1)
      .reduce((s, [, n]) => s + n, 0);
    expect(j.groups).toHaveLength(multi);
    for (const g of j.groups) for (const [l, r] of g) expect(r).toBeLessThan(world.lists[l]!.rows.length);
  });

  it('dedupe finds the duplicate records planted in a list', async () => {
    const lines = readFileSync(files[0]!, 'utf8').trim().split('\n');
    const withDups = join(dir, 'dups.jsonl');
    writeFileSync(withDups, [...lines, lines[0], lines[5]].join('\n'));
    const { code, out } = await run(['dedupe', withDups, '--threshold', '0.9', '--json']);
    expect(code).toBe(0);
    const j = JSON.parse(out);
    expect(j.records).toBe(lines.length + 2);
    expect(j.clusters).toEqual(
      expect.arrayContaining([
        [0, lines.length],
        [5, lines.length + 1],
      ]),
    );
  });

  it('link --dedupe counts a person repeated within a list once on that list', async () => {
    const lines = readFileSync(files[0]!, 'utf8').trim().split('\n');
    const withDups = join(dir, 'list0-repeats.jsonl');
    writeFileSync(withDups, [...lines, lines[0], lines[5]].join('\n'));
    const plain = JSON.parse((await run(['link', files[0]!, files[1]!, '--threshold', '0.85', '--json'])).out);
    const r = await run(['link', withDups, files[1]!, '--threshold', '0.85', '--dedupe', '0.9', '--json', '--groups']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.captureHistories).toEqual(plain.captureHistories);
    expect(j.groups).toEqual(
      expect.arrayContaining([
        expect.arrayContaining([
          [0, 0],
          [0, lines.length],
        ]),
        expect.arrayContaining([
          [0, 5],
          [0, lines.length + 1],
        ]),
      ]),
    );
    expect((await run(['link', withDups, files[1]!, '--threshold', '0.85', '--dedupe', '2'])).code).toBe(2);
  });

  it('link --clear runs Fellegi–Sunter on CSV files', async () => {
    const settings = join(dir, 'fs.json');
    writeFileSync(
      settings,
      JSON.stringify({
        comparisons: [
          {
            column: 'name',
            normalise: 'nameKey',
            levels: [{ type: 'exact' }, { type: 'jaroWinkler', threshold: 0.92 }],
          },
          { column: 'dob', normalise: 'isoDate', levels: [{ type: 'exact' }, { type: 'levenshtein', max: 1 }] },
        ],
        blockingRules: [['dob'], ['name']],
        probabilityTwoRandomRecordsMatch: 0.002,
      }),
    );
    const csvs = [0, 1].map((i) => join(dir, `list${i}.csv`));
    const { code, out } = await run(['link', '--clear', '--settings', settings, ...csvs, '--json']);
    expect(code).toBe(0);
    const j = JSON.parse(out);
    const truthBoth = new Set(world.lists[0]!.person.filter((p) => world.lists[1]!.person.includes(p))).size;
    expect(Math.abs(j.captureHistories['11'] - truthBoth)).toBeLessThanOrEqual(Math.max(5, truthBoth * 0.1));
    const bad = await run(['link', '--clear', csvs[0]!, csvs[1]!]);
    expect(bad.code).toBe(2);
  });
});
