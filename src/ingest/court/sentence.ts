import type { ColonyRegime, DefendantCategory, Sentence } from './types.ts';

// Sentences are read from the operative part of the judgment ("ПРИГОВОРИЛ: … признать виновным …
// назначить наказание в виде …"), so that prior convictions recited earlier in the text do not count.

const WORD_NUMBERS: Record<string, number> = {
  один: 1, одного: 1, одна: 1, одну: 1, два: 2, двух: 2, две: 2, три: 3, трех: 3, четыре: 4, четырех: 4, пять: 5, пяти: 5,
  шесть: 6, шести: 6, семь: 7, семи: 7, восемь: 8, восьми: 8, девять: 9, девяти: 9, десять: 10, десяти: 10,
  одиннадцать: 11, двенадцать: 12, тринадцать: 13, четырнадцать: 14, пятнадцать: 15, шестнадцать: 16,
  семнадцать: 17, восемнадцать: 18, девятнадцать: 19, двадцать: 20,
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

function termAfter(text: string, re: RegExp): number | undefined {
  const m = re.exec(text);
  if (!m) return undefined;
  return parseTermMonths(text.slice(m.index + m[0].length)) ?? undefined;
}

function regime(text: string): ColonyRegime | undefined {
  if (/колони\S*[-\s]+поселени/iu.test(text)) return 'settlement';
  if (/общего\s+режима/iu.test(text)) return 'general';
  if (/строгого\s+режима/iu.test(text)) return 'strict';
  if (/особого\s+режима/iu.test(text)) return 'special';
  return undefined;
}

/** The operative part of the judgment, if the text marks it; else the whole text. */
export function operativePart(text: string): string {
  const m = /П\s?Р\s?И\s?Г\s?О\s?В\s?О\s?Р\s?И\s?Л\s*:?/u.exec(text);
  return m ? text.slice(m.index + m[0].length) : text;
}

const PRISON = /лишени\S*\s+свободы\s+на\s+срок/iu;

/** The sentence a verdict's text states; "unknown" when the text is empty or says nothing we can read. */
export function parseSentence(fullText: string): Sentence {
  const text = operativePart(fullText).replace(/\s+/g, ' ');
  if (text.trim() === '') return { type: 'unknown' };
  if (/оправда/iu.test(text) && !/виновн/iu.test(text)) return { type: 'none' };
  const suspended = /условн\S*\s+(?:осуждени|с\s+испытательн)|счита\S*\s+условн|назначенное\s+наказание\s+считать\s+условным|ст(?:\.|атьи|атьей)\s*73\s/iu.test(text);
  if (suspended) {
    const s: Sentence = { type: 'suspended' };
    const term = termAfter(text, PRISON) ?? termAfter(text, /ограничени\S*\s+по\s+военной\s+службе\s+на\s+срок/iu);
    if (term !== undefined) s.termMonths = term;
    const prob = termAfter(text, /испытательн\S*\s+срок\S*\s+(?:в\s+)?/iu);
    if (prob !== undefined) s.probationMonths = prob;
    return s;
  }
  if (PRISON.test(text)) {
    const s: Sentence = { type: 'prison' };
    const term = termAfter(text, PRISON);
    if (term !== undefined) s.termMonths = term;
    const r = regime(text);
    if (r) s.colonyRegime = r;
    return s;
  }
  const restriction = /ограничени\S*\s+по\s+военной\s+службе\s+на\s+срок/iu;
  if (restriction.test(text)) {
    const s: Sentence = { type: 'restriction_of_service' };
    const term = termAfter(text, restriction);
    if (term !== undefined) s.termMonths = term;
    const d = /удержани\S*\s+(?:в\s+доход\s+государства\s+)?(\d{1,2})\s*(?:\([^)]*\)\s*)?(?:%|процент)/iu.exec(text);
    if (d) s.deductionPercent = Number(d[1]);
    return s;
  }
  const disciplinary = /содержани\S*\s+в\s+дисциплинарной\s+воинской\s+части\s+на\s+срок/iu;
  if (disciplinary.test(text)) {
    const s: Sentence = { type: 'disciplinary_unit' };
    const term = termAfter(text, disciplinary);
    if (term !== undefined) s.termMonths = term;
    return s;
  }
  const fine = /штраф\S*\s+в\s+размере\s+(\d[\d\s]*\d|\d)\s*(?:\([^)]*\)\s*)?руб/iu.exec(text);
  if (fine) return { type: 'fine', fineRoubles: Number(fine[1].replace(/\s/g, '')) };
  return { type: 'unknown' };
}

// Mobilised men are often also described as serving "по контракту" (figures.md §4 M19): mobilised wins.
const CATEGORY_RULES: Array<[RegExp, DefendantCategory]> = [
  [/освобожд\S*\s+(?:от\s+отбывания\s+наказания\s+)?(?:\S+\s+){0,6}?для\s+участия\s+в\s+специальной|помилован|из\s+числа\s+осужденн|заключил\S*\s+контракт\S*\s+(?:\S+\s+){0,4}?в\s+период\s+отбывания\s+наказания/iu, 'ex_prisoner'],
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
