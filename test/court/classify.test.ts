import { readFileSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArticles } from '../../src/ingest/court/articles.ts';
import { classifyRecord } from '../../src/ingest/court/classify.ts';
import { courtTier } from '../../src/ingest/court/court-tier.ts';
import { splitDefendants } from '../../src/ingest/court/defendants.ts';
import { classifyCharge } from '../../src/ingest/court/legal-table.ts';
import { caseResult } from '../../src/ingest/court/outcome.ts';
import { nameHmac } from '../../src/ingest/court/pseudonym.ts';
import { toRawRecord } from '../../src/ingest/court/raw-record.ts';
import { redactNames } from '../../src/ingest/court/redact.ts';
import { defendantCategory, parseSentence, parseTermMonths, dismissal } from '../../src/ingest/court/sentence.ts';
import { corpusLines, expectedCases } from './corpus.ts';
import { scoreCorpus } from './corpus-legal/score.ts';

describe('the test corpus (400 records, expected classification of each)', () => {
  const lines = corpusLines();
  const expected = expectedCases();

  it('covers every notation, outcome, sentence type, category and court tier', () => {
    expect(lines.length).toBeGreaterThanOrEqual(300);
    const notations = new Set(expected.flatMap((e) => e.notations));
    for (const n of [
      'st-part',
      'st-part-spaced',
      'part-st',
      'bare-part',
      'uk-prefix',
      'part-st-uk',
      'words',
      'point',
      'no-part',
      'unknown',
    ])
      expect(notations).toContain(n);
    expect(new Set(expected.map((e) => e.result))).toEqual(
      new Set(['verdict', 'terminated', 'returned_to_prosecutor', 'transferred', 'suspended', 'pending', 'unknown']),
    );
    expect(new Set(expected.map((e) => e.tier))).toEqual(
      new Set(['garrison', 'district', 'fleet', 'appeal', 'cassation', 'unknown']),
    );
    const sentences = new Set(expected.flatMap((e) => e.defendants.map((d) => d.sentence.type)));
    for (const s of ['suspended', 'prison', 'restriction_of_service', 'disciplinary_unit', 'fine', 'none', 'unknown'])
      expect(sentences).toContain(s);
    expect(new Set(expected.flatMap((e) => e.defendants.map((d) => d.category)))).toEqual(
      new Set(['mobilised', 'contract', 'conscript', 'ex_prisoner', 'unknown']),
    );
    const articles = new Set(
      expected.flatMap((e) => e.defendants.flatMap((d) => d.charges.map((c) => `${c.article}|${c.part}`))),
    );
    for (const a of ['337|2.1', '337|3.1', '337|5', '338|3', '332|2.1', '339|1', '352.1|1'])
      expect(articles).toContain(a);
    expect(expected.some((e) => e.defendants.length > 1)).toBe(true);
    expect(expected.some((e) => e.defendants.some((d) => d.charges.length > 1))).toBe(true);
  });

  it('classifies every record exactly as expected, with no errors', () => {
    const wrong: string[] = [];
    lines.forEach((line, i) => {
      const { record, issues } = toRawRecord('corpus', i + 1, JSON.parse(line));
      expect(issues).toEqual([]);
      const c = classifyRecord(record!, {});
      const e = expected[i]!;
      const got = {
        tier: c.tier,
        result: c.result,
        defendants: c.defendants.map((d) => ({ charges: d.charges, category: d.category, sentence: d.sentence })),
      };
      const want = {
        tier: e.tier,
        result: e.result,
        defendants: e.defendants.map((d) => ({ charges: d.charges, category: d.category, sentence: d.sentence })),
      };
      if (JSON.stringify(got) !== JSON.stringify(want))
        wrong.push(`line ${i + 1}: got ${JSON.stringify(got)} want ${JSON.stringify(want)}`);
    });
    expect(wrong).toEqual([]);
  });
});

