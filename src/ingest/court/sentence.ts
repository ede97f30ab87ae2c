import type { ColonyRegime, DefendantCategory, Sentence } from './types.ts';

// Sentences are read from the operative part of the judgment ("ПРИГОВОРИЛ: … признать виновным …
// назначить наказание в виде …"), so that prior convictions recited earlier in the text do not count.

const WORD_NUMBERS: Record<string, number> = {
  один: 1,
  одного: 1,
  одна: 1,
  одну: 1,
  два: 2,
  двух: 2,
  две: 2,
  три: 3,
  трех: 3,
  четыре: 4,
  четырех: 4,
  пять: 5,
  пяти: 5,
  шесть: 6,
  шести: 6,
  семь: 7,
  семи: 7,
  восемь: 8,
  восьми: 8,
  девять: 9,
  девяти: 9,
  десять: 10,
  десяти: 10,
  одиннадцать: 11,
  двенадцать: 12,
  тринадцать: 13,
  четырнадцать: 14,
  пятнадцать: 15,
  шестнадцать: 16,
  семнадцать: 17,
  восемнадцать: 18,
  девятнадцать: 19,
  двадцать: 20,
};

const NUM = String.raw`(\d{1,3}|[а-яё]+)\s*(?:\([^)]{0,40}\)\s*)?`;
// "2 (два) года 6 (шесть) месяцев", "1 год", "6 месяцев", "два года".
const TERM = new RegExp(String.raw`^\s*(?:${NUM}(года|год|лет))?\s*(?:и\s+|,\s*)?(?:${NUM}(месяц\S*))?`, 'iu');

function toNumber(s: string | undefined): number | null {
  if (!s) return null;
  if (/^\d+$/.test(s)) return Number(s);
  return WORD_NUMBERS[s.toLowerCase().replace(/ё/g, 'е')] ?? null;
}

/** Months in the term that starts at `text` ("5 (пять) лет 6 месяцев" → 66); null if none reads. */
export function parseTermMonths(text: string): number | null {
  const m = TERM.exec(text);
  if (!m) return null;
  const years = m[2] ? toNumber(m[1]) : null;
  const months = m[4] ? toNumber(m[3]) : null;
  if (years === null && months === null) return null;
  return (years ?? 0) * 12 + (months ?? 0);
}

const fold = (s: string) =>
  s
    .replace(/ё/g, 'е')
    .replace(/Ё/g, 'Е')
    .replace(/[\s\u00a0]+/g, ' ');

// The operative part: after "ПРИГОВОРИЛ" (a verdict), "ПОСТАНОВИЛ" (a ruling), "ОПРЕДЕЛИЛ(А)" (appeal, cassation),
// letters sometimes spaced out. Reading only it keeps out prior convictions and the prosecutor's request.
const OPERATIVE =
  /(?:П\s?Р\s?И\s?Г\s?О\s?В\s?О\s?Р\s?И\s?Л|П\s?О\s?С\s?Т\s?А\s?Н\s?О\s?В\s?И\s?Л|О\s?П\s?Р\s?Е\s?Д\s?Е\s?Л\s?И\s?Л)\s?[АОИ]?\s*:?/u;

/** The operative part of the judgment, if the text marks it; else the whole text. */
export function operativePart(text: string): string {
  const m = OPERATIVE.exec(text);
  return m ? text.slice(m.index + m[0].length) : text;
}

