// A synthetic SUDRFScraper dump with a known answer for every record. Every name is invented from
// syllables (no real person); courts are real institution names. The expected classification comes
// from the labels the generator drew, written independently of the classifier (legal table of
// docs/model.md §4 restated below), so the corpus test can fail.

export interface ExpectedCharge {
  article: string;
  part: string;
  point?: string;
  offence: string;
  mobilisationContext: boolean | null;
  absenceBand: string;
}

export interface ExpectedSentence {
  type: string;
  termMonths?: number;
  probationMonths?: number;
  colonyRegime?: string;
  deductionPercent?: number;
  fineRoubles?: number;
}

export interface ExpectedDefendant {
  /** Invented; "" when the site hides the name. */
  name: string;
  charges: ExpectedCharge[];
  category: string;
  sentence: ExpectedSentence;
}

export interface ExpectedCase {
  line: number;
  court: string;
  caseNumber: string;
  tier: string;
  result: string;
  entryDate: string | null;
  resultDate: string | null;
  region: string;
  defendants: ExpectedDefendant[];
  /** Which notation each charge was written in (for coverage checks). */
  notations: string[];
}

export interface GeneratedRecord {
  json: Record<string, unknown>;
  expected: ExpectedCase;
}

/** mulberry32: a small seeded PRNG, enough for test data. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COURTS: Array<[string, string, string]> = [
  ['235 гарнизонный военный суд', 'garrison', '77'],
  ['Екатеринбургский гарнизонный военный суд', 'garrison', '66'],
  ['Ростовский-на-Дону гарнизонный военный суд', 'garrison', '61'],
  ['Владивостокский гарнизонный военный суд', 'garrison', '25'],
  ['Самарский гарнизонный военный суд', 'garrison', '63'],
  ['Южный окружной военный суд', 'district', '61'],
  ['Центральный окружной военный суд', 'district', '66'],
  ['Тихоокеанский флотский военный суд', 'fleet', '25'],
  ['Северный флотский военный суд', 'fleet', '51'],
  ['Апелляционный военный суд', 'appeal', '50'],
  ['Кассационный военный суд', 'cassation', '50'],
  ['Мировой участок № 3 г. Примерска', 'unknown', '99'],
];

// Legal table (docs/model.md §4), restated for the expected answers.
const LEGAL: Record<string, [offence: string, context: boolean | null, band: string]> = {
  '337|1': ['awol', false, '2-10d'],
  '337|2': ['awol', false, '2-10d'],
  '337|2.1': ['awol', true, '2-10d'],
  '337|3': ['awol', false, '10d-1m'],
  '337|3.1': ['awol', true, '10d-1m'],
  '337|4': ['awol', false, '>1m'],
  '337|5': ['awol', true, '>1m'],
  '337|': ['awol', null, 'unknown'],
  '338|1': ['desertion', false, 'desertion'],
  '338|2': ['desertion', false, 'desertion'],
  '338|3': ['desertion', true, 'desertion'],
  '332|1': ['disobedience', false, 'none'],
  '332|2': ['disobedience', false, 'none'],
  '332|2.1': ['refusal', true, 'refusal'],
  '332|2.2': ['disobedience', true, 'none'],
  '339|1': ['evasion', false, 'none'],
  '339|2': ['evasion', false, 'none'],
  '339|3': ['evasion', true, 'none'],
  '352.1|1': ['surrender', true, 'none'],
  '352.1|2': ['surrender', true, 'none'],
  '334|1': ['violence', null, 'none'],
  '335|2': ['other', null, 'none'],
  'unknown|': ['unknown', null, 'unknown'],
};

const CHARGES: Array<[string, string, number]> = [
  ['337', '5', 30],
  ['337', '2.1', 18],
  ['337', '3.1', 12],
  ['337', '1', 3],
  ['337', '3', 3],
  ['337', '4', 3],
  ['337', '2', 2],
  ['337', '', 2],
  ['338', '1', 3],
  ['338', '2', 2],
  ['338', '3', 4],
  ['332', '2.1', 6],
  ['332', '1', 1],
  ['332', '2', 1],
  ['332', '2.2', 1],
  ['339', '1', 2],
  ['339', '2', 1],
  ['339', '3', 1],
  ['352.1', '1', 2],
  ['352.1', '2', 1],
  ['334', '1', 1],
  ['335', '2', 2],
  ['unknown', '', 2],
];

const NOTATIONS = ['st-part', 'st-part-spaced', 'part-st', 'bare-part', 'uk-prefix', 'part-st-uk', 'words'] as const;

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

function weighted<T>(r: () => number, xs: Array<[T, number]>): T {
  const total = xs.reduce((s, [, w]) => s + w, 0);
  let u = r() * total;
  for (const [x, w] of xs) if ((u -= w) < 0) return x;
  return xs[xs.length - 1]![0];
}

// Syllables that make names no person is known to carry; judges get a separate, fixed set.
const SYL1 = [
  'Вар',
  'Зел',
  'Кор',
  'Мит',
  'Пал',
  'Рум',
  'Сав',
  'Тир',
  'Хол',
  'Бур',
  'Лек',
  'Нор',
  'Дум',
  'Жур',
  'Гал',
  'Фер',
];
const SYL2 = ['но', 'ба', 'ти', 'ше', 'ло', 'ку', 'ря', 'ми', 'го', 'дя', 'зу', 'ве'];
const SYL3 = ['лов', 'ков', 'шин', 'тов', 'рев', 'нин', 'дов', 'сов'];
const FIRST = [
  'Евграф',
  'Ардалион',
  'Мирослав',
  'Велимир',
  'Ратибор',
  'Светозар',
  'Всеволод',
  'Доброслав',
  'Любомир',
  'Ярополк',
];
const PATR = ['Евграфович', 'Ардалионович', 'Мирославович', 'Велимирович', 'Ратиборович', 'Светозарович'];
const JUDGES = ['Судейская А.В.', 'Протокольский Б.Г.', 'Заседательская Д.Е.', 'Регламентский Ж.З.'];

export function inventedSurname(r: () => number): string {
  return pick(r, SYL1) + pick(r, SYL2) + pick(r, SYL3);
}

const NUM_WORDS = [
  'ноль',
  'один',
  'два',
  'три',
  'четыре',
  'пять',
  'шесть',
  'семь',
  'восемь',
  'девять',
  'десять',
  'одиннадцать',
  'двенадцать',
  'тринадцать',
];
const yearWord = (y: number) => (y === 1 ? 'год' : y >= 2 && y <= 4 ? 'года' : 'лет');
const monthWord = (m: number) => (m === 1 ? 'месяц' : m >= 2 && m <= 4 ? 'месяца' : 'месяцев');

function term(months: number): string {
  const y = Math.floor(months / 12);
  const m = months % 12;
  const parts: string[] = [];
  if (y) parts.push(`${y} (${NUM_WORDS[y]}) ${yearWord(y)}`);
  if (m) parts.push(`${m} (${NUM_WORDS[m]}) ${monthWord(m)}`);
  return parts.join(' ');
}

function dmy(iso: string): string {
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}

function addDays(iso: string, d: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10);
}

function renderCharge(c: { article: string; part: string; point?: string }, notation: string): string {
  const { article: a, part: p, point: t } = c;
  if (a === 'unknown') return 'статья не указана';
  if (t) return notation === 'part-st' ? `п. "${t}" ч.${p} ст.${a}` : `ст. ${a} ч. ${p} п. «${t}»`;
  if (p === '') return `ст. ${a}`;
  switch (notation) {
    case 'st-part':
      return `ст.${a} ч.${p}`;
    case 'st-part-spaced':
      return `ст. ${a} ч. ${p}`;
    case 'part-st':
      return `ч.${p} ст.${a}`;
    case 'bare-part':
      return `${a} ч.${p}`;
    case 'uk-prefix':
      return `УК РФ: ст. ${a} ч.${p}`;
    case 'part-st-uk':
      return `ч. ${p} ст. ${a} УК РФ`;
    default:
      return `статья ${a} часть ${p}`;
  }
}

const CATEGORY_PHRASE: Record<string, string[]> = {
  mobilised: [
    'призванный на военную службу по мобилизации',
    'призванный по мобилизации, проходящий военную службу по контракту',
  ],
  contract: ['проходящий военную службу по контракту'],
  conscript: ['проходящий военную службу по призыву'],
  ex_prisoner: [
    'освобожденный от отбывания наказания в связи с заключением контракта для участия в специальной военной операции',
    'помилованный указом Президента Российской Федерации',
  ],
  unknown: ['военнослужащий войсковой части 00000'],
};

function sentencePhrase(r: () => number, s: ExpectedSentence): string {
  switch (s.type) {
    case 'suspended':
      return `в виде лишения свободы на срок ${term(s.termMonths!)}. На основании ст. 73 УК РФ назначенное наказание считать условным с испытательным сроком ${term(s.probationMonths!)}.`;
    case 'prison': {
      const place =
        s.colonyRegime === 'settlement'
          ? 'колонии-поселении'
          : s.colonyRegime === 'general'
            ? 'исправительной колонии общего режима'
            : 'исправительной колонии строгого режима';
      return `в виде лишения свободы на срок ${term(s.termMonths!)} с отбыванием наказания в ${place}.`;
    }
    case 'restriction_of_service':
      return `в виде ограничения по военной службе на срок ${term(s.termMonths!)} с удержанием в доход государства ${s.deductionPercent} (${NUM_WORDS[s.deductionPercent!] ?? s.deductionPercent}) % из денежного довольствия.`;
    case 'disciplinary_unit':
      return `в виде содержания в дисциплинарной воинской части на срок ${term(s.termMonths!)}.`;
    case 'fine':
      return `с применением ст. 64 УК РФ в виде штрафа в размере ${s.fineRoubles!.toLocaleString('ru-RU').replace(/\u00a0/g, ' ')} рублей.`;
    default:
      // Arrest (Art. 44 "и", Art. 54) is a sentence like the others since issue 16: the label follows the text.
      if (r() < 0.5) {
        Object.assign(s, { type: 'arrest', termMonths: 3 });
        return 'в виде ареста на срок 3 (три) месяца.';
      }
      return 'в соответствии с резолютивной частью, изготовленной отдельно.';
  }
}

function drawSentence(r: () => number): ExpectedSentence {
  const type = weighted(r, [
    ['suspended', 55],
    ['prison', 28],
    ['restriction_of_service', 7],
    ['disciplinary_unit', 5],
    ['fine', 2],
    ['unknown', 3],
  ] as Array<[string, number]>);
  if (type === 'suspended')
    return { type, termMonths: pick(r, [12, 18, 24, 30, 36, 60]), probationMonths: pick(r, [12, 18, 24, 36]) };
  if (type === 'prison')
    return {
      type,
      termMonths: pick(r, [8, 12, 24, 30, 60, 66, 72, 84, 156]),
      colonyRegime: pick(r, ['settlement', 'general', 'strict']),
    };
  if (type === 'restriction_of_service')
    return { type, termMonths: pick(r, [4, 6, 8, 12, 18]), deductionPercent: pick(r, [5, 10, 15, 20]) };
  if (type === 'disciplinary_unit') return { type, termMonths: pick(r, [3, 6, 9, 12]) };
  if (type === 'fine') return { type, fineRoubles: pick(r, [20000, 40000, 100000]) };
  return { type: 'unknown' };
}

export interface GenerateOptions {
  seed?: number;
  /** Share of verdicts with a published judgment text (the rest give sentence "unknown"). */
  textShare?: number;
  /** Give every defendant a name (else ~10% are hidden, as the sites do). */
  hiddenShare?: number;
}