describe('articles in every notation', () => {
  it.each([
    ['ст.337 ч.5', [{ article: '337', part: '5' }]],
    ['ст. 337 ч. 3.1', [{ article: '337', part: '3.1' }]],
    ['ч.5 ст.337', [{ article: '337', part: '5' }]],
    ['337 ч.2.1', [{ article: '337', part: '2.1' }]],
    ['п. "а" ч.2 ст.335', [{ article: '335', part: '2', point: 'а' }]],
    ['п. «б», ч. 2 ст. 335 УК РФ', [{ article: '335', part: '2', point: 'б' }]],
    [
      'УК РФ: ст. 337 ч.5; ст. 338 ч.1',
      [
        { article: '337', part: '5' },
        { article: '338', part: '1' },
      ],
    ],
    [
      'ч. 3.1 ст. 337, ч. 2.1 ст. 332 УК РФ',
      [
        { article: '337', part: '3.1' },
        { article: '332', part: '2.1' },
      ],
    ],
    [
      'статья 352.1 часть 1 и статья 337 часть 5',
      [
        { article: '352.1', part: '1' },
        { article: '337', part: '5' },
      ],
    ],
    ['ст. 338', [{ article: '338', part: '' }]],
  ])('%s', (text, charges) => {
    expect(parseArticles(text).charges).toEqual(charges);
  });

  it('keeps text it cannot read as unreadable, never guessing an article', () => {
    const r = parseArticles('статья не указана');
    expect(r.charges).toEqual([]);
    expect(r.unreadable.length).toBe(1);
  });

  it('reads back any list of charges in any mix of notations (property)', () => {
    const charge = fc.record({
      article: fc.constantFrom('337', '338', '332', '339', '352.1', '335'),
      part: fc.constantFrom('1', '2', '2.1', '3', '3.1', '4', '5'),
      point: fc.option(fc.constantFrom('а', 'б', 'в'), { nil: undefined }),
    });
    const render = (c: { article: string; part: string; point?: string }, style: number) => {
      const pt = c.point ? (style % 2 ? `п. «${c.point}» ` : `п."${c.point}" `) : '';
      if (c.point) return style % 2 ? `${pt}ч. ${c.part} ст. ${c.article}` : `ст.${c.article} ч.${c.part} ${pt.trim()}`;
      return [
        `ст.${c.article} ч.${c.part}`,
        `ч. ${c.part} ст. ${c.article}`,
        `${c.article} ч.${c.part}`,
        `статья ${c.article} часть ${c.part}`,
        `УК РФ: ст. ${c.article} ч. ${c.part}`,
      ][style % 5];
    };
    fc.assert(
      fc.property(
        fc.uniqueArray(charge, {
          minLength: 1,
          maxLength: 4,
          selector: (c) => `${c.article}|${c.part}|${c.point ?? ''}`,
        }),
        fc.array(fc.nat(9), { minLength: 4, maxLength: 4 }),
        fc.constantFrom('; ', ', ', ' и ', '\n'),
        (charges, styles, sep) => {
          const text = charges.map((c, i) => render(c, styles[i]!)).join(sep);
          const got = parseArticles(text).charges;
          expect(got).toEqual(
            charges.map((c) =>
              c.point ? { article: c.article, part: c.part, point: c.point } : { article: c.article, part: c.part },
            ),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('legal table (docs/model.md §4)', () => {
  it.each([
    ['337', '2.1', 'awol', true, '2-10d'],
    ['337', '3', 'awol', false, '10d-1m'],
    ['337', '5', 'awol', true, '>1m'],
    ['337', '4', 'awol', false, '>1m'],
    ['338', '3', 'desertion', true, 'desertion'],
    ['338', '1', 'desertion', false, 'desertion'],
    ['332', '2.1', 'refusal', true, 'refusal'],
    ['339', '1', 'evasion', false, 'none'],
    ['352.1', '1', 'surrender', true, 'none'],
    ['337', '', 'awol', null, 'unknown'],
    ['332', '', 'unknown', null, 'unknown'],
  ])('%s part %s', (article, part, offence, context, band) => {
    expect(classifyCharge({ article, part })).toMatchObject({
      offence,
      mobilisationContext: context,
      absenceBand: band,
    });
  });
});

describe('court tier, result, sentence and category', () => {
  it('tiers from the court name, unknown when it names none', () => {
    expect(courtTier('235 гарнизонный военный суд')).toBe('garrison');
    expect(courtTier('Южный окружной военный суд')).toBe('district');
    expect(courtTier('Северный флотский военный суд')).toBe('fleet');
    expect(courtTier('Апелляционный военный суд')).toBe('appeal');
    expect(courtTier('Кассационный военный суд')).toBe('cassation');
    expect(courtTier('Ленинский районный суд')).toBe('unknown');
  });

  it('results from the decision line; empty is pending, unreadable is unknown', () => {
    expect(caseResult('Вынесен ПРИГОВОР')).toBe('verdict');
    expect(caseResult('Дело прекращено')).toBe('terminated');
    expect(caseResult('Уголовное дело возвращено прокурору')).toBe('returned_to_prosecutor');
    expect(caseResult('Направлено по подсудности')).toBe('transferred');
    expect(caseResult('')).toBe('pending');
    expect(caseResult('Иное решение')).toBe('unknown');
  });

  it('reads terms in figures and words', () => {
    expect(parseTermMonths('5 (пять) лет 6 (шесть) месяцев')).toBe(66);
    expect(parseTermMonths('2 (два) года')).toBe(24);
    expect(parseTermMonths('1 год')).toBe(12);
    expect(parseTermMonths('8 месяцев')).toBe(8);
    expect(parseTermMonths('два года и шесть месяцев')).toBe(30);
    expect(parseTermMonths('в виде')).toBeNull();
  });

  it('reads the sentence from the operative part, not from a prior conviction recited before it', () => {
    const text =
      'УСТАНОВИЛ: ранее судим к лишению свободы на срок 3 (три) года с отбыванием наказания в исправительной колонии общего режима. ПРИГОВОРИЛ: назначить наказание в виде лишения свободы на срок 2 (два) года. На основании ст. 73 УК РФ назначенное наказание считать условным с испытательным сроком 1 (один) год 6 (шесть) месяцев.';
    expect(parseSentence(text)).toEqual({ type: 'suspended', termMonths: 24, probationMonths: 18 });
    expect(
      parseSentence(
        'ПРИГОВОРИЛ: назначить наказание в виде лишения свободы на срок 13 (тринадцать) лет с отбыванием наказания в исправительной колонии строгого режима.',
      ),
    ).toEqual({
      type: 'prison',
      termMonths: 156,
      colonyRegime: 'strict',
    });
    expect(
      parseSentence(
        'в виде ограничения по военной службе на срок 8 (восемь) месяцев с удержанием в доход государства 10 % из денежного довольствия',
      ),
    ).toEqual({
      type: 'restriction_of_service',
      termMonths: 8,
      deductionPercent: 10,
    });
    expect(parseSentence('в виде ареста на срок 3 месяца')).toEqual({ type: 'arrest', termMonths: 3 });
    expect(parseSentence('назначить наказание в соответствии с резолютивной частью, изготовленной отдельно')).toEqual({
      type: 'unknown',
    });
    expect(parseSentence('')).toEqual({ type: 'unknown' });
  });

  it('category only where the text says it; mobilised wins over "по контракту"', () => {
    expect(defendantCategory('призванный по мобилизации, проходящий военную службу по контракту')).toBe('mobilised');
    expect(defendantCategory('проходящий военную службу по контракту')).toBe('contract');
    expect(defendantCategory('проходящий военную службу по призыву')).toBe('conscript');
    expect(
      defendantCategory(
        'освобожденный от отбывания наказания в связи с заключением контракта для участия в специальной военной операции',
      ),
    ).toBe('ex_prisoner');
    expect(defendantCategory('военнослужащий')).toBe('unknown');
  });
});

describe('names', () => {
  it('splits defendants and their articles; hidden names stay empty', () => {
    expect(
      splitDefendants(
        'Варнолов Евграф Мирославович - ст.337 ч.5\nФ.И.О. скрыто (ч.1 ст.338) | Корбатин Е.В.: 337 ч.2.1',
      ),
    ).toEqual([
      { name: 'Варнолов Евграф Мирославович', articlesText: 'ст.337 ч.5' },
      { name: '', articlesText: 'ч.1 ст.338', placeholder: 'ФИО1' },
      { name: 'Корбатин Е.В.', articlesText: '337 ч.2.1' },
    ]);
  });

  it('hashes names with HMAC-SHA256 under the secret, folding case and ё', () => {
    const secret = Buffer.from('a secret of more than sixteen bytes');
    const h = (n: string) => nameHmac(secret, n);
    expect(h('Варнолов Евграф')).toBe(createHmac('sha256', secret).update('варнолов евграф').digest('hex'));
    expect(h('ВАРНОЛОВ  евграф')).toBe(nameHmac(secret, 'Варнолов Евграф'));
    expect(nameHmac(secret, 'Семёнов')).toBe(nameHmac(secret, 'Семенов'));
    expect(nameHmac(Buffer.from('another secret of sixteen+ bytes'), 'Варнолов Евграф')).not.toBe(h('Варнолов Евграф'));
  });

  it('redacts names in every grammatical case, and any surname with initials', () => {
    const out = redactNames(
      'Суд признал Варнолова Евграфа Мирославовича виновным. Варнолову Е.М. назначено… Свидетель Кукушкин А.Б. показал',
      ['Варнолов Евграф Мирославович'],
    );
    expect(out).not.toMatch(/Варнолов|Евграф|Мирослав|Кукушкин/);
    expect(out).toContain('[ФИО]');
  });
});

describe('the legal-forms corpus (written from Art. 44 UK and the CPC outcomes, not from the rules)', () => {
  const here = new URL('./corpus-legal/', import.meta.url).pathname;
  const expected = readFileSync(`${here}expected.jsonl`, 'utf8')
    .trim()
    .split('\n')
    .map(
      (l) =>
        JSON.parse(l) as {
          result: string;
          features: string[];
          defendants: Array<{
            sentence: { type: string; dismissalGround?: string; combination?: string; addition?: string };
          }>;
        },
    );

  it('covers every sentence form, ground, outcome, multi-defendant layout and trap', () => {
    expect(expected.length).toBeGreaterThanOrEqual(200);
    const ds = expected.flatMap((e) => e.defendants);
    const types = new Set(ds.map((d) => d.sentence.type));
    for (const t of [
      'prison',
      'suspended',
      'restriction_of_service',
      'disciplinary_unit',
      'fine',
      'compulsory_labour',
      'corrective_labour',
      'forced_labour',
      'arrest',
      'restriction_of_liberty',
      'acquitted',
      'none',
      'unknown',
    ])
      expect(types).toContain(t);
    expect(new Set(ds.map((d) => d.sentence.dismissalGround).filter(Boolean))).toEqual(
      new Set([
        'court_fine',
        'reconciliation',
        'amnesty',
        'death',
        'military_service',
        'active_repentance',
        'limitation',
        'no_crime',
      ]),
    );
    expect(new Set(ds.map((d) => `${d.sentence.combination}/${d.sentence.addition}`))).toEqual(
      new Set([
        'undefined/undefined',
        'crimes/partial',
        'crimes/full',
        'crimes/absorption',
        'verdicts/partial',
        'verdicts/full',
      ]),
    );
    expect(new Set(expected.map((e) => e.result))).toEqual(
      new Set([
        'verdict',
        'terminated',
        'returned_to_prosecutor',
        'transferred',
        'suspended',
        'postponed',
        'pending',
        'upheld',
        'amended',
        'quashed',
        'unknown',
      ]),
    );
    const features = new Set(expected.flatMap((e) => e.features));
    for (const f of [
      'nominative',
      'dative',
      'instrumental',
      'term-first',
      'joint-sentence',
      'untied-sentence',
      'split-off',
      'prior-conviction',
      'request-recited',
      'credit-after',
      'no-names-field',
      'no-text',
    ])
      expect(features).toContain(f);
    for (let layout = 0; layout <= 7; layout++) expect(features).toContain(`names-layout-multi-${layout}`);
  });

  it('classifies at most 1 defendant in 100 wrongly (charges, whole sentence, case result)', () => {
    const s = scoreCorpus(`${here}records.jsonl`, `${here}expected.jsonl`);
    expect(s.defendants).toBeGreaterThan(250);
    expect(s.errors.length / s.defendants, s.errors.join('\n')).toBeLessThanOrEqual(0.01);
  });
});

describe('every sentence form of Art. 44, in every grammatical case', () => {
  it.each([
    [
      'ПРИГОВОРИЛ: назначить наказание: лишение свободы на срок 2 года с отбыванием наказания в исправительной колонии общего режима.',
      { type: 'prison', termMonths: 24, colonyRegime: 'general' },
    ],
    [
      'ПРИГОВОРИЛ: приговорить его к лишению свободы сроком на 1 год 6 месяцев в колонии-поселении.',
      { type: 'prison', termMonths: 18, colonyRegime: 'settlement' },
    ],
    [
      'ПРИГОВОРИЛ: назначить ему 3 (три) года лишения свободы с отбыванием в исправительной колонии особого режима.',
      { type: 'prison', termMonths: 36, colonyRegime: 'special' },
    ],
    [
      'ПРИГОВОРИЛ: назначить наказание в виде пожизненного лишения свободы с отбыванием наказания в исправительной колонии особого режима.',
      { type: 'life', colonyRegime: 'special' },
    ],
    [
      'ПРИГОВОРИЛ: назначить наказание — ограничение по военной службе сроком 6 месяцев с удержанием 10% денежного довольствия в доход государства.',
      { type: 'restriction_of_service', termMonths: 6, deductionPercent: 10 },
    ],
    [
      'ПРИГОВОРИЛ: приговорить к содержанию в дисциплинарной воинской части на срок 4 (четыре) месяца.',
      { type: 'disciplinary_unit', termMonths: 4 },
    ],
    [
      'ПРИГОВОРИЛ: назначить наказание: штраф в размере 120 000 (сто двадцать тысяч) рублей.',
      { type: 'fine', fineRoubles: 120000 },
    ],
    ['ПРИГОВОРИЛ: назначить наказание в виде обязательных работ на срок 240 часов.', { type: 'compulsory_labour' }],
    [
      'ПРИГОВОРИЛ: приговорить к исправительным работам на срок 1 год с удержанием из заработной платы 10 % в доход государства.',
      { type: 'corrective_labour', termMonths: 12, deductionPercent: 10 },
    ],
    [
      'ПРИГОВОРИЛ: назначить наказание в виде лишения свободы на срок 2 года. На основании ст. 53.1 УК РФ заменить назначенное наказание принудительными работами на срок 2 года с удержанием 5% заработка в доход государства.',
      { type: 'forced_labour', termMonths: 24, deductionPercent: 5 },
    ],
    [
      'ПРИГОВОРИЛ: назначить наказание: арест сроком 2 месяца. Арест, наложенный на имущество, отменить.',
      { type: 'arrest', termMonths: 2 },
    ],
    [
      'ПРИГОВОРИЛ: назначить наказание в виде ограничения свободы на срок 1 год.',
      { type: 'restriction_of_liberty', termMonths: 12 },
    ],
    [
      'ПРИГОВОРИЛ: признать невиновным и оправдать за отсутствием в деянии состава преступления.',
      { type: 'acquitted' },
    ],
    [
      'ПРИГОВОРИЛ: назначить наказание: по ч. 5 ст. 337 УК РФ — 1 год лишения свободы; по ч. 1 ст. 338 УК РФ — 5 лет лишения свободы. На основании ч. 3 ст. 69 УК РФ по совокупности преступлений путем частичного сложения наказаний окончательно назначить 5 лет 6 месяцев лишения свободы с отбыванием в исправительной колонии строгого режима.',
      { type: 'prison', termMonths: 66, colonyRegime: 'strict', combination: 'crimes', addition: 'partial' },
    ],
    [
      'ПРИГОВОРИЛ: в соответствии со ст. 70 УК РФ по совокупности приговоров путем полного присоединения неотбытой части наказания окончательно назначить наказание в виде лишения свободы на срок 4 года условно с испытательным сроком 3 года.',
      { type: 'suspended', termMonths: 48, probationMonths: 36, combination: 'verdicts', addition: 'full' },
    ],
    [
      'ПРИГОВОРИЛ: назначить наказание: по ч. 5 ст. 337 УК РФ — 1 год лишения свободы; по ч. 1 ст. 338 УК РФ — 2 года лишения свободы. На основании ч. 2 ст. 69 УК РФ по совокупности преступлений путем поглощения менее строгого наказания более строгим назначить 2 года лишения свободы в колонии-поселении.',
      { type: 'prison', termMonths: 24, colonyRegime: 'settlement', combination: 'crimes', addition: 'absorption' },
    ],
  ])('%s', (text, sentence) => {
    expect(parseSentence(text)).toEqual(sentence);
  });

  it('grounds for ending a case, the court fine with its amount', () => {
    expect(
      dismissal(
        'ПОСТАНОВИЛ: прекратить на основании ст. 25.1 УПК РФ, назначить судебный штраф в размере 25 000 рублей',
      ),
    ).toEqual({ dismissalGround: 'court_fine', fineRoubles: 25000 });
    expect(dismissal('прекратить в связи с примирением сторон')).toEqual({ dismissalGround: 'reconciliation' });
    expect(dismissal('прекратить вследствие акта об амнистии')).toEqual({ dismissalGround: 'amnesty' });
    expect(dismissal('прекратить в связи со смертью подсудимого')).toEqual({ dismissalGround: 'death' });
    expect(dismissal('прекратить в связи с заключением контракта о прохождении военной службы')).toEqual({
      dismissalGround: 'military_service',
    });
    expect(dismissal('освободить от уголовной ответственности на основании ст. 78.1 УК РФ')).toEqual({
      dismissalGround: 'military_service',
    });
    expect(dismissal('прекратить в связи с деятельным раскаянием')).toEqual({ dismissalGround: 'active_repentance' });
    expect(dismissal('прекратить в связи с истечением сроков давности')).toEqual({ dismissalGround: 'limitation' });
    expect(dismissal('прекратить за отсутствием состава преступления')).toEqual({ dismissalGround: 'no_crime' });
    expect(dismissal('прекратить на основании ст. 254 УПК РФ')).toEqual({});
  });

  it('appeal and cassation outcomes, postponement', () => {
    expect(caseResult('Приговор оставлен без изменения')).toBe('upheld');
    expect(caseResult('Приговор изменен')).toBe('amended');
    expect(caseResult('Приговор отменён с направлением на новое рассмотрение')).toBe('quashed');
    expect(caseResult('Рассмотрение дела отложено')).toBe('postponed');
    expect(caseResult('Вынесен ПРИГОВОР')).toBe('verdict');
  });
});
