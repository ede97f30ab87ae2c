import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { BadInputError } from '../../domain/index.ts';

export type TextEncodingOption = 'utf-8' | 'windows-1251' | 'auto';
export type TextEncoding = 'utf-8' | 'windows-1251';

/**
 * A strict UTF-8 check of a whole file, chunk by chunk (WHATWG rules: no overlongs, no surrogates, nothing
 * above U+10FFFF): how many multibyte sequences are valid, how many bytes start no valid sequence, and
 * where the first such byte is (offset and 1-based line), for the error message.
 */
export class Utf8Census {
  valid = 0;
  invalid = 0;
  first: { offset: number; line: number; byte: number } | null = null;
  private offset = 0;
  private line = 1;
  // The sequence in progress: bytes still needed, bounds of the next one, and where it started.
  private need = 0;
  private lo = 0x80;
  private hi = 0xbf;
  private leadAt = 0;
  private leadLine = 1;
  private lead = 0;

  private bad(offset: number, line: number, byte: number): void {
    this.invalid++;
    if (!this.first) this.first = { offset, line, byte };
  }

  feed(chunk: Uint8Array): void {
    const base = this.offset;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (this.need > 0) {
        if (b >= this.lo && b <= this.hi) {
          this.lo = 0x80;
          this.hi = 0xbf;
          if (--this.need === 0) this.valid++;
          continue;
        }
        // A broken sequence: its lead is the bad byte; this byte starts afresh.
        this.need = 0;
        this.bad(this.leadAt, this.leadLine, this.lead);
      }
      if (b < 0x80) {
        if (b === 0x0a) this.line++;
        continue;
      }
      this.leadAt = base + i;
      this.leadLine = this.line;
      this.lead = b;
      if (b >= 0xc2 && b <= 0xdf) this.need = 1;
      else if (b >= 0xe0 && b <= 0xef) {
        this.need = 2;
        if (b === 0xe0) this.lo = 0xa0;
        if (b === 0xed) this.hi = 0x9f;
      } else if (b >= 0xf0 && b <= 0xf4) {
        this.need = 3;
        if (b === 0xf0) this.lo = 0x90;
        if (b === 0xf4) this.hi = 0x8f;
      } else this.bad(base + i, this.line, b);
    }
    this.offset += chunk.length;
  }

  /** The end of the file: a sequence cut short there is invalid too. */
  end(): void {
    if (this.need > 0) {
      this.need = 0;
      this.bad(this.leadAt, this.leadLine, this.lead);
    }
  }
}

/**
 * Whether a file is valid UTF-8, at native speed (buffer.isUtf8), chunk by chunk: a sequence cut by a
 * chunk's end is carried into the next. The census (a JS loop, ~150 MiB/s) runs only where this fails.
 */
export class Utf8Quick {
  ok = true;
  private carry: Uint8Array | null = null;

  feed(chunk: Uint8Array): void {
    if (!this.ok) return;
    const bytes = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    // Step back over continuation bytes (at most 3) to the last lead; keep it if its sequence is cut short.
    let i = bytes.length - 1;
    while (i >= 0 && i >= bytes.length - 3 && (bytes[i]! & 0xc0) === 0x80) i--;
    let cut = bytes.length;
    if (i >= 0 && bytes[i]! >= 0xc0) {
      const len = bytes[i]! >= 0xf0 ? 4 : bytes[i]! >= 0xe0 ? 3 : 2;
      if (bytes.length - i < len) cut = i;
    }
    this.carry = cut < bytes.length ? bytes.slice(cut) : null;
    if (!isUtf8(bytes.subarray(0, cut))) this.ok = false;
  }

  end(): void {
    if (this.carry) this.ok = false;
  }
}

/** The census of a file that failed the quick check (a second pass, paid only by such files). */
export async function censusOf(file: string): Promise<Utf8Census> {
  const census = new Utf8Census();
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>)
    census.feed(chunk);
  census.end();
  return census;
}

// Auto-detection takes Windows-1251 only when the file is clearly not UTF-8: fewer valid multibyte
// sequences than 1 per 100 invalid bytes, and at least 16 invalid bytes. (Russian text in Windows-1251
// makes almost every letter an invalid byte and a valid sequence only by rare coincidence; a UTF-8 dump
// with a few stray bytes has thousands of valid sequences; an ASCII file with one stray byte says
// nothing either way.) Anything else is an error, never a silent switch.
const CP1251_RATIO = 100;
const CP1251_EVIDENCE = 16;

