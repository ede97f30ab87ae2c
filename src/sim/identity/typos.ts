// Typing errors of one keystroke: a keyboard-neighbour substitution, a deletion, a transposition of two adjacent
// letters, or a doubled letter (the four classes of Damerau's 1964 study, which cover ~80 % of misspellings).
// The first letter is left alone in words of three or more letters: people rarely mistype it, and surname
// initials are what court records keep.
import { keyboardNeighbours } from './keyboard.ts';
import type { Rng } from './random.ts';

export type TypoKind = 'substitute' | 'delete' | 'transpose' | 'double';
export const TYPO_KINDS: readonly TypoKind[] = ['substitute', 'delete', 'transpose', 'double'];

function matchCase(model: string, ch: string): string {
  return model !== model.toLowerCase() ? ch.toUpperCase() : ch;
}

/** Apply one typo of the given kind at letter position i (code points); returns null if it cannot apply there. */
export function applyTypo(word: string, kind: TypoKind, i: number, pickIndex: number): string | null {
  const chars = Array.from(word);
  if (i < 0 || i >= chars.length) return null;
  switch (kind) {
    case 'substitute': {
      const ns = keyboardNeighbours(chars[i]!);
      if (ns.length === 0) return null;
      chars[i] = matchCase(chars[i]!, ns[pickIndex % ns.length]!);
      return chars.join('');
    }
    case 'delete':
      if (chars.length < 2) return null;
      chars.splice(i, 1);
      return chars.join('');
    case 'transpose': {
      if (i + 1 >= chars.length || chars[i]!.toLowerCase() === chars[i + 1]!.toLowerCase()) return null;
      const a = chars[i]!;
      const b = chars[i + 1]!;
      chars[i] = matchCase(a, b.toLowerCase());
      chars[i + 1] = matchCase(b, a.toLowerCase());
      return chars.join('');
    }
    case 'double':
      if (!/\p{L}/u.test(chars[i]!)) return null;
      chars.splice(i, 0, chars[i]!.toLowerCase());
      return chars.join('');
  }
}

/**
 * One random typo in `word`, always producing a different string when the word has at least two letters
 * (a few attempts, then a deletion as last resort). Words shorter than two letters come back unchanged.
 */
export function typo(rng: Rng, word: string): string {
  const n = Array.from(word).length;
  if (n < 2) return word;
  const first = n >= 3 ? 1 : 0;
  for (let attempt = 0; attempt < 8; attempt++) {
    const kind = TYPO_KINDS[rng.int(TYPO_KINDS.length)]!;
    const i = first + rng.int(n - first);
    const out = applyTypo(word, kind, i, rng.int(1 << 16));
    if (out !== null && out !== word) return out;
  }
  return applyTypo(word, 'delete', n - 1, 0)!;
}

/** ё → е (and Ё → Е), as most printed and typed Russian writes it. */
export function yoToYe(text: string): string {
  return text.replace(/ё/g, 'е').replace(/Ё/g, 'Е');
}
