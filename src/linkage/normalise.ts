/**
 * Normalisation applied before encoding or comparing. Every party must apply the same rules,
 * so they are versioned: a CLK made under one version is not comparable with another's.
 */
import { hasCyrillic, transliterate, TRANSLIT_SCHEMES } from '../domain/index.ts';

export const NORMALISATION_VERSION = 1;

export type CaseRule = 'lower' | 'upper' | 'keep';

/** NFKD, combining marks stripped, case folded, runs of spaces collapsed, ends trimmed. */
export function foldText(text: string, caseRule: CaseRule = 'lower'): string {
  let s = text.normalize('NFKD').replace(/\p{M}/gu, '');
  // NFKD leaves a few letters with built-in strokes; these are the ones names use.
  s = s.replace(/[ßøØłŁđĐıæÆœŒ]/g, (c) => STROKES[c] ?? c);
  s = s.replace(/\s+/gu, ' ').trim();
  if (caseRule === 'lower') s = s.toLowerCase();
  else if (caseRule === 'upper') s = s.toUpperCase();
  return s;
}

const STROKES: Record<string, string> = {
  ß: 'ss',
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ı: 'i',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
};

// Every group below is non-optional, so a match always has all three.
const DATE_FORMS: Array<[RegExp, (m: RegExpExecArray) => [string, string, string]]> = [
  [/^(\d{4})-(\d{1,2})-(\d{1,2})$/, (m) => [m[1]!, m[2]!, m[3]!]],
  [/^(\d{4})(\d{2})(\d{2})$/, (m) => [m[1]!, m[2]!, m[3]!]],
  [/^(\d{4})\/(\d{1,2})\/(\d{1,2})$/, (m) => [m[1]!, m[2]!, m[3]!]],
  // Day first, as Russian and Ukrainian documents write dates.
  [/^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/, (m) => [m[3]!, m[2]!, m[1]!]],
];

/** Every rule, for encoding (schema `x-darkfigure-normalise`) and for clear linking (settings `normalise`). */
export type NormaliseRule = 'none' | 'text' | 'nameKey' | 'initial' | 'digits' | 'isoDate';

/** A value its rule cannot read (a date that is no calendar date): bad input, located by the caller. */
export class UnreadableValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableValueError';
  }
}

/**
 * The one normalisation dispatcher: encoding and clear linking must agree, or the same person would
 * encode one way and compare another. '' when nothing is left. A non-empty value that isoDate cannot
 * read throws UnreadableValueError (never a silent fallback to the text).
 */
export function normaliseValue(v: string, rule: NormaliseRule, caseRule: CaseRule = 'lower'): string {
  switch (rule) {
    case 'none':
      return v;
    case 'text':
      return foldText(v, caseRule);
    case 'nameKey':
      return nameKey(v).key;
    case 'initial':
      return nameKey(v).key.slice(0, 1);
    case 'digits':
      // Unit numbers, phone numbers: "в/ч 47879" and "v/ch 47879" are both 47879.
      return v.replace(/\D+/g, '');
    case 'isoDate': {
      if (v.trim() === '') return '';
      const iso = normaliseDate(v);
      if (iso === null) throw new UnreadableValueError(`not a recognisable calendar date: ${JSON.stringify(v)}`);
      return iso;
    }
  }
}

/** A date written in a common form → ISO YYYY-MM-DD, or null if it is not a calendar date. */
export function normaliseDate(text: string): string | null {
  const t = text.trim();
  for (const [re, pick] of DATE_FORMS) {
    const m = re.exec(t);
    if (!m) continue;
    const [y, mo, d] = pick(m);
    const iso = `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
    const date = new Date(Date.UTC(+y, +mo - 1, +d));
    if (date.getUTCFullYear() !== +y || date.getUTCMonth() !== +mo - 1 || date.getUTCDate() !== +d) return null;
    return iso;
  }
  return null;
}

/**
 * Fold a Latin spelling of a Russian name so that every transliteration scheme lands on the
 * same string. The folds are lossy on purpose (х, кс → one symbol; г and Ukrainian h → g;
 * glides dropped; doubled letters single): the key is for comparing, never for display.
 */
function foldLatinWord(w: string): string {
  let s = w;
  s = s.replace(/shch|shh|sch/g, 'Q');
  s = s.replace(/zgh/g, 'zg');
  s = s.replace(/zh/g, 'J');
  s = s.replace(/kh|ks|x/g, 'H');
  s = s.replace(/ch/g, 'C');
  s = s.replace(/sh/g, 'S');
  s = s.replace(/cz|ts|tz|c/g, 'T');
  s = s.replace(/w/g, 'v');
  s = s.replace(/h/g, 'g');
  s = s.replace(/[jy]/g, 'i');
  // ICAO writes ъ as "ie", and it always stands before an iotated vowel (Podieiacheva).
  s = s.replace(/ie(?=i[aeou])/g, '');
  s = s.replace(/(.)\1+/g, '$1');
  // ё: GOST/informal "yo" after the glide fold is "io"; ICAO and MVD write plain "e".
  s = s.replace(/io/g, 'e');
  // Iotation: ya/ia/ja, yu/iu/ju, ye/ie/je all lose the glide.
  s = s.replace(/i(?=[aeu])/g, '');
  s = s.replace(/(.)\1+/g, '$1');
  return s.toLowerCase();
}

export interface NameKey {
  /** One comparable key: the same for the Cyrillic spelling and each Latin scheme's spelling. */
  key: string;
  /** Plain folded spellings (each scheme's rendering, lower-case, marks stripped) for n-gram comparison. */
  variants: string[];
}

/** Latin letters of a folded text, words kept apart by single spaces. */
function lettersOnly(s: string): string {
  return s
    .replace(/['’”`ʹʺ"]/g, '')
    .replace(/[^a-z ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function nameKey(text: string): NameKey {
  const cyr = hasCyrillic(text);
  const latin = cyr ? transliterate(text, 'icao') : text;
  const key = lettersOnly(foldText(latin)).split(' ').filter(Boolean).map(foldLatinWord).join(' ');
  const variants = new Set<string>();
  if (cyr) for (const s of TRANSLIT_SCHEMES) variants.add(lettersOnly(foldText(transliterate(text, s))));
  else variants.add(lettersOnly(foldText(text)));
  return { key, variants: [...variants].filter(Boolean) };
}
