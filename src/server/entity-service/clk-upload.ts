/**
 * The two upload forms of the entity service, read into one packed blob: JSON (`clks`, `encodings` or
 * `clknblocks`: arrays of base64 CLKs) and binary (`POST …/binaryclks`: Hash-Count CLKs of Hash-Size
 * bytes, back to back). Every CLK must have the same length; a problem names the field and the entry.
 */

export interface ParsedUpload {
  count: number;
  size: number;
  clks: Uint8Array;
}

export class UploadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UploadError';
  }
}

/** CLK sizes the service takes, in bytes (the entity service's defaults are a multiple of 8 up to a few KiB). */
export const MIN_ENCODING_SIZE = 1;
export const MAX_ENCODING_SIZE = 4096;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decode(entry: unknown, field: string, i: number): Buffer {
  if (typeof entry !== 'string' || entry.length === 0 || entry.length % 4 !== 0 || !BASE64.test(entry))
    throw new UploadError(`${field}[${i}] is not a base64 encoding`);
  return Buffer.from(entry, 'base64');
}

/** A JSON upload: {"clks": [...]}, {"encodings": [...]} or {"clknblocks": [[clk, block, …], …]} (the block ids are not used). */
export function parseJsonUpload(body: unknown): ParsedUpload {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new UploadError('expected a JSON object with "clks", "encodings" or "clknblocks"');
  const o = body as Record<string, unknown>;
  const field = ['clks', 'encodings', 'clknblocks'].find((f) => f in o);
  if (!field) throw new UploadError('expected "clks", "encodings" or "clknblocks"');
  const arr = o[field];
  if (!Array.isArray(arr))
    throw new UploadError(
      `${field} must be an array${field === 'encodings' ? ' (encodings from an object store are not supported here)' : ''}`,
    );
  if (arr.length < 1) throw new UploadError(`${field}: missing CLKs information (the array is empty)`);
  const entries =
    field === 'clknblocks'
      ? arr.map((e, i) =>
          Array.isArray(e) && e.length >= 1
            ? e[0]
            : (() => {
                throw new UploadError(`clknblocks[${i}] must be [clk, block id, …]`);
              })(),
        )
      : arr;
  const first = decode(entries[0], field, 0);
  const size = first.length;
  checkSize(size, `${field}[0]`);
  const out = new Uint8Array(entries.length * size);
  out.set(first, 0);
  for (let i = 1; i < entries.length; i++) {
    const b = decode(entries[i], field, i);
    if (b.length !== size)
      throw new UploadError(
        `${field}[${i}] has ${b.length} bytes, ${field}[0] has ${size}: every encoding must have the same length`,
      );
    out.set(b, i * size);
  }
  return { count: entries.length, size, clks: out };
}

function checkSize(size: number, what: string): void {
  if (size < MIN_ENCODING_SIZE || size > MAX_ENCODING_SIZE)
    throw new UploadError(
      `${what}: an encoding of ${size} bytes is outside ${MIN_ENCODING_SIZE}..${MAX_ENCODING_SIZE}`,
    );
}

function headerInt(value: string | undefined, name: string, min: number, max: number): number {
  if (value === undefined) throw new UploadError("binary upload requires 'Hash-Count' and 'Hash-Size' headers");
  const v = Number(value.trim());
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(v) || v < min || v > max)
    throw new UploadError(
      `invalid value for ${name} header: ${JSON.stringify(value.slice(0, 20))} (a whole number from ${min} to ${max})`,
    );
  return v;
}

/** A binary upload: Hash-Count encodings of Hash-Size bytes each, nothing else. */
export function parseBinaryUpload(
  bytes: Uint8Array,
  hashCount: string | undefined,
  hashSize: string | undefined,
): ParsedUpload {
  const size = headerInt(hashSize, 'Hash-Size', MIN_ENCODING_SIZE, MAX_ENCODING_SIZE);
  const count = headerInt(hashCount, 'Hash-Count', 1, Number.MAX_SAFE_INTEGER);
  if (bytes.length !== count * size)
    throw new UploadError(
      `uploaded data did not match the expected size: ${bytes.length} bytes, Hash-Count × Hash-Size = ${count * size}`,
    );
  return { count, size, clks: bytes };
}
