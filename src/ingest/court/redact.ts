// Judgment texts are kept only on request, and then with names cut out: every word that shares a stem
// with a defendant's name (any grammatical case), and any "Surname I.O." pattern, becomes [ФИО].

const LETTER = 'A-Za-zА-Яа-яЁё';
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The stem that survives declension: Иванов → Иванов(а|у|ым), Сергеевич → Сергеевич(а|у). */
function stem(word: string): string {
  const w = word.replace(/[ёЁ]/g, (c) => (c === 'ё' ? 'е' : 'Е'));
  if (w.length <= 4) return w;
  // Drop a final vowel or soft sign (Илья → Иль-, Анна → Анн-), which is where case endings go.
  return /[аеиоуыэюяйь]$/i.test(w) ? w.slice(0, -1) : w;
}

export function redactNames(text: string, names: string[]): string {
  let out = text;
  const words = new Set<string>();
  for (const n of names) for (const w of n.split(/[^A-Za-zА-Яа-яЁё]+/u)) if (w.length >= 3) words.add(stem(w));
  for (const w of [...words].sort((a, b) => b.length - a.length)) {
    const pattern = escape(w).replace(/[еЕ]/g, (c) => (c === 'е' ? '[её]' : '[ЕЁ]'));
    out = out.replace(new RegExp(`(?<![${LETTER}])${pattern}[${LETTER}]*`, 'giu'), '[ФИО]');
  }
  // "Кукушкин А.Б.", "А.Б. Кукушкин": a capitalised word next to initials is a name whoever it is.
  out = out.replace(new RegExp(`(?<![${LETTER}])[А-ЯЁ][а-яё]+\\s+[А-ЯЁ]\\.\\s?[А-ЯЁ]\\.`, 'gu'), '[ФИО]');
  out = out.replace(new RegExp(`(?<![${LETTER}])[А-ЯЁ]\\.\\s?[А-ЯЁ]\\.\\s?[А-ЯЁ][а-яё]+`, 'gu'), '[ФИО]');
  return out;
}