/** The encoding to read a file in, from what was asked and what its bytes are; a bad-input error where they disagree. */
export function decideEncoding(
  file: string,
  requested: TextEncodingOption,
  census: Utf8Census,
  hint = 'if the file is Windows-1251, say --encoding windows-1251',
): TextEncoding {
  if (requested === 'windows-1251') return 'windows-1251';
  if (census.invalid === 0) return 'utf-8';
  const f = census.first!;
  const where = `byte 0x${f.byte.toString(16).toUpperCase().padStart(2, '0')} at offset ${f.offset}`;
  if (requested === 'utf-8')
    throw new BadInputError([
      { file, line: f.line, message: `not valid UTF-8: ${where} (${census.invalid} invalid byte(s) in all); ${hint}` },
    ]);
  const clearlyNot = census.valid * CP1251_RATIO <= census.invalid;
  if (clearlyNot && census.invalid >= CP1251_EVIDENCE) return 'windows-1251';
  const what = clearlyNot
    ? `only ${census.invalid} byte(s) that are not UTF-8, too few to tell Windows-1251 from a damaged UTF-8 file; the first: ${where}`
    : `mostly UTF-8 (${census.valid} valid multibyte sequence(s)) but with ${census.invalid} invalid byte(s), the first: ${where}`;
  throw new BadInputError([
    { file, line: f.line, message: `${what}; repair the file, or name its encoding with --encoding` },
  ]);
}

/** Read the whole file for its encoding (the importer does the quick check in its hashing pass instead). */
export async function resolveEncoding(file: string, requested: TextEncodingOption): Promise<TextEncoding> {
  if (requested === 'windows-1251') return requested;
  return fileEncoding(file, requested, await isUtf8File(file));
}

/** The encoding of a file whose quick check gave `utf8` (the census pass only where it failed). */
export async function fileEncoding(file: string, requested: TextEncodingOption, utf8: boolean): Promise<TextEncoding> {
  if (requested === 'windows-1251') return requested;
  return utf8 ? 'utf-8' : decideEncoding(file, requested, await censusOf(file));
}

async function isUtf8File(file: string): Promise<boolean> {
  const quick = new Utf8Quick();
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>)
    quick.feed(chunk);
  quick.end();
  return quick.ok;
}

/** A decoder that throws on bytes that are not UTF-8 (a file changed since its check), named by file and line. */
export function strictDecoder(
  file: string,
  encoding: TextEncoding,
): (chunk: Uint8Array | undefined, line: number) => string {
  const decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
  return (chunk, line) => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw new BadInputError([
        { file, line, message: 'not valid UTF-8 here (was the file changed while it was read?)' },
      ]);
    }
  };
}

/**
 * Stream a text file as batches of lines (one batch per read chunk), decoding UTF-8 or Windows-1251,
 * so that a dump of any size is read in constant memory. `first` is the 1-based number of batch[0].
 * 'auto' costs one extra pass over the file (resolveEncoding); callers that know the encoding pass it.
 */
export async function forEachLineBatch(
  file: string,
  encoding: TextEncodingOption,
  onBatch: (lines: string[], first: number) => Promise<void> | void,
): Promise<TextEncoding> {
  const chosen = encoding === 'auto' ? await resolveEncoding(file, 'auto') : encoding;
  const decode = strictDecoder(file, chosen);
  let rest = '';
  let lineNo = 1;
  const decodeOrExplain = async (chunk: Uint8Array | undefined): Promise<string> => {
    try {
      return decode(chunk, lineNo);
    } catch (e) {
      // Name the byte and its line: the census pass is only paid for when decoding fails.
      if (chosen === 'utf-8') await resolveEncoding(file, 'utf-8');
      throw e;
    }
  };
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const text = rest + (await decodeOrExplain(chunk));
    const lines = text.split('\n');
    rest = lines.pop()!;
    if (lines.length) {
      for (let i = 0; i < lines.length; i++) if (lines[i]!.endsWith('\r')) lines[i] = lines[i]!.slice(0, -1);
      await onBatch(lines, lineNo);
      lineNo += lines.length;
    }
  }
  rest += await decodeOrExplain(undefined);
  if (rest.endsWith('\r')) rest = rest.slice(0, -1);
  if (rest !== '') await onBatch([rest], lineNo);
  return chosen;
}
