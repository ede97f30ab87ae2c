import { readFileSync } from 'node:fs';
import type { ExpectedCase } from './corpus/generate.ts';

export const CORPUS = new URL('./corpus/sudrf-corpus.jsonl', import.meta.url).pathname;
export const EXPECTED = new URL('./corpus/expected.jsonl', import.meta.url).pathname;

export function corpusLines(): string[] {
  return readFileSync(CORPUS, 'utf8').trim().split('\n');
}

export function expectedCases(): ExpectedCase[] {
  return readFileSync(EXPECTED, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as ExpectedCase);
}

/** Windows-1251 encoder (Node has only the decoder): the inverse of TextDecoder's table. */
export function encodeCp1251(text: string): Buffer {
  const dec = new TextDecoder('windows-1251');
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(dec.decode(new Uint8Array([b])), b);
  const out = Buffer.alloc(text.length);
  let n = 0;
  for (const ch of text) {
    const b = table.get(ch);
    if (b === undefined) throw new Error(`not in Windows-1251: ${ch}`);
    out[n++] = b;
  }
  return out.subarray(0, n);
}
