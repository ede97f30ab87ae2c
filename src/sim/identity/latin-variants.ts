// Self-written Latin spellings drift from any one scheme: people who type their own names mix habits
// (Aleksei / Alexey / Alexei, Khasanov / Hasanov, Yuri / Iurii). One alternation is applied per field.
import type { Rng } from './random.ts';

/** Alternations seen in self-transliterated Russian names: [pattern, replacement]. */
export const LATIN_ALTERNATIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/kh/i, 'h'], // Khasanov → Hasanov
  [/ks/i, 'x'], // Aleksei → Alexei
  [/x/i, 'ks'],
  [/ei\b/i, 'ey'], // Aleksei → Alexey
  [/ey\b/i, 'ei'],
  [/(?:ii|iy|yi)\b/i, 'y'], // Iurii, Yuriy → Yury
  [/(?<=[^aeiouy])y\b/i, 'iy'], // Dmitry → Dmitriy
  [/iu/i, 'yu'], // Iurii → Yurii
  [/yu/i, 'iu'],
  [/ia/i, 'ya'],
  [/ya/i, 'ia'],
  [/ts/i, 'tz'],
  [/shch/i, 'sch'],
  [/(?<=[aeiou])e/i, 'ye'], // Alekseev → Alekseyev
];

function matchCase(model: string, rep: string): string {
  return model[0] !== model[0]!.toLowerCase() ? rep[0]!.toUpperCase() + rep.slice(1) : rep;
}

/** One alternation applied at a random applicable place; the text unchanged if none applies. */
export function latinVariant(rng: Rng, text: string): string {
  const options: Array<{ index: number; length: number; rep: string }> = [];
  for (const [pattern, rep] of LATIN_ALTERNATIONS) {
    const global = new RegExp(pattern.source, 'gi');
    for (const m of text.matchAll(global))
      options.push({ index: m.index!, length: m[0].length, rep: matchCase(m[0], rep) });
  }
  if (options.length === 0) return text;
  const o = options[rng.int(options.length)]!;
  return text.slice(0, o.index) + o.rep + text.slice(o.index + o.length);
}
