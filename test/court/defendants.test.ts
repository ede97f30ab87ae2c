// Issue 16 point 1: defendants parsed, not guessed. The names field in its layouts, each defendant with his
// own charges and, where the operative part names him, his own sentence; never a sentence copied to a
// defendant the text does not tie it to; no name left in the stored article text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArticles } from '../../src/ingest/court/articles.ts';
import { classifyRecord } from '../../src/ingest/court/classify.ts';
import { articleTextForStore, splitDefendants } from '../../src/ingest/court/defendants.ts';
import { toRawRecord } from '../../src/ingest/court/raw-record.ts';
import { caseToRows } from '../../src/ingest/court/to-rows.ts';
import { mulberry32 } from './corpus-legal/generate.ts';
import { makePerson, type NameStyle, nameIn } from './corpus-legal/people.ts';

const record = (names: string, text: string, decision = 'Вынесен ПРИГОВОР') =>
  toRawRecord('t', 1, {
    name: '235 гарнизонный военный суд',
    caseNumber: '1-1/2024',
    entryDate: '01.02.2024',
    resultDate: '01.03.2024',
    names,
    decision,
    text,
  }).record!;

describe('the names field', () => {
  it.each([
    [
      'Иванов И.И. - ст.337 ч.5 УК РФ; Петров П.П. - ст.338 ч.1 УК РФ',
      ['Иванов И.И.', 'Петров П.П.'],
      [['337|5'], ['338|1']],
    ],
    [
      'ИВАНОВ Иван Иванович (ч. 5 ст. 337 УК РФ), ПЕТРОВ Петр Петрович (ч. 1 ст. 338 УК РФ)',
      ['ИВАНОВ Иван Иванович', 'ПЕТРОВ Петр Петрович'],
      [['337|5'], ['338|1']],
    ],
    [
      'Иванов И.И.\nст.337 ч.5; ст.338 ч.1 УК РФ\nПетров П. П.\nст.337 ч.2.1',
      ['Иванов И.И.', 'Петров П. П.'],
      [['337|5', '338|1'], ['337|2.1']],
    ],
    [
      'Иванов И.И. - ч.5 ст.337, ч.1 ст.338 УК РФ, Петров П.П. - ч.5 ст.337 УК РФ',
      ['Иванов И.И.', 'Петров П.П.'],
      [['337|5', '338|1'], ['337|5']],
    ],
    [
      'ИВАНОВ И.И. ст.337 ч.5 УК РФ ПЕТРОВ П.П. ст.337 ч.2.1 УК РФ',
      ['ИВАНОВ И.И.', 'ПЕТРОВ П.П.'],
      [['337|5'], ['337|2.1']],
    ],
    [
      'Иванов И.И.: УК РФ: ст. 337 ч.5; ст. 338 ч.1<br>ФИО2: УК РФ: ст. 337 ч.5',
      ['Иванов И.И.', ''],
      [['337|5', '338|1'], ['337|5']],
    ],
    ['ст. 337 ч.5 УК РФ', [''], [['337|5']]],
    ['Сидоренко-Белый А.В.', ['Сидоренко-Белый А.В.'], [[]]],
  ])('%s', (names, who, charges) => {
    const got = splitDefendants(names);
    expect(got.map((d) => d.name)).toEqual(who);
    expect(got.map((d) => parseArticles(d.articlesText).charges.map((c) => `${c.article}|${c.part}`))).toEqual(charges);
  });

  it('reads back any defendants, in any layout, with their own charges (property)', () => {
    const charge = fc.constantFrom(['337', '5'], ['337', '2.1'], ['338', '1'], ['332', '2.1'], ['352.1', '1']);
    const defendant = fc.record({
      seed: fc.nat(),
      style: fc.constantFrom<NameStyle>('full', 'initials', 'upper-full', 'upper-initials', 'spaced-initials'),
      charges: fc.uniqueArray(charge, { minLength: 1, maxLength: 3, selector: (c) => c.join('|') }),
    });
    fc.assert(
      fc.property(
        fc.array(defendant, { minLength: 1, maxLength: 4 }),
        fc.nat(5),
        fc.constantFrom('; ', ', '),
        fc.boolean(),
        (ds, layout, inner, uk) => {
          const people = ds.map((d, i) => makePerson(mulberry32(d.seed), (d.seed % 1000) + i * 1000));
          const who = ds.map((d, i) => nameIn(people[i]!, 'nom', d.style));
          const arts = ds.map(
            (d) => `${d.charges.map(([a, p]) => `ч. ${p} ст. ${a}`).join(inner)}${uk ? ' УК РФ' : ''}`,
          );
          const entries = ds.map(
            (_, i) =>
              [
                `${who[i]} - ${arts[i]}`,
                `${who[i]} (${arts[i]})`,
                `${who[i]}: ${arts[i]}`,
                `${who[i]}\n${arts[i]}`,
                `${who[i]} ${arts[i]}`,
                `${who[i]} - ${arts[i]}`,
              ][layout],
          );
          const names = entries.join(['; ', ', ', '\n', '\n', ' ', '<br>'][layout]);
          const got = splitDefendants(names);
          expect(got.map((g) => g.name)).toEqual(who);
          expect(got.map((g) => parseArticles(g.articlesText).charges.map((c) => `${c.article}|${c.part}`))).toEqual(
            ds.map((d) => d.charges.map((c) => c.join('|'))),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps only article words in the stored article text: a name in any case or spelling becomes "…"', () => {
    expect(articleTextForStore('ч. 5 ст. 337 УК РФ ПЕТРОВ')).toBe('ч. 5 ст. 337 УК РФ …');
    expect(articleTextForStore('статья 337 часть 5 и п. «а» ч. 2 ст. 335, петрову')).toBe(
      'статья 337 часть 5 и п. «а» ч. 2 ст. 335, …',
    );
  });
});

describe('a sentence for each defendant', () => {
  it('the issue case: two defendants, each with his charges and his own sentence; the second surname stored nowhere', () => {
    const c = classifyRecord(
      record(
        'Громыхалов А.Б. - ч. 5 ст. 337 УК РФ, Щебетунов В.Г. - ч. 1 ст. 338 УК РФ',
        'ПРИГОВОРИЛ: Громыхалова А.Б. признать виновным … и назначить ему наказание в виде лишения свободы на срок 2 года условно с испытательным сроком 1 год. ' +
          'ЩЕБЕТУНОВУ В.Г. назначить наказание: лишение свободы на срок 5 лет с отбыванием наказания в исправительной колонии строгого режима.',
      ),
    );
    expect(c.defendants.map((d) => [d.charges.map((ch) => `${ch.article}|${ch.part}`), d.sentence])).toEqual([
      [['337|5'], { type: 'suspended', termMonths: 24, probationMonths: 12 }],
      [['338|1'], { type: 'prison', termMonths: 60, colonyRegime: 'strict' }],
    ]);
    const stored = JSON.stringify(caseToRows(c));
    expect(stored).not.toMatch(/громыхал|щебетун/iu);
  });

  it('a sentence the operative part does not tie to a defendant is unknown for him, never copied', () => {
    const untied = classifyRecord(
      record(
        'Громыхалов А.Б. - ч. 5 ст. 337; Щебетунов В.Г. - ч. 5 ст. 337',
        'ПРИГОВОРИЛ: признать подсудимых виновными и назначить наказание в виде лишения свободы на срок 2 года.',
      ),
    );
    expect(untied.defendants.map((d) => d.sentence.type)).toEqual(['unknown', 'unknown']);
    const one = classifyRecord(
      record(
        'Громыхалов А.Б. - ч. 5 ст. 337; Щебетунов В.Г. - ч. 5 ст. 337',
        'ПРИГОВОРИЛ: Уголовное дело в отношении Щебетунова В.Г. выделено в отдельное производство. Громыхалова А.Б. признать виновным и назначить ему 1 год лишения свободы в колонии-поселении.',
      ),
    );
    expect(one.defendants.map((d) => d.sentence)).toEqual([
      { type: 'prison', termMonths: 12, colonyRegime: 'settlement' },
      { type: 'unknown' },
    ]);
    const joint = classifyRecord(
      record(
        'Громыхалов А.Б. - ч. 5 ст. 337; Щебетунов В.Г. - ч. 5 ст. 337',
        'ПРИГОВОРИЛ: Громыхалова А.Б. и Щебетунова В.Г. признать виновными и назначить каждому наказание в виде штрафа в размере 40 000 рублей.',
      ),
    );
    expect(joint.defendants.map((d) => d.sentence)).toEqual([
      { type: 'fine', fineRoubles: 40000 },
      { type: 'fine', fineRoubles: 40000 },
    ]);
  });

  it('a case ended for each defendant on his own ground', () => {
    const c = classifyRecord(
      record(
        'Громыхалов А.Б. - ч. 5 ст. 337; Щебетунов В.Г. - ч. 5 ст. 337',
        'ПОСТАНОВИЛ: уголовное дело в отношении Громыхалова А.Б. прекратить в связи с его смертью. Прекратить уголовное преследование Щебетунова В.Г. на основании ст. 28.2 УПК РФ.',
        'Дело прекращено',
      ),
    );
    expect(c.defendants.map((d) => d.sentence)).toEqual([
      { type: 'none', dismissalGround: 'death' },
      { type: 'none', dismissalGround: 'military_service' },
    ]);
  });
});
