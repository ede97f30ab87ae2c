/** A small simulated world with a known truth: people, and lists that write their names in different scripts. */
import { Rng } from '../../src/linkage/prng.ts';
import { transliterate, type TranslitScheme } from '../../src/domain/translit.ts';

const FIRST = [
  'Александр',
  'Дмитрий',
  'Максим',
  'Сергей',
  'Андрей',
  'Алексей',
  'Артём',
  'Илья',
  'Кирилл',
  'Михаил',
  'Никита',
  'Матвей',
  'Роман',
  'Егор',
  'Арсений',
  'Иван',
  'Денис',
  'Евгений',
  'Даниил',
  'Тимофей',
  'Владислав',
  'Игорь',
  'Владимир',
  'Павел',
  'Руслан',
  'Марк',
  'Константин',
  'Тимур',
  'Олег',
  'Ярослав',
  'Антон',
  'Николай',
  'Глеб',
  'Данил',
  'Савелий',
  'Вадим',
  'Степан',
  'Юрий',
  'Богдан',
  'Анатолий',
];
const SUR = [
  'Иванов',
  'Смирнов',
  'Кузнецов',
  'Попов',
  'Васильев',
  'Петров',
  'Соколов',
  'Михайлов',
  'Новиков',
  'Фёдоров',
  'Морозов',
  'Волков',
  'Алексеев',
  'Лебедев',
  'Семёнов',
  'Егоров',
  'Павлов',
  'Козлов',
  'Степанов',
  'Николаев',
  'Орлов',
  'Андреев',
  'Макаров',
  'Никитин',
  'Захаров',
  'Зайцев',
  'Соловьёв',
  'Борисов',
  'Яковлев',
  'Григорьев',
  'Романов',
  'Воробьёв',
  'Сергеев',
  'Кузьмин',
  'Фролов',
  'Александров',
  'Дмитриев',
  'Королёв',
  'Гусев',
  'Киселёв',
  'Ильин',
  'Максимов',
  'Поляков',
  'Сорокин',
  'Виноградов',
  'Ковалёв',
  'Белов',
  'Медведев',
  'Антонов',
  'Тарасов',
  'Жуков',
  'Баранов',
  'Филиппов',
  'Комаров',
  'Давыдов',
  'Беляев',
  'Герасимов',
  'Богданов',
  'Осипов',
  'Сидоров',
  'Матвеев',
  'Титов',
  'Марков',
  'Миронов',
  'Крылов',
  'Куликов',
  'Карпов',
  'Власов',
  'Мельников',
  'Денисов',
  'Гаврилов',
  'Тихонов',
  'Казаков',
  'Афанасьев',
  'Данилов',
  'Савельев',
  'Тимофеев',
  'Фомин',
  'Чернов',
  'Абрамов',
  'Мартынов',
  'Ефимов',
  'Федотов',
  'Щербаков',
  'Назаров',
  'Калинин',
  'Исаев',
  'Чернышёв',
  'Быков',
  'Маслов',
  'Родионов',
  'Коновалов',
  'Лазарев',
  'Воронин',
  'Климов',
  'Филатов',
  'Пономарёв',
  'Голубев',
  'Кудрявцев',
  'Прохоров',
  'Наумов',
  'Потапов',
  'Журавлёв',
  'Овчинников',
  'Трофимов',
  'Леонов',
  'Соболев',
  'Ермаков',
  'Колесников',
  'Гончаров',
  'Емельянов',
  'Никифоров',
  'Грачёв',
  'Котов',
  'Гришин',
  'Ефремов',
  'Архипов',
  'Громов',
  'Кириллов',
  'Малышев',
  'Панов',
  'Моисеев',
  'Румянцев',
  'Акимов',
  'Кондратьев',
  'Бирюков',
  'Горбунов',
  'Анисимов',
  'Ерёмин',
  'Тихомиров',
  'Галкин',
  'Лукьянов',
  'Михеев',
  'Скворцов',
  'Юдин',
  'Белоусов',
  'Нестеров',
  'Симонов',
  'Прокофьев',
  'Харитонов',
  'Князев',
  'Цветков',
  'Левин',
  'Митрофанов',
  'Воронов',
  'Аксёнов',
  'Софронов',
  'Мальцев',
  'Логинов',
  'Горшков',
  'Савин',
  'Краснов',
  'Майоров',
  'Демидов',
  'Елисеев',
  'Рыбаков',
  'Сафонов',
  'Плотников',
  'Дёмин',
  'Хохлов',
  'Хабибуллин',
  'Шевчук',
  'Цыганков',
  'Щукин',
];

