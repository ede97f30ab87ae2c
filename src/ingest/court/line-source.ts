import { createReadStream } from 'node:fs';

export type TextEncodingOption = 'utf-8' | 'windows-1251' | 'auto';

/** Pick the encoding from the first bytes: valid UTF-8 is UTF-8, anything else is read as Windows-1251. */
export function detectEncoding(head: Uint8Array): 'utf-8' | 'windows-1251' {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'windows-1251';
  }
}

/**
 * Stream a text file as batches of lines (one batch per read chunk), decoding UTF-8 or Windows-1251,
 * so that a dump of any size is read in constant memory. `first` is the 1-based number of batch[0].
 */
export async function forEachLineBatch(
  file: string,
  encoding: TextEncodingOption,
  onBatch: (lines: string[], first: number) => Promise<void> | void,
): Promise<'utf-8' | 'windows-1251'> {
  let decoder: TextDecoder | null = null;
  let chosen: 'utf-8' | 'windows-1251' = 'utf-8';
  let rest = '';
  let lineNo = 1;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    if (!decoder) {
      chosen = encoding === 'auto' ? detectEncoding(chunk) : encoding;
      decoder = new TextDecoder(chosen);
    }
    const text = rest + decoder.decode(chunk, { stream: true });
    const lines = text.split('\n');
    rest = lines.pop()!;
    if (lines.length) {
      for (let i = 0; i < lines.length; i++) if (lines[i].endsWith('\r')) lines[i] = lines[i].slice(0, -1);
      await onBatch(lines, lineNo);
      lineNo += lines.length;
    }
  }
  if (decoder) rest += decoder.decode();
  if (rest.endsWith('\r')) rest = rest.slice(0, -1);
  if (rest !== '') await onBatch([rest], lineNo);
  return chosen;
}
