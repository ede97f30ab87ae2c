// Issue 16 point 3 / issue 19 point 4: no person's name survives anywhere the import writes. Random
// Cyrillic names in random positions and grammatical forms go through the real import (CLI, SQLite store,
// rejects file, printed output, derived series and summaries); then every byte of every file written and
// everything printed is searched for each name form in UTF-8, UTF-16LE and Windows-1251.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { encodeCp1251 } from './corpus.ts';

type Gram = 'nom' | 'gen' | 'dat' | 'acc' | 'ins';
interface Person {
  forms: Record<Gram, string>;
  first: Record<Gram, string>;
  patronymic: Record<Gram, string>;
  initials: string;
}

const SYLLABLES = [
  'бра',
  'вле',
  'гро',
  'дру',
  'жмы',
  'зве',
  'клю',
  'лпа',
  'мро',
  'нры',
  'пша',
  'рче',
  'сбу',
  'тфо',
  'хлы',
  'цвя',
  'чмо',
  'шку',
  'щев',
  'юрд',
];
// Endings by declension class (nom, gen, dat, acc, ins): -ов, -ова, -ский, -ская, a consonant, -енко.
const CLASSES: Array<[string, string[]]> = [
  ['ов', ['', 'а', 'у', 'а', 'ым']],
  ['ова', ['', 'ой', 'ой', 'у', 'ой']],
  ['ский', ['', 'ого', 'ому', 'ого', 'им']],
  ['ская', ['', 'ой', 'ой', 'ую', 'ой']],
  ['ук', ['', 'а', 'у', 'а', 'ом']],
  ['енко', ['', '', '', '', '']],
];
const CASES: Gram[] = ['nom', 'gen', 'dat', 'acc', 'ins'];

function decline(root: string, cls: number): Record<Gram, string> {
  const [end, endings] = CLASSES[cls]!;
  // -ова/-ская: the feminine endings replace the final vowel(s).
  const stem =
    end === 'ова' ? `${root}ов` : end === 'ская' ? `${root}ск` : end === 'ский' ? `${root}ск` : `${root}${end}`;
  const nom = end === 'ова' ? `${root}ова` : end === 'ская' ? `${root}ская` : end === 'ский' ? `${root}ский` : stem;
  return Object.fromEntries(CASES.map((c, i) => [c, i === 0 ? nom : stem + endings[i]])) as Record<Gram, string>;
}

const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);
const rootArb = fc.array(fc.constantFrom(...SYLLABLES), { minLength: 2, maxLength: 3 }).map((xs) => cap(xs.join('')));
const personArb: fc.Arbitrary<Person> = fc
  .record({ sur: rootArb, cls: fc.nat(CLASSES.length - 1), first: rootArb, father: rootArb })
  .map(({ sur, cls, first, father }) => ({
    forms: decline(sur, cls),
    first: decline(first, 4),
    patronymic: Object.fromEntries(CASES.map((c, i) => [c, `${father}ович${['', 'а', 'у', 'а', 'ем'][i]}`])) as Record<
      Gram,
      string
    >,
    initials: `${first[0]}.${father[0]}.`,
  }));

/** A person written in one case and one style, as clerks do. */
function written(p: Person, g: Gram, style: number): string {
  const sur = style % 2 ? p.forms[g].toUpperCase() : p.forms[g];
  switch (style % 4) {
    case 0:
    case 1:
      return `${sur} ${p.initials}`;
    case 2:
      return `${sur} ${p.first[g]} ${p.patronymic[g]}`;
    default:
      return `${p.initials} ${sur}`;
  }
}

interface Rec {
  defendants: Person[];
  witness: Person;
  judge: Person;
  styles: number[];
  gram: Gram[];
  slots: number[];
  bad: boolean;
  /** A name after the article text: 0 none, 1 in capitals, 2 in lower case (a clerk's slip). */
  afterArticles: number;
}

const recArb: fc.Arbitrary<Rec> = fc.record({
  defendants: fc.array(personArb, { minLength: 1, maxLength: 3 }),
  witness: personArb,
  judge: personArb,
  styles: fc.array(fc.nat(7), { minLength: 8, maxLength: 8 }),
  gram: fc.array(fc.constantFrom(...CASES), { minLength: 8, maxLength: 8 }),
  slots: fc.array(fc.nat(5), { minLength: 4, maxLength: 4 }),
  bad: fc.boolean(),
  afterArticles: fc.nat(2),
});

