// Building blocks of the synthetic identities: PRNG, weighted tables, patronymics, unit designations,
// keyboard typos, Ukrainian spelling, date damage.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pick, weightedTable } from '../../src/sim/identity/categorical.ts';
import {
  applyTypo,
  canSwapDayMonth,
  dateDigitTypo,
  hashInts,
  keyboardNeighbours,
  patronymicOf,
  rngFor,
  swapDayMonth,
  typo,
  ukrainianSpelling,
  unitDesignation,
  unitNumber,
  yoToYe,
  latinVariant,
} from '../../src/sim/identity/index.ts';
import { isIsoDate, addDays } from '../../src/domain/dates.ts';

/** Optimal-string-alignment distance (Damerau–Levenshtein without repeated edits of a substring). */
function osa(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  // Full (x+1)×(y+1) table and in-range indices: the `!`s below cannot miss.
  const d = Array.from({ length: x.length + 1 }, (_, i) =>
    Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      const row = d[i]!;
      row[j] = Math.min(d[i - 1]![j]! + 1, row[j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1])
        row[j] = Math.min(row[j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[x.length]![y.length]!;
}

/** Pearson chi-square statistic of observed counts against expected probabilities. */
function chiSquare(observed: number[], probs: number[], n: number): number {
  return observed.reduce((acc, o, i) => acc + (o - n * probs[i]!) ** 2 / (n * probs[i]!), 0);
}

describe('Rng', () => {
  it('is reproducible and keyed', () => {
    const a = rngFor(1, 2, 3);
    const b = rngFor(1, 2, 3);
    const c = rngFor(1, 2, 4);
    const xa = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(xa);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(xa);
    expect(hashInts(7, 2 ** 40)).not.toBe(hashInts(7, 0)); // the high part of large ids counts
  });

  it('gives uniform draws in [0,1) with the right mean and decile counts', () => {
    const r = rngFor(99);
    const n = 50_000;
    const bins = new Array(10).fill(0);
    let sum = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = r.uniform();
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
      bins[Math.floor(u * 10)]++;
    }
    expect(outside).toBe(0);
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    expect(chiSquare(bins, new Array(10).fill(0.1), n)).toBeLessThan(27.9); // df 9, p = 0.001
  });

  it('samples bernoulli, int and triangular with the right moments', () => {
    const r = rngFor(5);
    const n = 40_000;
    let hits = 0;
    let tri = 0;
    const ints = new Array(7).fill(0);
    for (let i = 0; i < n; i++) {
      if (r.bernoulli(0.3)) hits++;
      tri += r.triangular(20, 30, 50);
      ints[r.int(7)]++;
    }
    expect(Math.abs(hits / n - 0.3)).toBeLessThan(4 * Math.sqrt(0.21 / n));
    // Triangular mean (a+b+c)/3, variance (a²+b²+c²−ab−ac−bc)/18.
    const sd = Math.sqrt((400 + 900 + 2500 - 600 - 1000 - 1500) / 18);
    expect(Math.abs(tri / n - 100 / 3)).toBeLessThan((4 * sd) / Math.sqrt(n));
    expect(chiSquare(ints, new Array(7).fill(1 / 7), n)).toBeLessThan(22.5); // df 6, p = 0.001
    expect(rngFor(1).bernoulli(0)).toBe(false);
    expect(rngFor(1).bernoulli(1)).toBe(true);
  });
});

describe('weighted tables', () => {
  it('draws in proportion to the weights and never draws a zero weight', () => {
    const t = weightedTable<'a' | 'b' | 'c' | 'd'>([
      ['a', 5],
      ['b', 0],
      ['c', 3],
      ['d', 2],
    ]);
    const r = rngFor(11);
    const n = 30_000;
    const counts = { a: 0, b: 0, c: 0, d: 0 };
    for (let i = 0; i < n; i++) counts[pick(t, r.uniform())]++;
    expect(counts.b).toBe(0);
    expect(chiSquare([counts.a, counts.c, counts.d], [0.5, 0.3, 0.2], n)).toBeLessThan(13.8); // df 2, p = 0.001
    expect(pick(t, 0)).toBe('a');
    expect(pick(t, 0.9999999)).toBe('d');
  });

  it('rejects bad tables', () => {
    expect(() => weightedTable([])).toThrow();
    expect(() => weightedTable([['a', -1]])).toThrow();
    expect(() => weightedTable([['a', 0]])).toThrow();
  });
});

describe('patronymics', () => {
  it('follows the Russian formation rules', () => {
    const cases: Record<string, string> = {
      Сергей: 'Сергеевич',
      Юрий: 'Юрьевич',
      Игорь: 'Игоревич',
      Никита: 'Никитич',
      Илья: 'Ильич',
      Александр: 'Александрович',
      Пётр: 'Петрович',
      Николай: 'Николаевич',
      Дмитрий: 'Дмитриевич',
      Павел: 'Павлович',
      Михаил: 'Михайлович',
      Лев: 'Львович',
      Евгений: 'Евгеньевич',
      Али: 'Алиевич',
      Бато: 'Батоевич',
      Шамиль: 'Шамилевич',
      Магомед: 'Магомедович',
      'Алдын-оол': 'Алдын-оолович',
    };
    for (const [father, expected] of Object.entries(cases)) expect(patronymicOf(father)).toBe(expected);
  });
});

describe('unit designations', () => {
  it('are five-digit в/ч numbers, distinct for distinct unit ids', () => {
    const seen = new Set<string>();
    for (let u = 0; u < 90_000; u++) seen.add(unitNumber(u));
    expect(seen.size).toBe(90_000);
    expect(unitDesignation(0)).toMatch(/^в\/ч \d{5}$/);
    expect(unitDesignation(12)).toBe(unitDesignation(12));
    expect(unitNumber(90_000 + 5)).not.toBe(unitNumber(5));
    expect(() => unitNumber(-1)).toThrow();
  });
});

describe('typos', () => {
  it('uses ЙЦУКЕН and QWERTY neighbours symmetrically', () => {
    expect([...keyboardNeighbours('к')].sort()).toEqual(['а', 'в', 'е', 'у'].sort());
    expect(keyboardNeighbours('ф')).toContain('ы');
    expect(keyboardNeighbours('s')).toContain('a');
    for (const ch of 'йцукенгшщзхъфывапролджэячсмитьбюqwertyuiopasdfghjklzxcvbnm') {
      for (const n of keyboardNeighbours(ch)) expect(keyboardNeighbours(n)).toContain(ch);
    }
  });

  it('applies each kind of one-keystroke error', () => {
    expect(applyTypo('Иванов', 'delete', 2, 0)).toBe('Ивнов');
    expect(applyTypo('Иванов', 'transpose', 1, 0)).toBe('Иавнов');
    expect(applyTypo('Иванов', 'double', 3, 0)).toBe('Иваннов');
    expect(keyboardNeighbours('а')).toContain(Array.from(applyTypo('Иванов', 'substitute', 2, 0)!)[2]);
    expect(applyTypo('Ааб', 'transpose', 0, 0)).toBeNull(); // same letter twice: no visible change
  });

  it('always changes a word of two or more letters by exactly one edit (property)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.stringMatching(/^[А-ЯЁ][а-яё]{1,14}$/), (key, word) => {
        const out = typo(rngFor(key), word);
        expect(out).not.toBe(word);
        expect(osa(out.toLowerCase(), word.toLowerCase())).toBe(1); // case stays with the position
      }),
      { numRuns: 300 },
    );
  });

  it('writes ё as е', () => {
    expect(yoToYe('Семёнов Пётр Ёлкин')).toBe('Семенов Петр Елкин');
  });
});

