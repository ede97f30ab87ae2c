/**
 * Cyrillic → Latin transliteration of Russian (and Ukrainian-lettered) names under the schemes a
 * name is actually found written in. Each scheme is a letter table plus the few context rules it
 * has (iotated vowels at the start of a word or after a vowel, GOST's ц, informal кс).
 * Non-Cyrillic characters pass through unchanged.
 */
export type TranslitScheme = 'gost' | 'icao' | 'mvd1997' | 'bgn' | 'informal' | 'ukrainian';

export const TRANSLIT_SCHEMES: readonly TranslitScheme[] = ['gost', 'icao', 'mvd1997', 'bgn', 'informal', 'ukrainian'];

type Table = Record<string, string>;

// Letters whose rendering is the same in every scheme.
const COMMON: Table = {
  а: 'a',
  б: 'b',
  в: 'v',
  д: 'd',
  з: 'z',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  ч: 'ch',
  ш: 'sh',
  ж: 'zh',
  г: 'g',
  ґ: 'g',
  і: 'i',
};

// GOST 7.79-2000 System B (bibliographic; ASCII only).
const GOST: Table = {
  ...COMMON,
  е: 'e',
  ё: 'yo',
  и: 'i',
  й: 'j',
  х: 'x',
  ц: 'cz',
  щ: 'shh',
  ъ: '``',
  ы: 'y`',
  ь: '`',
  э: 'e`',
  ю: 'yu',
  я: 'ya',
  є: 'ye',
  ї: 'yi',
  ж: 'zh',
};
// ICAO Doc 9303 as used in Russian passports since 2014.
const ICAO: Table = {
  ...COMMON,
  е: 'e',
  ё: 'e',
  и: 'i',
  й: 'i',
  х: 'kh',
  ц: 'ts',
  щ: 'shch',
  ъ: 'ie',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
  є: 'ie',
  ї: 'i',
};
// MVD order 310 of 1997 (passports 1997–2010).
const MVD1997: Table = {
  ...COMMON,
  е: 'e',
  ё: 'e',
  и: 'i',
  й: 'y',
  х: 'kh',
  ц: 'ts',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  є: 'ye',
  ї: 'yi',
};
// BGN/PCGN 1947 for Russian.
const BGN: Table = {
  ...COMMON,
  е: 'e',
  ё: 'ë',
  и: 'i',
  й: 'y',
  х: 'kh',
  ц: 'ts',
  щ: 'shch',
  ъ: '”',
  ы: 'y',
  ь: '’',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  є: 'ye',
  ї: 'yi',
};
// The spelling people type by habit (Alexei, Maxim, Dmitry, Fyodor).
const INFORMAL: Table = {
  ...COMMON,
  е: 'e',
  ё: 'yo',
  и: 'i',
  й: 'y',
  х: 'kh',
  ц: 'ts',
  щ: 'sch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  є: 'ye',
  ї: 'yi',
};
// A Russian name as a Ukrainian passport renders it: letters first taken to their Ukrainian
// counterparts (и→і, ы→и, э→е), then the Ukrainian national table of 2010 (г→h, и→y).
const UKRAINIAN: Table = {
  ...COMMON,
  г: 'h',
  е: 'e',
  ё: 'io',
  и: 'i',
  й: 'i',
  х: 'kh',
  ц: 'ts',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
  є: 'ie',
  ї: 'i',
};

const TABLES: Record<TranslitScheme, Table> = {
  gost: GOST,
  icao: ICAO,
  mvd1997: MVD1997,
  bgn: BGN,
  informal: INFORMAL,
  ukrainian: UKRAINIAN,
};

const CYR_VOWELS = new Set('аеёиоуыэюяіїє');
const CYRILLIC = /[\u0400-\u04FF]/;

export function hasCyrillic(text: string): boolean {
  return CYRILLIC.test(text);
}

function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && /\p{L}/u.test(ch);
}

/** Rendering of one lower-case letter at position i of the lower-cased word context. */
function render(scheme: TranslitScheme, s: string[], i: number): string {
  const c = s[i]!;
  const prev = i > 0 ? s[i - 1] : undefined;
  const next = s[i + 1];
  const start = !isLetter(prev);
  const end = !isLetter(next);
  // Iotated context: word start, after a vowel, after ъ/ь (and й for BGN).
  const iotated =
    start ||
    (prev !== undefined &&
      (CYR_VOWELS.has(prev) || prev === 'ъ' || prev === 'ь' || (scheme === 'bgn' && prev === 'й')));
  const table = TABLES[scheme];
  switch (scheme) {
    case 'gost':
      // ц is "c" before и, е, ы, й and "cz" elsewhere.
      if (c === 'ц') return next !== undefined && 'иеыйiі'.includes(next) ? 'c' : 'cz';
      break;
    case 'mvd1997':
      if (c === 'е' || c === 'ё') return iotated ? 'ye' : 'e';
      break;
    case 'bgn':
      if (c === 'е') return iotated ? 'ye' : 'e';
      if (c === 'ё') return iotated ? 'yë' : 'ë';
      break;
    case 'informal':
      if (c === 'к' && next === 'с') return 'x';
      if (c === 'с' && prev === 'к') return '';
      // Final -ий / -ый are written -y (Dmitry, Vasily).
      if ((c === 'и' || c === 'ы') && next === 'й' && !isLetter(s[i + 2])) return 'y';
      if (c === 'й' && end && (prev === 'и' || prev === 'ы')) return '';
      break;
    case 'ukrainian':
      // Russian и stays Ukrainian и ("y"), except word-initially, next to a vowel (Марія) and in final -ий (-ій).
      if (c === 'и')
        return start || iotated || (next !== undefined && CYR_VOWELS.has(next)) || (next === 'й' && !isLetter(s[i + 2]))
          ? 'i'
          : 'y';
      if (c === 'з' && next === 'г') return 'zg';
      if (c === 'г' && prev === 'з') return 'h';
      if (start) {
        if (c === 'е' || c === 'є') return 'ye';
        if (c === 'ё') return 'yo';
        if (c === 'й') return 'y';
        if (c === 'ю') return 'yu';
        if (c === 'я') return 'ya';
        if (c === 'ї') return 'yi';
      } else if (c === 'е' && iotated) {
        return 'ie';
      }
      break;
    case 'icao':
      break;
  }
  return table[c] ?? c;
}

/** Transliterate Cyrillic letters of `text` into Latin under `scheme`; case is carried over. */
export function transliterate(text: string, scheme: TranslitScheme): string {
  const chars = Array.from(text);
  const lower = chars.map((c) => c.toLowerCase());
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (!CYRILLIC.test(c)) {
      out += c;
      continue;
    }
    const r = render(scheme, lower, i);
    if (r === '' || c === lower[i]) {
      out += r;
      continue;
    }
    // Upper-case source: whole rendering upper-case inside an all-caps word, else capitalised.
    const nextCh = chars[i + 1];
    const allCaps = nextCh !== undefined && isLetter(nextCh) && nextCh !== nextCh.toLowerCase();
    const prevCh = i > 0 ? chars[i - 1] : undefined;
    const prevCaps = prevCh !== undefined && isLetter(prevCh) && prevCh !== prevCh.toLowerCase();
    out += allCaps || prevCaps ? r.toUpperCase() : r[0]!.toUpperCase() + r.slice(1);
  }
  return out;
}