// Each punishment of Art. 44 by the stem every grammatical case shares (лишение/лишения/лишению/лишением
// свободы), as one alternation scanned once. Life before prison, restriction of service before restriction
// of liberty: at one position the longer name wins.
const PUNISHMENTS: Array<[Sentence['type'], string]> = [
  ['life', String.raw`пожизненн\S*\s+лишени\S*\s+свободы`],
  ['prison', String.raw`(?<![а-яё])лишени[еяюи]\S*\s+свободы`],
  ['restriction_of_service', String.raw`(?<![а-яё])ограничени\S*\s+по\s+военной\s+службе`],
  ['restriction_of_liberty', String.raw`(?<![а-яё])ограничени\S*\s+свободы`],
  ['disciplinary_unit', String.raw`(?<![а-яё])содержани\S*\s+в\s+дисциплинарной\s+воинской\s+част`],
  ['compulsory_labour', String.raw`(?<![а-яё])обязательн\S*\s+работ`],
  ['corrective_labour', String.raw`(?<![а-яё])исправительн\S*\s+работ`],
  ['forced_labour', String.raw`(?<![а-яё])принудительн\S*\s+работ`],
  ['fine', String.raw`(?<![а-яё])штраф(?:а|у|ом|ы)?(?![а-яё])`],
  ['arrest', String.raw`(?<![а-яё])арест(?:а|у|ом)?(?![а-яё])`],
];
const PUNISHMENT = new RegExp(PUNISHMENTS.map(([, re], i) => `(?<p${i}>${re})`).join('|'), 'giu');

// A mention that is not the sentence: time in custody credited "в срок лишения свободы", the warning that an
// unpaid fine "может быть заменен … лишением свободы", a court fine (a measure, not a punishment).
const NOT_IMPOSED_BEFORE =
  /(?:в\s+срок|зачесть\s+(?:\S+\s+){0,4}|в\s+том\s+числе|иным\s+видом\s+наказания,?\s*|судебн\S*|уплаты|от\s+уплаты)\s*$/iu;
const ARREST_CONTEXT_BEFORE = /(?:в\s+виде|(?<![а-яё])к|наказани\S*\s*[:—–-]?|год\S*|лет|месяц\S*|\))\s*$/iu;
const ARREST_CONTEXT_AFTER = /^\s*(?:на\s+срок|сроком)/iu;

interface Hit {
  type: Sentence['type'];
  index: number;
  end: number;
}

/** The first punishment the text imposes (its position), skipping mentions that impose nothing. */
function firstPunishment(text: string): Hit | null {
  PUNISHMENT.lastIndex = 0;
  for (let m = PUNISHMENT.exec(text); m; m = PUNISHMENT.exec(text)) {
    const g = m.groups!;
    const i = PUNISHMENTS.findIndex((_, k) => g[`p${k}`] !== undefined);
    const type = PUNISHMENTS[i]![0]; // PUNISHMENT has one group per entry and one of them matched
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    if (NOT_IMPOSED_BEFORE.test(before)) continue;
    if (
      type === 'arrest' &&
      !ARREST_CONTEXT_BEFORE.test(before) &&
      !ARREST_CONTEXT_AFTER.test(text.slice(m.index + m[0].length))
    )
      continue;
    return { type, index: m.index, end: m.index + m[0].length };
  }
  return null;
}

const TERM_AFTER = /^[^.;]{0,40}?(?:на\s+срок|сроком(?:\s+на|\s+в)?)\s+/iu;
// A term written before the punishment: "назначить 2 (два) года лишения свободы".
const TERM_BEFORE = new RegExp(
  String.raw`(?:${NUM}(?:года|год|лет)\s*(?:и\s+|,\s*)?)?(?:${NUM}(?:месяц\S*))?\s*$`,
  'iu',
);

function termOf(text: string, hit: Hit): number | undefined {
  const after = text.slice(hit.end);
  const m = TERM_AFTER.exec(after);
  if (m) {
    const t = parseTermMonths(after.slice(m[0].length));
    if (t !== null) return t;
  }
  const before = text.slice(Math.max(0, hit.index - 60), hit.index);
  const b = TERM_BEFORE.exec(before);
  if (b && b[0].trim() !== '') return parseTermMonths(b[0]) ?? undefined;
  return undefined;
}

function regime(text: string): ColonyRegime | undefined {
  if (/колони\S*[-\s]+поселени/iu.test(text)) return 'settlement';
  if (/общего\s+режима/iu.test(text)) return 'general';
  if (/строгого\s+режима/iu.test(text)) return 'strict';
  if (/особого\s+режима/iu.test(text)) return 'special';
  return undefined;
}

const DEDUCTION =
  /удержани\S*\s+(?:из\s+(?:заработной\s+платы|заработка|денежного\s+довольствия)\s+)?(?:в\s+доход\s+государства\s+)?(\d{1,2})\s*(?:\([^)]*\)\s*)?(?:%|процент)/iu;