describe('Ukrainian spelling', () => {
  it('spells Russian names with Ukrainian letters', () => {
    expect(ukrainianSpelling('Иванов')).toBe('Іванов');
    expect(ukrainianSpelling('Крылов')).toBe('Крилов');
    expect(ukrainianSpelling('Сергей')).toBe('Сергій');
    expect(ukrainianSpelling('Егоров')).toBe('Єгоров');
    expect(ukrainianSpelling('Алексеевич')).toBe('Алексеєвіч');
    expect(ukrainianSpelling('Эдуард')).toBe('Едуард');
    expect(ukrainianSpelling('Дмитрий')).toBe('Дмітрій');
  });
});

describe('Latin self-spelling alternations', () => {
  it('produces the usual variants of self-transliterated names', () => {
    const variants = (w: string) => {
      const r = rngFor(17);
      return new Set(Array.from({ length: 60 }, () => latinVariant(r, w)));
    };
    expect(variants('Aleksei')).toEqual(new Set(['Alexei', 'Aleksey']));
    expect(variants('Khasanov')).toEqual(new Set(['Hasanov']));
    expect(variants('Dmitry')).toEqual(new Set(['Dmitriy']));
    expect(variants('Iurii')).toEqual(new Set(['Yurii', 'Iury']));
    expect(latinVariant(rngFor(1), 'Bob')).toBe('Bob'); // nothing to alternate
  });
});

describe('date damage', () => {
  it('swaps day and month only where that gives another valid date', () => {
    expect(swapDayMonth('1990-03-07')).toBe('1990-07-03');
    expect(swapDayMonth('1990-03-25')).toBe('1990-03-25');
    expect(swapDayMonth('1990-05-05')).toBe('1990-05-05');
    expect(canSwapDayMonth('1990-12-11')).toBe(true);
    expect(canSwapDayMonth('1990-12-13')).toBe(false);
  });

  it('mistypes one digit and keeps a valid, different date (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 * 366 }), fc.integer(), (offset, key) => {
        const iso = addDays('1965-01-01', offset);
        const out = dateDigitTypo(rngFor(key), iso);
        expect(isIsoDate(out)).toBe(true);
        expect(out).not.toBe(iso);
        expect(out.slice(0, 2)).toBe(iso.slice(0, 2));
      }),
      { numRuns: 300 },
    );
  });
});
