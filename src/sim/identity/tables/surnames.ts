// Surname frequency tables (Cyrillic, male forms).
//
// Sources (public facts; frequencies are modelled, not copied from a register):
// - Rank order of the most common Russian surnames: the lists compiled from telephone directories and voter
//   rolls by A. F. Zhuravlev ("К вопросу о происхождении наиболее частотных русских фамилий", 2005) and by
//   Balanovska et al., "Russian surnames" / "Русский генофонд" (2005, regional surname frequencies), as summarised
//   in Russian Wikipedia "Список общерусских фамилий". Order used: Иванов, Смирнов, Кузнецов, Попов, Васильев,
//   Петров, Соколов, Михайлов, Новиков, Фёдоров …
// - Weights: a Zipf–Mandelbrot law over rank, share(r) ∝ 1 / (r + 6)^0.95, with the whole ranked list carrying
//   50 % of the population; Ivanov then gets ≈ 1.9 % and rank 100 ≈ 0.14 %, in line with the published estimates (Ivanov/Smirnov
//   each about 1–2 % of Russians). The remaining mass goes to Ukrainian-origin surnames common in Russia (≈ 4 %)
//   and to a long tail built from real surname stems and the productive suffixes -ов/-ин/-ский/-ников.
// - National republics: surname lists of Buryats, Tuvans, Dagestanis, Chechens, Tatars, Bashkirs and Yakuts from
//   published name lists and the public lists of the killed (BBC Russian / Mediazona name counts, 2022–2025),
//   where, e.g., Монгуш / Ооржак / Ондар dominate Tuvan names and Магомедов dominates Dagestani ones. Weights are
//   again Zipf over the listed order.

/** Most common Russian surnames, in rank order. */
export const RUSSIAN_SURNAMES_RANKED: readonly string[] = [
  'Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Петров', 'Соколов', 'Михайлов', 'Новиков', 'Фёдоров',
  'Морозов', 'Волков', 'Алексеев', 'Лебедев', 'Семёнов', 'Егоров', 'Павлов', 'Козлов', 'Степанов', 'Николаев',
  'Орлов', 'Андреев', 'Макаров', 'Никитин', 'Захаров', 'Зайцев', 'Соловьёв', 'Борисов', 'Яковлев', 'Григорьев',
  'Романов', 'Воробьёв', 'Сергеев', 'Кузьмин', 'Фролов', 'Александров', 'Дмитриев', 'Королёв', 'Гусев', 'Киселёв',
  'Ильин', 'Максимов', 'Поляков', 'Сорокин', 'Виноградов', 'Ковалёв', 'Белов', 'Медведев', 'Антонов', 'Тарасов',
  'Жуков', 'Баранов', 'Филиппов', 'Комаров', 'Давыдов', 'Беляев', 'Герасимов', 'Богданов', 'Осипов', 'Сидоров',
  'Матвеев', 'Титов', 'Марков', 'Миронов', 'Крылов', 'Куликов', 'Карпов', 'Власов', 'Мельников', 'Денисов',
  'Гаврилов', 'Тихонов', 'Казаков', 'Афанасьев', 'Данилов', 'Савельев', 'Тимофеев', 'Фомин', 'Чернов', 'Абрамов',
  'Мартынов', 'Ефимов', 'Федотов', 'Щербаков', 'Назаров', 'Калинин', 'Исаев', 'Чернышёв', 'Быков', 'Маслов',
  'Родионов', 'Коновалов', 'Лазарев', 'Воронин', 'Климов', 'Филатов', 'Пономарёв', 'Голубев', 'Кудрявцев', 'Прохоров',
  'Наумов', 'Потапов', 'Журавлёв', 'Овчинников', 'Трофимов', 'Леонов', 'Соболев', 'Ермаков', 'Колесников', 'Гончаров',
  'Емельянов', 'Никифоров', 'Грачёв', 'Котов', 'Гришин', 'Ефремов', 'Архипов', 'Громов', 'Кириллов', 'Малышев',
  'Панов', 'Моисеев', 'Румянцев', 'Акимов', 'Кондратьев', 'Бирюков', 'Горбунов', 'Анисимов', 'Ерёмин', 'Тихомиров',
  'Галкин', 'Лукьянов', 'Михеев', 'Скворцов', 'Юдин', 'Белоусов', 'Нестеров', 'Симонов', 'Прокофьев', 'Харитонов',
  'Князев', 'Цветков', 'Левин', 'Митрофанов', 'Воронов', 'Аксёнов', 'Софронов', 'Мальцев', 'Логинов', 'Горшков',
  'Савин', 'Краснов', 'Майоров', 'Демидов', 'Елисеев', 'Рыбаков', 'Сафонов', 'Плотников', 'Дёмин', 'Хохлов',
  'Жданов', 'Руднев', 'Лобанов', 'Игнатьев', 'Шестаков', 'Зуев', 'Субботин', 'Гордеев', 'Пахомов', 'Шубин',
  'Дорофеев', 'Кулагин', 'Лаптев', 'Носков', 'Мухин', 'Панфилов', 'Рожков', 'Калашников', 'Ершов', 'Фадеев',
  'Сычёв', 'Блинов', 'Быстров', 'Шилов', 'Кудряшов', 'Третьяков', 'Молчанов', 'Зыков', 'Лапин', 'Суханов',
  'Миронов', 'Зимин', 'Игнатов', 'Кононов', 'Дьячков', 'Сазонов', 'Бобров', 'Евдокимов', 'Мишин', 'Агафонов',
  'Шаров', 'Рогов', 'Полянский', 'Островский', 'Тимошин', 'Садовников', 'Некрасов', 'Вишняков', 'Русаков', 'Селезнёв',
];