const AMOUNT = /^[^.;]{0,60}?(?:в\s+размере|в\s+сумме)\s+(\d[\d ]*\d|\d)\s*(?:\([^)]*\)\s*)?руб/iu;
// "условно", "условным", "условное осуждение", "ст. 73" (but not release "условно-досрочно").
const SUSPENDED = /(?<![а-яё])условн(?![а-яё]*-досрочн)|ст(?:\.|атьи|атьей|атья)\s*73(?![\d.])/iu;
const PROBATION = /испытательн\S*\s+срок\S*\s+(?:в\s+)?/iu;
const CAN_BE_SUSPENDED = new Set<Sentence['type']>([
  'prison',
  'restriction_of_service',
  'disciplinary_unit',
  'corrective_labour',
]);

/** A sentence as one paragraph of an operative part states it (the final one, when there are several). */
function readPunishment(text: string): Sentence {
  // Art. 53.1: a prison term replaced by forced labour is a sentence of forced labour.
  const replaced = /замен\S*\s+(?:\S+\s+){0,10}?(принудительн\S*\s+работ\S*)/iu.exec(text);
  if (replaced) {
    const at = replaced.index + replaced[0].length - replaced[1]!.length;
    const s: Sentence = { type: 'forced_labour' };
    const term = termOf(text, { type: 'forced_labour', index: at, end: replaced.index + replaced[0].length });
    if (term !== undefined) s.termMonths = term;
    const d = DEDUCTION.exec(text.slice(at));
    if (d) s.deductionPercent = Number(d[1]);
    return s;
  }
  const hit = firstPunishment(text);
  if (!hit) return { type: 'unknown' };
  const rest = text.slice(hit.index);
  const suspended = CAN_BE_SUSPENDED.has(hit.type) && SUSPENDED.test(text);
  const s: Sentence = { type: suspended ? 'suspended' : hit.type };
  if (hit.type !== 'compulsory_labour' && hit.type !== 'fine' && hit.type !== 'life') {
    const term = termOf(text, hit);
    if (term !== undefined) s.termMonths = term;
  }
  if (suspended) {
    const p = PROBATION.exec(text);
    const prob = p ? parseTermMonths(text.slice(p.index + p[0].length)) : null;
    if (prob !== null) s.probationMonths = prob;
    return s;
  }
  if (hit.type === 'prison' || hit.type === 'life') {
    const r = regime(rest);
    if (r) s.colonyRegime = r;
  }
  if (hit.type === 'restriction_of_service' || hit.type === 'corrective_labour' || hit.type === 'forced_labour') {
    const d = DEDUCTION.exec(rest);
    if (d) s.deductionPercent = Number(d[1]);
  }
  if (hit.type === 'fine') {
    const a = AMOUNT.exec(text.slice(hit.end));
    if (a) s.fineRoubles = Number(a[1]!.replace(/ /g, ''));
  }
  return s;
}

/**
 * The sentence one defendant's part of a verdict states: acquittal, a case ended for him (with its ground),
 * the final sentence for several crimes or verdicts (Arts. 69, 70), or the one punishment imposed;
 * "unknown" when the text is empty or says nothing we can read.
 */
export function parseSentence(fullText: string): Sentence {
  const text = fold(operativePart(fullText));
  if (text.trim() === '') return { type: 'unknown' };
  // "признать невиновным и оправдать": an acquittal ("невиновн" is not "виновн").
  if (/оправда/iu.test(text) && !/виновн/iu.test(text.replace(/невиновн/giu, ''))) return { type: 'acquitted' };
  // The final sentence comes after "окончательно назначить", or else after the last "по совокупности …".
  const fin =
    /окончательн\S*\s+(?:назнач|определ)/iu.exec(text) ??
    lastMatch(text, /по\s+совокупност\S*\s+(?:преступлени|приговор)\S*/giu);
  if (fin) {
    const s = readPunishment(text.slice(fin.index));
    // How they were put together may be said before "окончательно" or after "по совокупности": the whole paragraph.
    const before = text;
    if (/совокупност\S*\s+приговор/iu.test(before)) s.combination = 'verdicts';
    else if (/совокупност\S*\s+преступлени/iu.test(before)) s.combination = 'crimes';
    if (/поглощени/iu.test(before)) s.addition = 'absorption';
    else if (/частичн\S*\s+(?:сложени|присоединени)|частично\s+(?:сложи|присоедини)/iu.test(before))
      s.addition = 'partial';
    else if (/полн\S*\s+(?:сложени|присоединени)|полностью\s+(?:сложи|присоедини)/iu.test(before)) s.addition = 'full';
    return s;
  }
  const s = readPunishment(text);
  if (s.type === 'unknown' && /прекрат/iu.test(text)) return { type: 'none', ...dismissal(text) };
  return s;
}