/** One SUDRFScraper line: the names in the names field and in random places and forms of the text. */
function line(r: Rec, i: number): string {
  const ds = r.defendants;
  const names = ds
    .map(
      (d, k) =>
        `${written(d, 'nom', r.styles[k]! % 3 === 2 ? 2 : r.styles[k]! % 2)} - ч. 5 ст. 337 УК РФ${k === 0 && r.afterArticles ? ` ${r.afterArticles === 1 ? r.witness.forms.nom.toUpperCase() : r.witness.forms.gen.toLowerCase()}` : ''}`,
    )
    .join(['; ', '\n', ', ', '<br>'][r.slots[0]! % 4]);
  const sentences = [
    `ПРИГОВОР ИМЕНЕМ РОССИЙСКОЙ ФЕДЕРАЦИИ суд в составе председательствующего судьи ${written(r.judge, 'gen', r.styles[7]!)}, рассмотрев уголовное дело в отношении ${ds.map((d, k) => written(d, 'gen', r.styles[k + 1]!)).join(', ')}, обвиняемого в совершении преступления, предусмотренного ч. 5 ст. 337 УК РФ,`,
    `УСТАНОВИЛ: ${written(ds[0]!, 'nom', r.styles[4]!)} не явился в срок на службу.`,
    `Свидетель ${written(r.witness, r.gram[5]!, r.styles[5]!)} показал, что видел ${ds[ds.length - 1]!.forms[r.gram[6]!]} дома.`,
    `Со слов ${r.witness.forms.gen} ${ds[0]!.forms.nom.toUpperCase()} уехал.`,
    `ПРИГОВОРИЛ: ${written(ds[0]!, 'acc', r.styles[6]!)} признать виновным и назначить наказание в виде лишения свободы на срок 2 (два) года.`,
    `${cap(ds[0]!.forms.dat)} ${ds[0]!.initials} зачесть время под стражей; ${ds[0]!.forms.ins} представлено ходатайство.`,
  ];
  // Random order of the middle sentences: names land in random positions.
  const order = [0, ...[1, 2, 3, 5].sort((a, b) => ((r.slots[a % 4]! + a) % 5) - ((r.slots[b % 4]! + b) % 5)), 4];
  const text = order.map((k) => sentences[k]).join('\n');
  return JSON.stringify({
    id: i,
    region: 77,
    name: '235 гарнизонный военный суд',
    caseNumber: `1-${i}/2024`,
    // A bad record (unreadable date) goes to the rejects file with its names in it.
    entryDate: r.bad && i % 2 === 0 ? `${written(ds[0]!, 'nom', 0)} 32.13.2024` : '01.02.2024',
    names,
    // The judge column keeps the judge's name as published (a public official; see docs/court.md): here only
    // the text names the judge, and the text is what must come out redacted.
    judge: '',
    resultDate: '05.06.2024',
    decision: r.slots[1] === 0 ? `Вынесен ПРИГОВОР (${ds[0]!.forms.nom.toUpperCase()})` : 'Вынесен ПРИГОВОР',
    endDate: '',
    text,
  });
}

/** Each form a name was written in (and its capital and upper-case spellings), at least 4 letters. */
function needles(p: Person): string[] {
  const out = new Set<string>();
  for (const g of CASES)
    for (const w of [p.forms[g], p.first[g], p.patronymic[g]]) {
      if (w.length < 4) continue;
      out.add(w);
      out.add(w.toUpperCase());
      out.add(w.toLowerCase());
    }
  return [...out];
}

const encodings = (s: string): Array<[string, Buffer]> => [
  ['utf-8', Buffer.from(s, 'utf8')],
  ['utf-16le', Buffer.from(s, 'utf16le')],
  ['windows-1251', encodeCp1251(s)],
];

describe('no name in any byte the court import writes (property)', () => {
  let base: string;
  const saved = process.env.DARKFIGURE_DB;
  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'df-no-name-'));
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.DARKFIGURE_DB;
    else process.env.DARKFIGURE_DB = saved;
    rmSync(base, { recursive: true, force: true });
  });

  const run = async (args: string[]) => {
    let printed = '';
    const out = vi
      .spyOn(process.stdout, 'write')
      .mockImplementation((c: string | Uint8Array) => ((printed += String(c)), true));
    const err = vi
      .spyOn(process.stderr, 'write')
      .mockImplementation((c: string | Uint8Array) => ((printed += String(c)), true));
    try {
      const status = await main(['node', 'darkfigure', ...args]);
      return { status, printed };
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  };

  it('finds none of the names, in any form or encoding, in the store, WAL, rejects, logs, series or summaries', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(recArb, { minLength: 1, maxLength: 4 }), fc.boolean(), async (recs, keepText) => {
        n++;
        const input = join(base, `in-${n}`);
        const outDir = join(base, `out-${n}`);
        for (const d of [input, outDir]) rmSync(d, { recursive: true, force: true });
        for (const d of [input, outDir]) (await import('node:fs')).mkdirSync(d);
        const dump = join(input, 'dump.jsonl');
        writeFileSync(dump, recs.map((r, i) => line(r, i + 1)).join('\n') + '\n');
        writeFileSync(join(input, 'secret'), 'a property-test secret of 32 bytes\n');
        process.env.DARKFIGURE_DB = join(outDir, 'store.db');
        let printed = '';
        const imp = await run([
          'import',
          'court',
          dump,
          '--secret-file',
          join(input, 'secret'),
          '--on-error',
          'skip',
          '--rejects',
          join(outDir, 'rejects.jsonl'),
          ...(keepText ? ['--keep-text'] : []),
        ]);
        printed += imp.printed;
        expect(imp.status, imp.printed).toBe(0);
        for (const args of [
          ['court', 'summary', '--by', 'month,article,sentence', '--json'],
          ['court', 'summary'],
          ['series', '--json'],
          ['court', 'lines', '--json'],
        ])
          printed += (await run(args)).printed;
        const written: Array<[string, Buffer]> = readdirSync(outDir).map((f) => [f, readFileSync(join(outDir, f))]);
        written.push(['(printed output)', Buffer.from(printed, 'utf8')]);
        expect(written.some(([f]) => f === 'store.db')).toBe(true);
        if (recs.some((r, i) => r.bad && (i + 1) % 2 === 0))
          expect(existsSync(join(outDir, 'rejects.jsonl'))).toBe(true);
        const found: string[] = [];
        for (const r of recs)
          for (const p of [...r.defendants, r.witness, r.judge])
            for (const needle of needles(p))
              for (const [enc, bytes] of encodings(needle))
                for (const [file, content] of written)
                  if (content.includes(bytes)) found.push(`${needle} (${enc}) in ${file}`);
        expect(found).toEqual([]);
      }),
      { numRuns: 24 },
    );
  }, 180_000);
});
