// Russian patronymic (отчество) from the father's first name, following the standard rules
// (as listed in A. V. Superanskaya's dictionary of Russian personal names): -ович/-евич for consonant and -й/-ь stems, -ич for most -а/-я.

const IRREGULAR: Readonly<Record<string, string>> = {
  Пётр: 'Петрович',
  Лев: 'Львович',
  Павел: 'Павлович',
  Михаил: 'Михайлович',
  Илья: 'Ильич',
  Яков: 'Яковлевич',
  Даниил: 'Даниилович',
  Гавриил: 'Гаврилович',
  Дмитрий: 'Дмитриевич',
  Георгий: 'Георгиевич',
  Данила: 'Данилович',
  Муса: 'Мусаевич',
  Иса: 'Исаевич',
  Дамба: 'Дамбаевич',
  Абдула: 'Абдулаевич',
  Кузьма: 'Кузьмич',
  Фома: 'Фомич',
  Лука: 'Лукич',
  Савва: 'Саввич',
};

export function patronymicOf(fatherName: string): string {
  const irregular = IRREGULAR[fatherName];
  if (irregular) return irregular;
  const last = fatherName.slice(-1);
  const stem = fatherName.slice(0, -1);
  if (fatherName.endsWith('ий')) return fatherName.slice(0, -2) + 'ьевич'; // Юрий → Юрьевич
  if (last === 'й') return stem + 'евич'; // Сергей → Сергеевич, Николай → Николаевич
  if (last === 'ь') return stem + 'евич'; // Игорь → Игоревич, Шамиль → Шамилевич
  if (last === 'а' || last === 'я') return stem + 'ич'; // Никита → Никитич
  if (last === 'и' || last === 'о' || last === 'у' || last === 'э' || last === 'е') return fatherName + 'евич'; // Али → Алиевич, Бато → Батоевич
  if (/[жшчщц]/.test(last)) return fatherName + 'евич';
  return fatherName + 'ович';
}
