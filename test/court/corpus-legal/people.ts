// Invented people for the legal-forms corpus (no real person): surnames and given names built from
// syllables, declined by the rules of Russian grammar so that judgments can name them in every case.

export type Gram = 'nom' | 'gen' | 'dat' | 'acc' | 'ins' | 'pre';
const CASES: Gram[] = ['nom', 'gen', 'dat', 'acc', 'ins', 'pre'];

export interface Person {
  male: boolean;
  surname: string;
  first: string;
  patronymic: string;
  /** Surname forms by case. */
  forms: Record<Gram, string>;
  firstForms: Record<Gram, string>;
  patronymicForms: Record<Gram, string>;
}

const ROOTS = [
  'Варнак',
  'Гордел',
  'Жмурык',
  'Зарубед',
  'Клыстун',
  'Лопатыр',
  'Мохнач',
  'Нерчун',
  'Пыжик',
  'Рябушт',
  'Скоробег',
  'Тюрбан',
  'Улитар',
  'Хворост',
  'Чуплык',
  'Шерстоб',
  'Ястреб',
  'Брыкал',
  'Дымчат',
  'Ершан',
  'Кулеш',
  'Мерзляк',
  'Пустовар',
  'Сумрач',
  'Трещал',
  'Шмелёв',
];
const MALE_FIRST = [
  'Ратибор',
  'Светозар',
  'Евграф',
  'Мирон',
  'Тихон',
  'Всеслав',
  'Ярополк',
  'Добрыв',
  'Гордей',
  'Влас',
];
const FEMALE_FIRST = ['Милана', 'Злата', 'Ведана', 'Любава', 'Рогнеда', 'Забава'];
const FATHERS = ['Ратибор', 'Светозар', 'Евграф', 'Мирон', 'Тихон', 'Всеслав', 'Гордей', 'Влас'];

// Declension endings (nom, gen, dat, acc, ins, pre) by surname class.
const ENDINGS: Record<string, string[]> = {
  ov: ['', 'а', 'у', 'а', 'ым', 'е'],
  ova: ['а', 'ой', 'ой', 'у', 'ой', 'ой'],
  sky: ['ий', 'ого', 'ому', 'ого', 'им', 'ом'],
  skaya: ['ая', 'ой', 'ой', 'ую', 'ой', 'ой'],
  cons: ['', 'а', 'у', 'а', 'ом', 'е'],
  fixed: ['', '', '', '', '', ''],
};

function decline(stem: string, cls: string): Record<Gram, string> {
  const e = ENDINGS[cls]!;
  return Object.fromEntries(CASES.map((c, i) => [c, stem + e[i]])) as Record<Gram, string>;
}

export function makePerson(r: () => number, index: number): Person {
  const male = r() < 0.85;
  const root = ROOTS[index % ROOTS.length]! + ['', 'ин', 'ан', 'ец'][Math.floor(index / ROOTS.length) % 4]!;
  const kind = Math.floor(r() * 10);
  let forms: Record<Gram, string>;
  if (kind < 5) forms = male ? decline(`${root}ов`, 'ov') : decline(`${root}ов`, 'ova');
  else if (kind < 7) forms = male ? decline(`${root}ск`, 'sky') : decline(`${root}ск`, 'skaya');
  else if (kind < 9) forms = male ? decline(`${root}ук`, 'cons') : decline(`${root}ук`, 'fixed');
  else forms = decline(`${root}енко`, 'fixed');
  const first = male
    ? MALE_FIRST[Math.floor(r() * MALE_FIRST.length)]!
    : FEMALE_FIRST[Math.floor(r() * FEMALE_FIRST.length)]!;
  const firstForms = male ? decline(first, 'cons') : decline(first.slice(0, -1), 'ova');
  if (!male) firstForms.gen = `${first.slice(0, -1)}ы`;
  if (!male) firstForms.dat = `${first.slice(0, -1)}е`;
  const father = FATHERS[Math.floor(r() * FATHERS.length)];
  const patronymicForms = male ? decline(`${father}ович`, 'cons') : decline(`${father}овн`, 'ova');
  if (male) patronymicForms.ins = `${father}овичем`;
  if (!male) patronymicForms.gen = `${father}овны`;
  if (!male) patronymicForms.dat = `${father}овне`;
  if (!male) firstForms.pre = firstForms.dat;
  if (!male) patronymicForms.pre = patronymicForms.dat;
  return { male, surname: forms.nom, first, patronymic: patronymicForms.nom, forms, firstForms, patronymicForms };
}

export type NameStyle = 'full' | 'initials' | 'upper-full' | 'upper-initials' | 'spaced-initials';

/** How a person is written in a given case and style ("Варнаков Р.Е.", "ВАРНАКОВУ Ратибору Евграфовичу"). */
export function nameIn(p: Person, g: Gram, style: NameStyle): string {
  const sur = style.startsWith('upper') ? p.forms[g].toUpperCase() : p.forms[g];
  const ini = style === 'spaced-initials' ? `${p.first[0]}. ${p.patronymic[0]}.` : `${p.first[0]}.${p.patronymic[0]}.`;
  if (style === 'full' || style === 'upper-full') return `${sur} ${p.firstForms[g]} ${p.patronymicForms[g]}`;
  return `${sur} ${ini}`;
}
