// The "names" field lists each defendant with his articles, as the court site's "ЛИЦА" tab shows them:
// one defendant per line (or <br>, or " | "), or "Name (articles), Name (articles)" on one line.
// The name is what comes before the first article reference or separator.

export interface DefendantEntry {
  /** The name as written (still in clear: hash it, never store it). Empty when the site hides it. */
  name: string;
  articlesText: string;
}

const SPLIT = /\r?\n|<br\s*\/?>|\s\|\s|\)\s*[,;]\s*(?=[A-ZА-ЯЁ])/u;
// Where the name ends: an opening bracket, a dash or colon, the code's name, an article/part/point marker, a digit.
// Case-sensitive on purpose: initials ("И.П.") are capitals, article markers ("ч.", "п.") are not.
const NAME_END = /\s*(?:\(|\s[-–—]\s|:|(?<![А-Яа-яЁё])(?:УК\s*РФ|[Сс]т\.|[Сс]т\s|[Сс]татья|ч\.|[Чч]асть|п\.)|\d)/u;
const HIDDEN = /скрыт|^фио\d*$|^лицо(?![а-яё])|данные\s+изъяты|обезличен|^\[?ф\.?и\.?о\.?\]?$/iu;

export function splitDefendants(names: string): DefendantEntry[] {
  const out: DefendantEntry[] = [];
  for (const raw of names.split(SPLIT)) {
    const entry = raw.trim();
    if (entry === '') continue;
    const m = NAME_END.exec(entry);
    const cut = m ? m.index : entry.length;
    const name = entry.slice(0, cut).replace(/[\s,;]+$/u, '').trim();
    const articlesText = entry.slice(cut).replace(/^[\s(\-–—:]+|[\s)]+$/gu, '').trim();
    out.push({ name: isHiddenName(name) ? '' : name, articlesText });
  }
  return out;
}

export function isHiddenName(name: string): boolean {
  const n = name.trim();
  return n === '' || HIDDEN.test(n);
}

/** Article text never needs a capitalised word other than the code's name: drop any, in case a name slipped in. */
export function stripCapitalised(text: string): string {
  return text.replace(/(?<![А-Яа-яЁё])(?!Ст|Ча|Пу)[А-ЯЁ][а-яё]+/gu, '…');
}
