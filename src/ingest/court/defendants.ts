// The "names" field lists each defendant with his own articles, as the court site's "ЛИЦА" tab or a CSV
// export shows them. Separators vary (new lines, <br>, "|", commas, semicolons, nothing at all), and commas
// and semicolons also separate one man's charges, so we do not split on separators: we find the names
// (a capitalised surname with initials or given names, or a "hidden name" marker) and give each the
// article text up to the next name.

export interface DefendantEntry {
  /** The name as written (still in clear: hash it, never store it). Empty when the site hides it. */
  name: string;
  articlesText: string;
  /** For a hidden name, how a depersonalised judgment text refers to him ("ФИО1"). */
  placeholder?: string;
}

const CAP = String.raw`[А-ЯЁ][А-ЯЁа-яё]+(?:-[А-ЯЁ][А-ЯЁа-яё]+)?`;
const INITIALS = String.raw`[А-ЯЁ]\.[ \t]?(?:[А-ЯЁ]\.?)?`;
const HIDDEN_MARK = String.raw`Ф\.?\s?И\.?\s?О\.?(?:\s*\d+|\s+скрыт\S*)?|ФИО\s*\d*|[Дд]анные\s+(?:изъяты|скрыты)|[Лл]ицо(?:\s+\d+|\s+скрыто)?|[Оо]безличен\S*|\*{2,}`;
// A name: the surname, then initials or up to two given names. Hidden markers first (they are capitalised too).
// The lookahead first: a cheap test of one character before the lookbehind and the alternation (a 5× saving).
const NAME = new RegExp(
  String.raw`(?=[А-ЯЁдлоф*])(?<![А-ЯЁа-яё.])(?:(${HIDDEN_MARK})|(${CAP}(?:[ \t\u00a0]+${INITIALS}|(?:[ \t\u00a0]+${CAP}){1,2})?))(?![А-ЯЁа-яё])`,
  'g',
);
// Capitalised words that belong to article references, never to a name.
// Upper-case and capitalised spellings both, so that a lookup needs no case folding (this runs per record).
const LEGAL = new Set(
  'УК РФ УПК КОАП СТ СТАТЬЯ СТАТЬИ СТАТЬЕ СТАТЬЕЙ СТАТЬЯМ СТАТЬЯМИ ЧАСТЬ ЧАСТИ ЧАСТЬЮ ПП ПУНКТ ПУНКТА ПУНКТОМ ПУНКТЫ УГОЛОВНОГО УГОЛОВНЫЙ КОДЕКСА КОДЕКС РОССИЙСКОЙ ФЕДЕРАЦИИ СКРЫТО ПОДСУДИМЫЙ ОБВИНЯЕМЫЙ ОСУЖДЕННЫЙ ОСУЖДЁННЫЙ'
    .split(' ')
    .flatMap((w) => [w, w[0] + w.slice(1).toLowerCase()]),
);
const HIDDEN =
  /скрыт|^фио\s*\d*$|^лицо(?![а-яё])|данные\s+(?:изъяты|скрыты)|обезличен|^\[?ф\.?\s?и\.?\s?о\.?\]?(?:\s*\d+)?$|^\*+$/iu;
// Where a lower-case name at the start ends: an article marker, the code's name or a digit.
const LEADING_NAME_END =
  /\s*(?:\(|\s[-–—]\s|:|(?<![А-Яа-яЁё])(?:УК\s*РФ|[Сс]т\.|[Сс]т\s|[Сс]татья|[Чч]\.|[Чч]асть|[Пп]\.)|\d)/u;

export function splitDefendants(names: string): DefendantEntry[] {
  const text = names.includes('<') ? names.replace(/<br\s*\/?>/gi, '\n') : names;
  const found: Array<{ start: number; end: number; name: string; mark?: string }> = [];
  const re = NAME;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[1] !== undefined) {
      found.push({ start: m.index, end: m.index + m[0].length, name: '', mark: m[1] });
      continue;
    }
    const full = m[2]!;
    const words =
      full.includes(' ') || full.includes('\t') || full.includes('\u00a0') ? full.split(/[ \t\u00a0]+/) : [full];
    // "РФ ИВАНОВ": a legal word is no name; look again right after it.
    // Splitting a non-empty match yields at least one word.
    const word0 = words[0]!;
    if (LEGAL.has(word0)) {
      re.lastIndex = m.index + word0.length;
      continue;
    }
    // "Иванов Статья 337": given names stop at a legal word.
    let keep = words.length;
    for (let k = 1; k < words.length; k++)
      if (LEGAL.has(words[k]!)) {
        keep = k;
        break;
      }
    if (keep === words.length) found.push({ start: m.index, end: m.index + full.length, name: full });
    else {
      const end = text.indexOf(words[keep]!, m.index + word0.length);
      found.push({ start: m.index, end, name: text.slice(m.index, end).trim() });
    }
  }
  const out: DefendantEntry[] = [];
  const marks: Array<string | undefined> = [];
  // Text before the first name: articles of a defendant the field does not name, or a lower-case name.
  const lead = trimEdges(text.slice(0, found[0] ? found[0].start : text.length));
  if (lead !== '') {
    const cut = LEADING_NAME_END.exec(lead);
    const at = cut ? cut.index : lead.length;
    const name = lead.slice(0, at).trim();
    out.push({
      name: isHiddenName(name) || !/[а-яёa-z]/i.test(name) ? '' : name,
      articlesText: trimEdges(lead.slice(at)),
    });
    marks.push(undefined);
  }
  for (let i = 0; i < found.length; i++) {
    const f = found[i]!;
    const next = found[i + 1];
    out.push({ name: f.name, articlesText: trimEdges(text.slice(f.end, next ? next.start : text.length)) });
    marks.push(f.mark);
  }
  // A depersonalised judgment calls the hidden defendants ФИО1, ФИО2, … : the number the field gives, else
  // their order among the hidden ones.
  let hidden = 0;
  for (let i = 0; i < out.length; i++) {
    const entry = out[i]!;
    if (entry.name !== '') continue;
    hidden++;
    const n = /(\d+)/.exec(marks[i] ?? '');
    entry.placeholder = `ФИО${n ? n[1] : hidden}`;
  }
  return out;
}

// Separators around a name or an article list: spaces, punctuation, brackets, dashes.
const EDGE_CHARS = new Set([' ', '\t', '\n', '\r', '\u00a0', ',', ';', ':', '|', '(', ')', '-', '–', '—']);
function trimEdges(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && EDGE_CHARS.has(s[a]!)) a++;
  while (b > a && EDGE_CHARS.has(s[b - 1]!)) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

export function isHiddenName(name: string): boolean {
  const n = name.trim();
  return n === '' || HIDDEN.test(n);
}

// Words an article reference is made of; anything else in the article text (a name that slipped in, in any
// case or spelling) is cut before the text is stored.
const LEGAL_WORDS = new Set(
  'ст ст.ст статья статьи статье статьей статьями ч часть части частью п пп пункт пункта пунктом пункты ук рф упк и уголовного кодекса российской федерации не указана указан указано'.split(
    ' ',
  ),
);

/** The article text as it may be stored: only article words, numbers and punctuation; other words become "…". */
export function articleTextForStore(text: string): string {
  return text.replace(/[\p{L}]+/gu, (w) =>
    LEGAL_WORDS.has(w.toLowerCase()) || (w.length === 1 && /[а-яё]/u.test(w)) ? w : '…',
  );
}