/** Ukrainian-origin surnames frequent in Russia (-енко, -ук, -чук). */
export const UKRAINIAN_ORIGIN_SURNAMES: readonly string[] = [
  'Шевченко', 'Коваленко', 'Бондаренко', 'Ткаченко', 'Кравченко', 'Лысенко', 'Марченко', 'Романенко', 'Клименко',
  'Руденко', 'Савченко', 'Левченко', 'Мельник', 'Ковальчук', 'Кравчук', 'Полищук', 'Бойко', 'Гончаренко',
  'Петренко', 'Литвиненко', 'Карпенко', 'Павленко', 'Сидоренко', 'Онищенко',
];

// Stems of real, less frequent Russian surnames; combined with productive suffixes they make the long tail.
const TAIL_STEMS: readonly string[] = [
  'Агап', 'Баб', 'Бор', 'Брагин', 'Бурлак', 'Вахрам', 'Ведерн', 'Воротын', 'Глух', 'Голован', 'Горюн', 'Гребен',
  'Груздев', 'Гудков', 'Дерюг', 'Долгопол', 'Дуб', 'Ежов', 'Жеребц', 'Жигал', 'Забол', 'Зверев', 'Зубар', 'Казанц',
  'Калмык', 'Карасёв', 'Клещ', 'Колобов', 'Коржав', 'Косолап', 'Кочет', 'Крупен', 'Куприян', 'Лавр', 'Ладыг',
  'Лопат', 'Лукоян', 'Мамонт', 'Мартем', 'Мелех', 'Мешков', 'Мохнат', 'Неклюд', 'Обух', 'Окун', 'Пестер', 'Пичуг',
  'Полозов', 'Пряхин', 'Пустовал', 'Рассад', 'Ремез', 'Репнин', 'Рябин', 'Сапож', 'Сверчк', 'Ситн', 'Скоробогат',
  'Сметан', 'Снегир', 'Сухоруч', 'Тарак', 'Телегин', 'Толокон', 'Труфан', 'Тюрин', 'Уваров', 'Ушак', 'Фирс',
  'Хлебник', 'Худяк', 'Цыбин', 'Чеботар', 'Чекмар', 'Шапош', 'Шелепин', 'Шишк', 'Щеглов', 'Юрлов', 'Ягодин',
];

// Productive suffixes; stems already ending in -ов/-ин/-ев take only the plain form and -ский.
const TAIL_SUFFIXES: readonly string[] = ['ов', 'ин', 'ников', 'ский'];

// Compound descriptive surnames (Белоглазов, Криворуков …): adjective stem + body-part stem + -ов.
const COMPOUND_FIRST: readonly string[] = ['Бело', 'Черно', 'Криво', 'Долго', 'Толсто', 'Широко', 'Сухо', 'Бело', 'Добро', 'Косо', 'Рыже', 'Тонко'];
const COMPOUND_SECOND: readonly string[] = ['глаз', 'рук', 'бород', 'нос', 'ус', 'лоб', 'зуб', 'шей', 'ног', 'голов'];

/** Long tail of rarer surnames: stem × suffix and compounds, deterministic. */
export function tailSurnames(): string[] {
  const out = new Set<string>();
  for (const a of COMPOUND_FIRST) for (const b of COMPOUND_SECOND) out.add(a + b + 'ов');
  for (const stem of TAIL_STEMS) {
    if (/(ов|ев|ёв|ин)$/.test(stem)) {
      out.add(stem);
      out.add(stem.replace(/(ов|ев|ёв|ин)$/, '') + 'ский');
      continue;
    }
    for (const s of TAIL_SUFFIXES) {
      out.add(stem + s);
    }
  }
  return [...out];
}

export const BURYAT_SURNAMES: readonly string[] = [
  'Цыденов', 'Дашиев', 'Доржиев', 'Бадмаев', 'Цыренов', 'Жамсуев', 'Намсараев', 'Будаев', 'Балданов', 'Аюшеев',
  'Батуев', 'Дамбаев', 'Гармаев', 'Раднаев', 'Санжиев', 'Цыбиков', 'Очиров', 'Батоев', 'Дугаров', 'Ринчинов',
  'Жигжитов', 'Эрдынеев', 'Цыдыпов', 'Шагдаров', 'Бальжинимаев', 'Гомбоев', 'Дондоков', 'Содномов', 'Хандуев',
  'Будажапов',
];

