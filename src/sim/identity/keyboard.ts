// Keyboard neighbours for substitution typos: the Russian ЙЦУКЕН layout for Cyrillic text and QWERTY for
// Latin text. Neighbours are the keys left and right on the same row and the two nearest keys on the rows
// above and below (rows are staggered by about half a key).

const JCUKEN_ROWS = ['йцукенгшщзхъ', 'фывапролджэ', 'ячсмитьбю'];
const QWERTY_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

function neighbourMap(rows: readonly string[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  rows.forEach((row, r) => {
    for (let c = 0; c < row.length; c++) {
      const n = new Set<string>();
      if (c > 0) n.add(row[c - 1]!);
      if (c + 1 < row.length) n.add(row[c + 1]!);
      // Row r+1 is shifted right by half a key: key c sits above keys c-1 and c of the next row.
      const below = rows[r + 1];
      if (below) for (const k of [c - 1, c]) if (k >= 0 && k < below.length) n.add(below[k]!);
      const above = rows[r - 1];
      if (above) for (const k of [c, c + 1]) if (k >= 0 && k < above.length) n.add(above[k]!);
      map.set(row[c]!, [...n]);
    }
  });
  return map;
}

const CYRILLIC_NEIGHBOURS = neighbourMap(JCUKEN_ROWS);
const LATIN_NEIGHBOURS = neighbourMap(QWERTY_ROWS);
// ё sits apart (top-left), next to й on most keyboards; people reach it for е.
CYRILLIC_NEIGHBOURS.set('ё', ['е', 'й']);

/** Keys next to `ch` (lower-case), from the layout that contains it; empty if none. */
export function keyboardNeighbours(ch: string): readonly string[] {
  const c = ch.toLowerCase();
  return CYRILLIC_NEIGHBOURS.get(c) ?? LATIN_NEIGHBOURS.get(c) ?? [];
}