export interface Person {
  first: string;
  surname: string;
  dob: string;
}

export interface WorldList {
  /** Rows: [name, dob]. */
  rows: string[][];
  /** Person index of each row. */
  person: number[];
}

export interface World {
  people: Person[];
  lists: WorldList[];
}

function typo(rng: Rng, s: string): string {
  const cs = Array.from(s);
  if (cs.length < 4) return s;
  const i = 1 + rng.int(cs.length - 2);
  if (rng.chance(0.5)) cs.splice(i, 1);
  else [cs[i], cs[i + 1]] = [cs[i + 1] ?? cs[i]!, cs[i]!];
  return cs.join('');
}

/**
 * N people; list l catches each independently with probability capture[l] and writes names in
 * scripts[l] ('cyrillic' or a transliteration scheme, or 'mixed' for a random Latin scheme per record),
 * with a typo in the surname with probability typoRate, dates as DD.MM.YYYY or ISO.
 */
export function simulateWorld(
  seed: number,
  N: number,
  capture: number[],
  scripts: Array<'cyrillic' | 'mixed' | TranslitScheme>,
  typoRate = 0.03,
): World {
  const rng = new Rng(seed);
  const people: Person[] = Array.from({ length: N }, () => {
    const y = 1965 + rng.int(40),
      m = 1 + rng.int(12),
      d = 1 + rng.int(28);
    return {
      first: rng.pick(FIRST),
      surname: rng.pick(SUR),
      dob: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
    };
  });
  const schemes: TranslitScheme[] = ['icao', 'mvd1997', 'bgn', 'informal', 'gost', 'ukrainian'];
  const lists = capture.map((p, l) => {
    const rows: string[][] = [];
    const person: number[] = [];
    const order = rng.shuffle(people.map((_, i) => i));
    for (const i of order) {
      if (!rng.chance(p)) continue;
      const who = people[i]!;
      let surname = who.surname;
      if (rng.chance(typoRate)) surname = typo(rng, surname);
      let name = `${who.first} ${surname}`;
      const script = scripts[l];
      if (script === undefined) throw new Error(`simulateWorld: no script given for list ${l}`);
      if (script !== 'cyrillic') name = transliterate(name, script === 'mixed' ? rng.pick(schemes) : script);
      const [y, m, d] = who.dob.split('-');
      rows.push([name, l % 2 === 0 ? who.dob : `${d}.${m}.${y}`]);
      person.push(i);
    }
    return { rows, person };
  });
  return { people, lists };
}

/** The true capture histories of a world. */
export function trueHistories(w: World): Record<string, number> {
  const k = w.lists.length;
  const h = w.people.map(() => new Array<string>(k).fill('0'));
  w.lists.forEach((l, li) => l.person.forEach((p) => (h[p]![li] = '1')));
  const out: Record<string, number> = {};
  for (const x of h) {
    const s = x.join('');
    if (s.includes('1')) out[s] = (out[s] ?? 0) + 1;
  }
  return out;
}

/** A schema that encodes [name, dob] after darkfigure's normalisation (nameKey, ISO date). */
export const WORLD_SCHEMA = {
  version: 3,
  'x-darkfigure-normalisation-version': 1,
  clkConfig: {
    l: 1024,
    kdf: { type: 'HKDF', hash: 'SHA256', salt: 'c2FsdHNhbHQ=', info: 'ZGFya2ZpZ3VyZQ==', keySize: 64 },
  },
  features: [
    {
      identifier: 'name',
      'x-darkfigure-normalise': 'nameKey',
      format: { type: 'string' },
      hashing: { comparison: { type: 'ngram', n: 2 }, strategy: { bitsPerFeature: 400 }, hash: { type: 'blakeHash' } },
    },
    {
      identifier: 'dob',
      'x-darkfigure-normalise': 'isoDate',
      format: { type: 'date', format: '%Y-%m-%d' },
      hashing: {
        comparison: { type: 'ngram', n: 1, positional: true },
        strategy: { bitsPerFeature: 250 },
        hash: { type: 'blakeHash' },
        missingValue: { sentinel: '' },
      },
    },
  ],
};
