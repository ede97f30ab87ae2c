// What survives of a Russian name across its grammatical cases: Иванов → Иванов(а|у|ым|е), Иванова →
// Иванов(ой|у), Варнакский → Варнакск(ого|ому|им), Ильин → Ильин(а|ым). Used to find a defendant in the text
// (any case, any letter case) and to cut his name out of it.

export const LETTER = 'A-Za-zА-Яа-яЁё';
export const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const ENDING = /(?:ого|его|ому|ему|ыми|ими|ым|им|ом|ем|ой|ей|ую|юю|ая|яя|ий|ый|ое|[аеиоуыэюяйь])$/iu;

/** The declension stem of one name word (ё folded to е); the word itself when too short to cut. */
export function nameStem(word: string): string {
  const w = word.replace(/ё/g, 'е').replace(/Ё/g, 'Е');
  // The word may come in any case (a witness found as "Кукушкиным А.Б."): cut the longest case ending.
  const m = ENDING.exec(w);
  const s = m ? w.slice(0, m.index) : w;
  return s.length >= 3 ? s : w;
}

/** A pattern matching the stem and any ending, ё or е alike (to be used with the "iu" flags). */
export function stemPattern(stem: string): string {
  return `(?<![${LETTER}])${escapeRe(stem).replace(/[еЕ]/g, (c) => (c === 'е' ? '[её]' : '[ЕЁ]'))}[${LETTER}]*`;
}

/** The surname of a name as the names field writes it: its first word ("Иванов И.И.", "ИВАНОВ Иван"). */
export function surnameOf(name: string): string {
  return name.trim().split(/[\s,]+/)[0] ?? '';
}
