import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { transliterate, TRANSLIT_SCHEMES } from '../../src/domain/translit.ts';
import { foldText, nameKey, normaliseDate } from '../../src/linkage/normalise.ts';

describe('transliterate', () => {
  it('renders the letters that distinguish the schemes', () => {
    // Щукин Юлия Хабибуллин Цыганков — the letters where the published tables differ.
    expect(transliterate('Щукин', 'gost')).toBe('Shhukin');
    expect(transliterate('Щукин', 'icao')).toBe('Shchukin');
    expect(transliterate('Щукин', 'informal')).toBe('Schukin');
    expect(transliterate('Юлия', 'icao')).toBe('Iuliia');
    expect(transliterate('Юлия', 'mvd1997')).toBe('Yuliya');
    expect(transliterate('Хабибуллин', 'gost')).toBe('Xabibullin');
    expect(transliterate('Хабибуллин', 'icao')).toBe('Khabibullin');
    expect(transliterate('Цыганков', 'gost')).toBe('Cy`gankov');
    expect(transliterate('Цветков', 'gost')).toBe('Czvetkov');
    expect(transliterate('Цыганков', 'icao')).toBe('Tsygankov');
    expect(transliterate('Сергей', 'ukrainian')).toBe('Serhei');
    expect(transliterate('Григорий', 'ukrainian')).toBe('Hryhorii');
  });

  it('applies the context rules: iotated е after vowels (BGN, MVD), ё, informal кс and -ий', () => {
    expect(transliterate('Сергеевич', 'bgn')).toBe('Sergeyevich');
    expect(transliterate('Сергеевич', 'icao')).toBe('Sergeevich');
    expect(transliterate('Евгений', 'mvd1997')).toBe('Yevgeniy');
    expect(transliterate('Фёдор', 'bgn')).toBe('Fëdor');
    expect(transliterate('Фёдор', 'icao')).toBe('Fedor');
    expect(transliterate('Александр', 'informal')).toBe('Alexandr');
    expect(transliterate('Дмитрий', 'informal')).toBe('Dmitry');
    expect(transliterate('Дмитрий', 'icao')).toBe('Dmitrii');
    expect(transliterate('Подъячев', 'icao')).toBe('Podieiachev');
  });

  it('carries case, including all-caps words, and leaves Latin text alone', () => {
    expect(transliterate('ЖУКОВ Жуков', 'icao')).toBe('ZHUKOV Zhukov');
    expect(transliterate('Smith-Жуков', 'icao')).toBe('Smith-Zhukov');
  });
});

describe('nameKey', () => {
  const names = [
    'Фёдор Щукин',
    'Дмитрий Сергеевич Майоров',
    'Александр Цыганков',
    'Юлия Ильина',
    'Евгений Хабибуллин',
    'Ксения Жёлтикова',
    'Мария Воробьёва',
    'Алексей Вячеславович Пономарёв',
    'Наталья Андреевна Соловьёва',
    'Артём Юрьевич Зайцев',
    'Анастасия Подъячева',
    'Кирилл Шевчук',
    'Эдуард Эйхвальд',
    'Любовь Степанова',
  ];

  it("gives one key for the Cyrillic name and every scheme's Latin spelling", () => {
    for (const n of names) {
      const k = nameKey(n).key;
      for (const s of TRANSLIT_SCHEMES)
        expect(nameKey(transliterate(n, s)).key, `${n} (${s}: ${transliterate(n, s)})`).toBe(k);
    }
  });

  it('holds for random name-like Cyrillic strings (property)', () => {
    const cons = 'бвгджзклмнпрстфхцчшщ';
    const vow = 'аеёиоуыэюя';
    const syl = fc
      .tuple(
        fc.constantFrom(...cons),
        fc.constantFrom(...vow),
        fc.constantFrom('', 'й', 'ь', 'н', 'в', 'р', 'а', 'е', 'я'),
      )
      .map(([a, b, c]) => a + b + c);
    const name = fc
      .tuple(fc.constantFrom('', 'а', 'е', 'и', 'о', 'у', 'э', 'ю', 'я'), fc.array(syl, { minLength: 1, maxLength: 4 }))
      .map(([v, s]) => v + s.join(''));
    fc.assert(
      fc.property(
        name,
        fc.constantFrom(...TRANSLIT_SCHEMES),
        (n, s) => nameKey(transliterate(n, s)).key === nameKey(n).key,
      ),
      { numRuns: 1500, seed: 7 },
    );
  });

  it('still tells different names apart', () => {
    expect(nameKey('Иван Петров').key).not.toBe(nameKey('Иван Петренко').key);
    expect(nameKey('Ivan Petrov').key).not.toBe(nameKey('Igor Petrov').key);
  });

  it("offers each scheme's folded spelling as a variant", () => {
    const v = nameKey('Юлия').variants;
    expect(v).toContain('iuliia');
    expect(v).toContain('yuliya');
    expect(v).toContain('yuliia');
  });
});

describe('normalisation', () => {
  it('folds marks, case and spacing', () => {
    expect(foldText('  KÉVIN   Łukasz  ')).toBe('kevin lukasz');
    expect(foldText('Straße', 'upper')).toBe('STRASSE');
  });

  it('reads common date forms as ISO and rejects impossible dates', () => {
    expect(normaliseDate('1992-02-29')).toBe('1992-02-29');
    expect(normaliseDate('29.02.1992')).toBe('1992-02-29');
    expect(normaliseDate('19920229')).toBe('1992-02-29');
    expect(normaliseDate('3/4/1990')).toBe('1990-04-03');
    expect(normaliseDate('29.02.1993')).toBeNull();
    expect(normaliseDate('yesterday')).toBeNull();
  });
});
