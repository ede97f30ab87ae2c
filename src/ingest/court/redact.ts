import { LETTER, nameStem, stemPattern } from './name-forms.ts';

// Texts are kept only on request, and then with every person's name cut out ([ФИО]):
// - each word of a defendant's name, in any grammatical case and letter case (shared stem);
// - anyone written with initials ("Кукушкин А.Б.", "А.Б. Кукушкин", "КУКУШКИНА А. Б."), after a role or rank
//   ("свидетель Кукушкин", "рядовой Кукушкин"), or in capitals ("КУКУШКИН"): and then every other
//   mention of that surname, in any case, even without initials.
// Cutting a word too many is the price of never leaving a name in clear.

const CAP_WORD = String.raw`[А-ЯЁ][А-ЯЁа-яё]+(?:-[А-ЯЁ][А-ЯЁа-яё]+)?`;
const INITIALS = String.raw`[А-ЯЁ]\.\s?(?:[А-ЯЁ]\.)?`;
const WITH_INITIALS = new RegExp(
  String.raw`(?<![${LETTER}])(${CAP_WORD})\s+${INITIALS}|(?<![${LETTER}])${INITIALS}\s?(${CAP_WORD})`,
  'gu',
);
const ROLE = new RegExp(
  String.raw`(?<![${LETTER}])(?:свидетел|потерпевш|подсудим|осужд[её]нн|обвиняем|защитник|адвокат|прокурор|судь|секретар|председательствующ|гражданин|гражданк|гр\.|военнослужащ|рядов|ефрейтор|сержант|старшин|прапорщик|лейтенант|капитан|майор|подполковник|полковник|матрос|командир|представител)[${LETTER}]*\.?\s+((?:${CAP_WORD}\s*){1,3})`,
  'giu',
);
const ALL_CAPS = /(?<![A-Za-zА-Яа-яЁё])[А-ЯЁ]{3,}(?:-[А-ЯЁ]{2,})?(?![A-Za-zА-Яа-яЁё])/gu;
// Capitals that are no one's name: the judgment's own headings, codes, agencies.
const NOT_NAMES = new Set(
  (
    'ФИО ПРИГОВОР ПРИГОВОРИЛ ПРИГОВОРИЛА ИМЕНЕМ РОССИЙСКОЙ ФЕДЕРАЦИИ УСТАНОВИЛ УСТАНОВИЛА ПОСТАНОВИЛ ПОСТАНОВИЛА ПОСТАНОВЛЕНИЕ ОПРЕДЕЛИЛ ' +
    'ОПРЕДЕЛИЛА ОПРЕДЕЛЕНИЕ АПЕЛЛЯЦИОННОЕ АПЕЛЛЯЦИОННЫЙ КАССАЦИОННОЕ КАССАЦИОННЫЙ РЕШЕНИЕ РЕШИЛ ОПИСАТЕЛЬНАЯ МОТИВИРОВОЧНАЯ РЕЗОЛЮТИВНАЯ ' +
    'ЧАСТЬ УПК КОАП СВО ДНР ЛНР ФСБ МВД ФСИН ВВК ВДВ ВМФ ВКС СИЗО ФКУ ФГКУ ОМВД УМВД РОВД ГИБДД ДПС ИНН СНИЛС ООО ПАО ОАО ЗАО ЗАТО ВРИО ' +
    'СССР США НАТО ВСУ ВСРФ ПВО РСЗО БПЛА ОФЗ РЕШИЛА СУД ДЕЛО ОПРАВДАТЕЛЬНЫЙ ОБВИНИТЕЛЬНЫЙ ПРЕКРАЩЕНО ВОЗВРАЩЕНО ОТЛОЖЕНО ИЗМЕНЕН ОТМЕНЕН'
  ).split(' '),
);

function addStem(stems: Set<string>, word: string): void {
  const w = word.replace(/^[-\s]+|[-\s]+$/g, '');
  if (w.length >= 3 && !NOT_NAMES.has(w.toUpperCase())) stems.add(nameStem(w));
}

const INITIALS_HINT = new RegExp(WITH_INITIALS.source, 'u');
const ROLE_HINT = new RegExp(ROLE.source, 'iu');

/**
 * Whether a short text (a decision line) may name someone beyond the given surnames: capitals that are no
 * heading, initials, a role. Lets the import skip the full redaction for the common "Вынесен ПРИГОВОР".
 */
export function mayNameSomeone(text: string, surnames: string[]): boolean {
  for (const w of text.match(ALL_CAPS) ?? []) if (!NOT_NAMES.has(w)) return true;
  // The regexes only where a capital follows a dot or a space (not in "Вынесен ПРИГОВОР").
  if (/[А-ЯЁ]\./u.test(text) && INITIALS_HINT.test(text)) return true;
  if (/\s[А-ЯЁ][а-яё]/u.test(text) && ROLE_HINT.test(text)) return true;
  const folded = text.toLowerCase().replace(/ё/g, 'е');
  return surnames.some((s) => s.length >= 3 && folded.includes(nameStem(s).toLowerCase().replace(/ё/g, 'е')));
}

/** Every person's name in `text` replaced by [ФИО]; `names` are the defendants' names from the names field. */
export function redactNames(text: string, names: string[]): string {
  // Any-case stems: the defendants' surnames (first word). Capitalised-only: their given names, and the
  // people the text names (so that "военный" is not cut because a heading said "ВОЕННЫЙ").
  const surnames = new Set<string>();
  const given = new Set<string>();
  for (const n of names) {
    const words = n.split(/[^A-Za-zА-Яа-яЁё-]+/u).filter((w) => w.length >= 2);
    words.forEach((w, i) => {
      if (/^[А-ЯЁA-Z]\.?$/u.test(w)) return;
      (i === 0 ? surnames : given).add(nameStem(w));
    });
  }
  // People the text itself names: with initials, after a role or rank, in capitals.
  // One of the two alternatives' name groups always matched; ROLE's name group is mandatory.
  for (const m of text.matchAll(WITH_INITIALS)) addStem(given, (m[1] ?? m[2])!);
  for (const m of text.matchAll(ROLE)) for (const w of m[1]!.trim().split(/\s+/)) addStem(given, w);
  for (const m of text.matchAll(ALL_CAPS)) addStem(given, m[0]);
  let out = text;
  // Initials first (they would be left orphaned once the surname is gone), then the stems, longest first.
  out = out.replace(WITH_INITIALS, '[ФИО]');
  for (const s of [...surnames].sort((a, b) => b.length - a.length))
    out = out.replace(new RegExp(stemPattern(s), 'giu'), '[ФИО]');
  for (const s of [...given].sort((a, b) => b.length - a.length)) {
    if (surnames.has(s)) continue;
    out = out.replace(new RegExp(stemPattern(s), 'giu'), (w) => (w[0] === w[0]!.toUpperCase() ? '[ФИО]' : w));
  }
  out = out.replace(ALL_CAPS, (w) => (NOT_NAMES.has(w) ? w : '[ФИО]'));
  // Given name and patronymic after a surname already cut ("[ФИО] Ивана Ивановича"), and any patronymic.
  return out.replace(AFTER_CUT, '[ФИО]').replace(PATRONYMIC, '[ФИО]');
}

const AFTER_CUT = /\[ФИО\](?:\s+[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?){1,2}(?![A-Za-zА-Яа-яЁё])/gu;
const PATRONYMIC = /(?<![A-Za-zА-Яа-яЁё])[А-ЯЁ][а-яё]+(?:ович|евич|овн|евн|ичн)[а-яё]*/gu;
