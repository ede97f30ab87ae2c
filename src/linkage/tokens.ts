/** Tokenisers of clkhash's comparisons: n-grams (optionally positional), exact, numeric neighbourhoods. */
import type { ComparisonSpec } from './schema.ts';

/**
 * n-grams by code point (Python slices code points, not UTF-16 units), padded with n−1 spaces
 * each side when n > 1; positional tokens are "{i+1} {gram}". Empty input gives no tokens.
 */
export function ngrams(word: string, n: number, positional: boolean): string[] {
  if (word.length === 0) return [];
  // Fast path: no surrogate pairs, so UTF-16 units are code points and substring is exact.
  if (!/[\uD800-\uDFFF]/.test(word)) {
    const pad = n > 1 ? ' '.repeat(n - 1) : '';
    const w = pad + word + pad;
    const out = new Array<string>(w.length - n + 1);
    for (let i = 0; i + n <= w.length; i++)
      out[i] = positional ? `${i + 1} ${w.substring(i, i + n)}` : w.substring(i, i + n);
    return out;
  }
  let cps = Array.from(word);
  if (n > 1) {
    const pad = new Array<string>(n - 1).fill(' ');
    cps = [...pad, ...cps, ...pad];
  }
  const out: string[] = [];
  for (let i = 0; i + n <= cps.length; i++) {
    const g = cps.slice(i, i + n).join('');
    out.push(positional ? `${i + 1} ${g}` : g);
  }
  return out;
}

/**
 * Numeric neighbourhood tokens (Vatsalan & Christen): the value is scaled to an integer grid,
 * snapped to the nearest multiple of the token spacing, and 2·resolution+1 neighbours are emitted,
 * so values closer than thresholdDistance share tokens.
 */
export function numericTokens(
  word: string,
  thresholdDistance: number,
  resolution: number,
  fractionalPrecision: number,
): string[] {
  if (word.trim() === '') return [];
  const scale = 10 ** fractionalPrecision;
  const distance = Math.round(thresholdDistance * scale);
  let v = Math.round(Number(word) * scale) * 2 * resolution;
  let residue = v % distance;
  if (residue < 0) residue += distance;
  if (residue !== 0) v = residue < distance / 2 ? v - residue : v + (distance - residue);
  const out: string[] = [];
  for (let i = -resolution; i <= resolution; i++) out.push(String(v + i * distance));
  return out;
}

export function tokenize(value: string, c: ComparisonSpec): string[] {
  switch (c.type) {
    case 'ngram':
      return ngrams(value, c.n, c.positional);
    case 'exact':
      return value.length === 0 ? [] : [value];
    case 'numeric':
      return numericTokens(value, c.thresholdDistance, c.resolution, c.fractionalPrecision);
  }
}

/** Bits per token: bitsPerToken k for each; bitsPerFeature b split, the first b mod t tokens getting one more. */
export function bitsPerToken(strategy: { bitsPerToken: number } | { bitsPerFeature: number }, t: number): number[] {
  if ('bitsPerToken' in strategy) return new Array<number>(t).fill(strategy.bitsPerToken);
  if (t === 0) return [];
  const k = Math.floor(strategy.bitsPerFeature / t);
  const residue = strategy.bitsPerFeature % t;
  const out = new Array<number>(t);
  for (let i = 0; i < t; i++) out[i] = i < residue ? k + 1 : k;
  return out;
}