export const TUVAN_SURNAMES: readonly string[] = [
  'Монгуш', 'Ооржак', 'Ондар', 'Кужугет', 'Хертек', 'Донгак', 'Куулар', 'Салчак', 'Сат', 'Дажы', 'Иргит', 'Саая',
  'Тулуш', 'Ховалыг', 'Чооду', 'Хомушку', 'Бады', 'Седип', 'Шагдыр', 'Кара-Сал', 'Сарыглар', 'Оюн', 'Байкара',
  'Доржу', 'Маады',
];

export const DAGESTANI_SURNAMES: readonly string[] = [
  'Магомедов', 'Абдуллаев', 'Гаджиев', 'Алиев', 'Рамазанов', 'Омаров', 'Исмаилов', 'Гасанов', 'Курбанов',
  'Ибрагимов', 'Гусейнов', 'Ахмедов', 'Мусаев', 'Сулейманов', 'Абдулаев', 'Алиханов', 'Меджидов', 'Рашидов',
  'Халилов', 'Шахбанов', 'Абакаров', 'Исаев', 'Нурмагомедов', 'Гаджимурадов', 'Магомедрасулов', 'Джафаров',
  'Атаев', 'Керимов', 'Османов', 'Хизриев',
];

export const CHECHEN_SURNAMES: readonly string[] = [
  'Магомадов', 'Исаев', 'Умаров', 'Хасанов', 'Ахмадов', 'Дудаев', 'Эльмурзаев', 'Мусаев', 'Хамзатов', 'Алиев',
  'Бибулатов', 'Сайдулаев', 'Ибрагимов', 'Закриев', 'Висаитов', 'Гайрбеков',
];

export const TATAR_SURNAMES: readonly string[] = [
  'Хуснутдинов', 'Гарипов', 'Галиев', 'Сафин', 'Хабибуллин', 'Зарипов', 'Шарипов', 'Гайнутдинов', 'Валиев',
  'Ахметов', 'Гильмутдинов', 'Хайруллин', 'Мухаметзянов', 'Фахрутдинов', 'Закиров', 'Сабиров', 'Галимов',
  'Мингазов', 'Латыпов', 'Нуриев', 'Каримов', 'Файзуллин', 'Хамитов', 'Ибрагимов', 'Шайхутдинов', 'Низамов',
  'Гимадиев', 'Валеев', 'Зиннатуллин', 'Абдуллин',
];

export const BASHKIR_SURNAMES: readonly string[] = [
  'Ишмухаметов', 'Кутлугильдин', 'Баймухаметов', 'Ишбулатов', 'Гайсин', 'Абдрахманов', 'Галин', 'Хасанов',
  'Султанов', 'Давлетшин', 'Ямалов', 'Муллагалиев', 'Кильдияров', 'Байрамгулов', 'Ишмуратов', 'Гумеров',
  'Уразбахтин', 'Кагарманов', 'Арсланов', 'Аминев', 'Мухаметов', 'Юмагулов', 'Юсупов',
];

/** Yakut surnames are mostly Russian, taken at baptism; the regional list differs in order and in rarer names. */
export const YAKUT_SURNAMES: readonly string[] = [
  'Иванов', 'Петров', 'Николаев', 'Васильев', 'Егоров', 'Фёдоров', 'Павлов', 'Попов', 'Слепцов', 'Спиридонов',
  'Винокуров', 'Готовцев', 'Сивцев', 'Захаров', 'Колесов', 'Сыроватский', 'Аммосов', 'Ноговицын', 'Охлопков',
  'Неустроев', 'Степанов', 'Афанасьев', 'Алексеев', 'Григорьев', 'Андреев', 'Софронов', 'Прокопьев', 'Саввинов',
  'Оконешников', 'Гоголев',
];

/** Zipf–Mandelbrot weights over rank: w(r) ∝ 1 / (r + q)^s, scaled to sum to `mass`. */
export function zipfWeights(n: number, mass: number, s = 0.95, q = 6): number[] {
  const raw = Array.from({ length: n }, (_, r) => 1 / Math.pow(r + 1 + q, s));
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((w) => (w / total) * mass);
}

/** Rows [name, weight] for a ranked list, merging duplicates (a name listed twice keeps its first, higher rank). */
export function rankedRows(names: readonly string[], mass: number, s = 0.95, q = 6): Array<[string, number]> {
  const unique = [...new Set(names)];
  const w = zipfWeights(unique.length, mass, s, q);
  return unique.map((n, i) => [n, w[i]]);
}

/** The Russian surname table: ranked list 50 %, Ukrainian-origin 4 %, long tail 46 % (flat). */
export function russianSurnameRows(): Array<[string, number]> {
  const rows = new Map<string, number>();
  const add = (name: string, w: number) => rows.set(name, (rows.get(name) ?? 0) + w);
  for (const [n, w] of rankedRows(RUSSIAN_SURNAMES_RANKED, 0.5)) add(n, w);
  for (const [n, w] of rankedRows(UKRAINIAN_ORIGIN_SURNAMES, 0.04, 0.6)) add(n, w);
  const tail = tailSurnames().filter((n) => !rows.has(n));
  for (const n of tail) add(n, 0.46 / tail.length);
  return [...rows];
}