/** Record i of the corpus (deterministic in seed and i, so a dump of any size streams from here). */
export function generateRecord(i: number, opts: GenerateOptions = {}): GeneratedRecord {
  const r = mulberry32((opts.seed ?? 7) * 1_000_003 + i * 7919);
  const textShare = opts.textShare ?? 0.7;
  const hiddenShare = opts.hiddenShare ?? 0.1;
  const [court, tier, region] = COURTS[i % COURTS.length]!;
  const entry = addDays('2022-10-01', Math.floor(r() * 820));
  const year = entry.slice(0, 4);
  const caseNumber =
    tier === 'appeal'
      ? `22-${100 + i}/${year}`
      : tier === 'cassation'
        ? `7у-${100 + i}/${year}`
        : `1-${100 + i}/${year}`;
  const result = weighted(r, [
    ['verdict', 62],
    ['terminated', 10],
    ['returned_to_prosecutor', 6],
    ['transferred', 6],
    ['suspended', 3],
    ['pending', 10],
    ['unknown', 3],
  ] as Array<[string, number]>);
  const decisions: Record<string, string[]> = {
    verdict: ['Вынесен ПРИГОВОР', 'Постановлен приговор'],
    terminated: ['Дело прекращено', 'Прекращено уголовное дело (уголовное преследование)'],
    returned_to_prosecutor: ['Возвращено прокурору', 'Уголовное дело возвращено прокурору'],
    transferred: ['Направлено по подсудности', 'Передано по подсудности'],
    suspended: ['Производство по делу приостановлено'],
    pending: [''],
    unknown: ['Иное решение (см. карточку)'],
  };
  const decision = pick(r, decisions[result]!);
  const resultDate = result === 'pending' ? null : addDays(entry, 20 + Math.floor(r() * 100));
  const endDate = result === 'verdict' && resultDate ? addDays(resultDate, 15) : null;
  const nDef = weighted(r, [
    [1, 85],
    [2, 12],
    [3, 3],
  ] as Array<[number, number]>);
  const withText = result === 'verdict' && r() < textShare;
  const category = withText
    ? weighted(r, [
        ['mobilised', 35],
        ['contract', 35],
        ['conscript', 8],
        ['ex_prisoner', 10],
        ['unknown', 12],
      ] as Array<[string, number]>)
    : 'unknown';
  const sentence: ExpectedSentence =
    result !== 'verdict' ? { type: 'none' } : withText ? drawSentence(r) : { type: 'unknown' };
  const defendants: ExpectedDefendant[] = [];
  const lines: string[] = [];
  const notations: string[] = [];
  for (let d = 0; d < nDef; d++) {
    const hidden = r() < hiddenShare;
    const surname = inventedSurname(r);
    const full = r() < 0.5;
    const name = hidden
      ? ''
      : full
        ? `${surname} ${pick(r, FIRST)} ${pick(r, PATR)}`
        : `${surname} ${pick(r, FIRST)[0]}.${pick(r, PATR)[0]}.`;
    const nCh = r() < 0.2 ? 2 : 1;
    const charges: ExpectedCharge[] = [];
    const rendered: string[] = [];
    for (let c = 0; c < nCh; c++) {
      let [article, part] = weighted(
        r,
        CHARGES.map(([a, p, w]) => [[a, p], w] as [[string, string], number]),
      );
      if (charges.some((x) => x.article === article && x.part === part)) continue;
      if (article === 'unknown' && nCh > 1) [article, part] = ['337', '5'];
      if (charges.some((x) => x.article === article && x.part === part)) continue;
      const point = article === '335' ? pick(r, ['а', 'б', 'в']) : undefined;
      const notation = pick(r, NOTATIONS);
      const [offence, context, band] = LEGAL[`${article}|${part}`]!;
      charges.push({
        article,
        part,
        ...(point ? { point } : {}),
        offence,
        mobilisationContext: context,
        absenceBand: band,
      });
      rendered.push(renderCharge({ article, part, point }, notation));
      notations.push(article === 'unknown' ? 'unknown' : point ? 'point' : part === '' ? 'no-part' : notation);
    }
    const arts = rendered.join(pick(r, ['; ', ', ']));
    const shown = hidden ? pick(r, ['Ф.И.О. скрыто', 'ФИО1', 'Данные изъяты']) : name;
    lines.push(pick(r, [`${shown} - ${arts}`, `${shown} (${arts})`, `${shown}: ${arts}`]));
    defendants.push({ name, charges, category, sentence });
  }
  const names = lines.join(pick(r, ['\n', ' | ', '<br>']));
  let text = '';
  if (withText) {
    const who = defendants.map((d, k) =>
      d.name
        ? d.name.split(' ')[0] +
          ' ' +
          (d.name.includes('.') ? d.name.split(' ')[1] : `${d.name.split(' ')[1]![0]}.${d.name.split(' ')[2]![0]}.`)
        : `ФИО${k + 1}`,
    );
    const arts = defendants
      .flatMap((d) => d.charges)
      .map((c) => renderCharge(c, 'part-st-uk'))
      .join(', ');
    const prior =
      r() < 0.2
        ? ' Ранее судим приговором районного суда к лишению свободы на срок 3 (три) года с отбыванием наказания в исправительной колонии общего режима, освобожден по отбытии срока.'
        : '';
    const phrase = pick(r, CATEGORY_PHRASE[category]!);
    text =
      `ПРИГОВОР ИМЕНЕМ РОССИЙСКОЙ ФЕДЕРАЦИИ\n${dmy(resultDate!)} ${court} в составе председательствующего ${pick(r, JUDGES)}, рассмотрев уголовное дело в отношении ${who.join(', ')}, ${phrase}, обвиняемого в совершении преступления, предусмотренного ${arts},\nУСТАНОВИЛ:\n${who[0]} без уважительных причин не явился в срок на службу.${prior}\n` +
      `ПРИГОВОРИЛ:\nпризнать ${who.join(', ')} виновным и назначить наказание ${sentencePhrase(r, sentence)}`;
  }
  const hasUid = r() < 0.4;
  const json: Record<string, unknown> = {
    id: i + 1,
    region: Number(region),
    name: court,
    caseNumber,
    entryDate: dmy(entry),
    names,
    judge: pick(r, JUDGES),
    resultDate: resultDate ? dmy(resultDate) : '',
    decision,
    endDate: endDate ? dmy(endDate) : '',
    text,
  };
  if (hasUid)
    json.caseUid = `${region}GV0001-01-${year}-${String(100 + i).padStart(6, '0')}-${String(i % 97).padStart(2, '0')}`;
  return {
    json,
    expected: {
      line: i + 1,
      court,
      caseNumber,
      tier,
      result,
      entryDate: entry,
      resultDate,
      region,
      defendants,
      notations,
    },
  };
}