function lastMatch(text: string, re: RegExp): RegExpExecArray | null {
  let last: RegExpExecArray | null = null;
  for (let m = re.exec(text); m; m = re.exec(text)) last = m;
  return last;
}

// Grounds for ending a case, by the words of CPC Arts. 24–28.2 and Criminal Code Arts. 75–78.1; the article
// numbers alone where the words are missing. The court fine first: its ruling also cites other articles.
const GROUNDS: Array<[NonNullable<Sentence['dismissalGround']>, RegExp]> = [
  ['court_fine', /судебн\S*\s+штраф|25\.1\s*УПК|76\.2\s*УК/iu],
  [
    'military_service',
    /78\.1\s*УК|28\.2\s*УПК|в\s+связи\s+с\s+(?:его\s+)?(?:призывом|заключением\s+(?:\S+\s+){0,6}?контракт|прохождением\s+военной\s+службы)|награждени\S*\s+государственн/iu,
  ],
  ['reconciliation', /примирени/iu],
  ['amnesty', /амнисти/iu],
  ['death', /(?<![а-яё])смерт(?:ью|и|ь)(?![а-яё])/iu],
  ['active_repentance', /деятельн\S*\s+раскаяни/iu],
  ['limitation', /давност/iu],
  ['no_crime', /отсутстви\S*\s+(?:в\s+деянии\s+|в\s+действиях\s+\S+\s+)?(?:состава|события)/iu],
];

/** The ground (and court fine) of a case ended for one defendant, where the ruling states it. */
export function dismissal(fullText: string): Pick<Sentence, 'dismissalGround' | 'fineRoubles'> {
  const text = fold(operativePart(fullText));
  for (const [ground, re] of GROUNDS)
    if (re.test(text)) {
      if (ground !== 'court_fine') return { dismissalGround: ground };
      const m = /судебн\S*\s+штраф\S*(.{0,160})/iu.exec(text);
      const a = m ? /(?:в\s+размере|в\s+сумме|в)\s+(\d[\d ]*\d|\d)\s*(?:\([^)]*\)\s*)?руб/iu.exec(m[1]!) : null;
      return a
        ? { dismissalGround: ground, fineRoubles: Number(a[1]!.replace(/ /g, '')) }
        : { dismissalGround: ground };
    }
  return {};
}

// Mobilised men are often also described as serving "по контракту" (figure M19, data/figures.json): mobilised wins.
const CATEGORY_RULES: Array<[RegExp, DefendantCategory]> = [
  [
    /освобожд\S*\s+(?:от\s+отбывания\s+наказания\s+)?(?:\S+\s+){0,6}?для\s+участия\s+в\s+специальной|помилован|из\s+числа\s+осужденн|заключил\S*\s+контракт\S*\s+(?:\S+\s+){0,4}?в\s+период\s+отбывания\s+наказания/iu,
    'ex_prisoner',
  ],
  [/мобилизац|мобилизованн/iu, 'mobilised'],
  [/по\s+призыву/iu, 'conscript'],
  [/по\s+контракту/iu, 'contract'],
];

/** The defendant's category where the text says it; "unknown" otherwise. */
export function defendantCategory(text: string): DefendantCategory {
  const t = text.replace(/ё/g, 'е').replace(/\s+/g, ' ');
  for (const [re, c] of CATEGORY_RULES) if (re.test(t)) return c;
  return 'unknown';
}
