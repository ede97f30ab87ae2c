/**
 * clkhash-compatible CLK encoding: validate and format each value as clkhash's field formats do,
 * tokenise, insert the tokens with the feature's keys, OR the features into one filter, fold.
 * Token → bit-position lists are cached per feature; the cache is a codebook, so it lives only
 * in this encoder's memory.
 */
import { normaliseValue, UnreadableValueError, NORMALISATION_VERSION } from './normalise.ts';
import { deriveFeatureKeys, type FeatureKeys } from './keys.ts';
import { BlakeIndexer, doubleHashPair, encodeText, foldXor } from './bloom.ts';
import { bitsPerToken, tokenize } from './tokens.ts';
import { formatYmdCompact, strptime } from './strptime.ts';
import type { FormatSpec, HashedFeature, LinkageSchema } from './schema.ts';

export interface EncodeIssue {
  /** 0-based record index (the caller turns it into a file line). */
  record: number;
  /** 1-based column. */
  column: number;
  field: string;
  message: string;
}

/** A value that breaks its feature's format. */
export class EntryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EntryError';
  }
}

const NON_ASCII = /[\u0080-\uffff]/;
const SURROGATE = /[\uD800-\uDFFF]/;
const PLAIN_DIGITS = /^\d{1,15}$/;

function validateInteger(v: string, f: Extract<FormatSpec, { type: 'integer' }>): string {
  // Most values are plain digits that a double holds exactly: no BigInt needed.
  if (PLAIN_DIGITS.test(v)) {
    const n = Number(v);
    if (f.minimum !== undefined && n < Math.ceil(f.minimum))
      throw new EntryError(`expected an integer of at least ${f.minimum}, read ${JSON.stringify(v)}`);
    if (f.maximum !== undefined && n > Math.floor(f.maximum))
      throw new EntryError(`expected an integer of at most ${f.maximum}, read ${JSON.stringify(v)}`);
    return String(n);
  }
  // Python int(s, 10): optional spaces and sign, digits with single underscores between them.
  const m = /^\s*([+-]?)(\d+(?:_\d+)*)\s*$/.exec(v);
  if (!m) throw new EntryError(`invalid integer ${JSON.stringify(v)}`);
  const digits = m[2]!.replace(/_/g, '');
  const big = BigInt(digits) * (m[1] === '-' ? -1n : 1n);
  if (f.minimum !== undefined && big < BigInt(Math.ceil(f.minimum)))
    throw new EntryError(`expected an integer of at least ${f.minimum}, read ${JSON.stringify(v)}`);
  if (f.maximum !== undefined && big > BigInt(Math.floor(f.maximum)))
    throw new EntryError(`expected an integer of at most ${f.maximum}, read ${JSON.stringify(v)}`);
  return big.toString();
}

/** Validate a (non-missing) value and return the string clkhash hashes for it. */
export function formatValue(v: string, feature: HashedFeature, patterns: Map<string, RegExp>): string {
  if (feature.encoding === 'ascii' && NON_ASCII.test(v))
    throw new EntryError(`expected text that can be encoded in ascii, read ${JSON.stringify(v)}`);
  const f = feature.format;
  switch (f.type) {
    case 'string': {
      if (f.pattern !== undefined) {
        let re = patterns.get(f.pattern);
        if (!re) {
          re = new RegExp(`^(?:${f.pattern})$`);
          patterns.set(f.pattern, re);
        }
        if (!re.test(v)) throw new EntryError(`expected text matching /${f.pattern}/, read ${JSON.stringify(v)}`);
        return v;
      }
      const len = SURROGATE.test(v) ? Array.from(v).length : v.length;
      if (f.minLength !== undefined && len < f.minLength)
        throw new EntryError(`expected at least ${f.minLength} characters, read ${JSON.stringify(v)} (${len})`);
      if (f.maxLength !== undefined && len > f.maxLength)
        throw new EntryError(`expected at most ${f.maxLength} characters, read ${JSON.stringify(v)} (${len})`);
      if (f.case === 'upper' && v.toUpperCase() !== v)
        throw new EntryError(`expected upper-case text, read ${JSON.stringify(v)}`);
      if (f.case === 'lower' && v.toLowerCase() !== v)
        throw new EntryError(`expected lower-case text, read ${JSON.stringify(v)}`);
      return v;
    }
    case 'integer':
      return validateInteger(v, f);
    case 'date':
      try {
        return formatYmdCompact(strptime(v, f.format));
      } catch (e) {
        throw new EntryError(`not a date in the form ${f.format}: ${(e as Error).message}`);
      }
    case 'enum':
      if (!f.values.includes(v))
        throw new EntryError(`expected one of ${JSON.stringify(f.values)}, read ${JSON.stringify(v)}`);
      return v;
  }
}

function isInitial(v: string): boolean {
  return /^\s*\p{L}\.?\s*$/u.test(v);
}

/** darkfigure's normalisation, applied before clkhash's format sees the value. */
export function applyNormalisation(v: string, feature: HashedFeature): string {
  const rule = feature.normalise;
  if (rule === undefined) return v;
  // A bare initial ("Е.", "J") is not a name: it is hashed by an 'initial' feature, not as n-grams.
  if (rule === 'nameKey' && isInitial(v)) return '';
  try {
    return normaliseValue(
      v,
      rule,
      feature.format.type === 'string' && feature.format.case === 'upper' ? 'upper' : 'lower',
    );
  } catch (e) {
    if (e instanceof UnreadableValueError) throw new EntryError(e.message);
    throw e;
  }
}

/** blakeHash bit positions, or doubleHash's (h1, h2): one array type, so the caches stay monomorphic. */
type TokenHash = Uint32Array;

/** Longer text takes the general path (a map per position is for short values). */
const SHORT_TEXT = 4096;
/** Code units below this (Latin, Cyrillic, digits, punctuation…) make small-integer gram keys. */
const GRAM_UNIT = 0x4000;

/** The text of gram p (as ngrams() writes it) from its code units. */
function gramText(c1: number, c2: number, n: number, positional: boolean, p: number): string {
  const gram = n === 2 ? String.fromCharCode(c1, c2) : String.fromCharCode(c1);
  return positional ? `${p + 1} ${gram}` : gram;
}

export class ClkEncoder {
  readonly schema: LinkageSchema;
  private readonly keys: FeatureKeys[];
  private readonly L: number;
  private readonly bytes: number;
  private readonly caches: Array<Map<string, TokenHash>>;
  /** Per feature, per position (position 0 only, for grams that are not positional): gram key → hash. */
  private readonly gramCaches: Array<Array<Map<number, TokenHash>>>;
  private readonly indexers: BlakeIndexer[];
  private readonly patterns = new Map<string, RegExp>();

  constructor(schema: LinkageSchema, secret: Uint8Array | string) {
    if (schema.normalisationVersion !== undefined && schema.normalisationVersion !== NORMALISATION_VERSION)
      throw new EntryError(
        `schema asks for normalisation version ${schema.normalisationVersion}; this encoder implements ${NORMALISATION_VERSION}`,
      );
    this.schema = schema;
    const s = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
    this.keys = deriveFeatureKeys(schema, s);
    this.L = schema.l * 2 ** schema.xorFolds;
    this.bytes = this.L / 8;
    this.caches = schema.features.map(() => new Map());
    this.gramCaches = schema.features.map(() => []);
    this.indexers = this.keys.map((k) => new BlakeIndexer(k.first, this.L));
  }

  /** The string a raw value is hashed as ('' for a missing value without replacement). */
  prepare(raw: string, feature: HashedFeature): string {
    if (feature.missingValue && raw === feature.missingValue.sentinel) return feature.missingValue.replaceWith;
    const v = applyNormalisation(raw, feature);
    if (feature.missingValue && v === feature.missingValue.sentinel) return feature.missingValue.replaceWith;
    return formatValue(v, feature, this.patterns);
  }

  /**
   * Encode one record (values in schema order). A bad value throws an EntryError carrying the
   * 0-based featureIndex, or, with onError, is reported and the remaining features still checked.
   */
  encode(values: readonly string[], onError?: (featureIndex: number, e: EntryError) => void): Uint8Array {
    const { features } = this.schema;
    const bf = new Uint8Array(this.bytes);
    for (let i = 0; i < features.length; i++) {
      const f = features[i]!;
      if (f.ignored) continue;
      let v: string;
      try {
        v = this.prepare(values[i] ?? '', f);
      } catch (e) {
        if (onError && e instanceof EntryError) {
          onError(i, e);
          continue;
        }
        throw Object.assign(e as Error, { featureIndex: i });
      }
      const c = f.comparison;
      if (c.type === 'ngram' && c.n <= 2 && v.length < SHORT_TEXT && !SURROGATE.test(v))
        this.insertShortGrams(bf, i, f, v, c.n, c.positional);
      else this.insertTokens(bf, i, f, tokenize(v, c));
    }
    return this.schema.xorFolds > 0 ? foldXor(bf, this.schema.xorFolds) : bf;
  }

  /** Any tokens, cached by their text. */
  private insertTokens(bf: Uint8Array, i: number, f: HashedFeature, toks: string[], bitsEach?: number): void {
    if (toks.length === 0) return;
    const ks = bitsEach === undefined ? bitsPerToken(f.strategy, toks.length) : [bitsEach];
    const blake = f.hash.type === 'blakeHash';
    const cache = this.caches[i]!;
    for (let t = 0; t < toks.length; t++) {
      const k = ks[t]!;
      if (k === 0) continue;
      const tok = toks[t]!;
      let entry = cache.get(tok);
      if (!entry || (blake && entry.length < k)) cache.set(tok, (entry = this.hashToken(i, f, tok, k, entry)));
      this.setBits(bf, entry, k, blake);
    }
  }

  /**
   * Unigrams and bigrams of text without surrogate pairs (names, dates, numbers: nearly every feature),
   * the same tokens as ngrams() in the same order, but cached by a small integer made of the code units
   * (and a map per position), so the cache lookup hashes no string.
   */
  private insertShortGrams(
    bf: Uint8Array,
    i: number,
    f: HashedFeature,
    v: string,
    n: number,
    positional: boolean,
  ): void {
    const len = v.length;
    if (len === 0) return;
    const t = n === 2 ? len + 1 : len;
    let base: number, extra: number;
    if ('bitsPerToken' in f.strategy) {
      base = f.strategy.bitsPerToken;
      extra = 0;
    } else {
      base = Math.floor(f.strategy.bitsPerFeature / t);
      extra = f.strategy.bitsPerFeature % t;
    }
    const caches = this.gramCaches[i]!;
    const blake = f.hash.type === 'blakeHash';
    for (let p = 0; p < t; p++) {
      const k = p < extra ? base + 1 : base;
      if (k === 0) continue;
      // Bigram p of " v ": units p−1 and p of v, a space beyond either end.
      const c1 = n === 2 ? (p === 0 ? 32 : v.charCodeAt(p - 1)) : v.charCodeAt(p);
      const c2 = n === 2 ? (p === len ? 32 : v.charCodeAt(p)) : 0;
      if (c1 >= GRAM_UNIT || c2 >= GRAM_UNIT) {
        this.insertTokens(bf, i, f, [gramText(c1, c2, n, positional, p)], k);
        continue;
      }
      // A small-integer key (fast in a Map); positional grams get one map per position.
      const key = c1 * GRAM_UNIT + c2;
      const cache = (caches[positional ? p : 0] ??= new Map());
      let entry = cache.get(key);
      if (!entry || (blake && entry.length < k))
        cache.set(key, (entry = this.hashToken(i, f, gramText(c1, c2, n, positional, p), k, entry)));
      this.setBits(bf, entry, k, blake);
    }
  }

  /** A token's hash: the double-hash pair, or at least k blakeHash indices. */
  private hashToken(i: number, f: HashedFeature, tok: string, k: number, prev: TokenHash | undefined): TokenHash {
    const bytes = encodeText(tok, f.encoding);
    if (f.hash.type === 'doubleHash')
      return Uint32Array.from(
        doubleHashPair(bytes, this.keys[i]!.first, this.keys[i]!.second, this.L, f.hash.preventSingularity),
      );
    return this.indexers[i]!.indices(bytes, Math.max(k, prev?.length ?? 0));
  }

  private setBits(bf: Uint8Array, entry: TokenHash, k: number, blake: boolean): void {
    if (blake) {
      for (let j = 0; j < k; j++) {
        const g = entry[j]!;
        bf[g >> 3]! |= 0x80 >> (g & 7);
      }
      return;
    }
    // g_j = (h1 + j·h2) mod L, stepped without a multiplication or division per bit.
    const L = this.L;
    let g = entry[0]!;
    const h2 = entry[1]!;
    for (let j = 0; j < k; j++) {
      bf[g >> 3]! |= 0x80 >> (g & 7);
      g += h2;
      if (g >= L) g -= L;
    }
  }
}

/** Header problems: each a 1-based column and message; empty when the header matches the schema. */
export function checkHeader(
  schema: LinkageSchema,
  header: readonly string[],
): Array<{ column: number; message: string }> {
  const out: Array<{ column: number; message: string }> = [];
  const ids = schema.features.map((f) => f.identifier);
  if (header.length !== ids.length)
    out.push({
      column: Math.min(header.length, ids.length) + 1,
      message: `the header has ${header.length} columns; the schema has ${ids.length} features (${ids.join(', ')})`,
    });
  for (let i = 0; i < Math.min(header.length, ids.length); i++) {
    if (header[i] !== ids[i])
      out.push({ column: i + 1, message: `column ${i + 1} is "${header[i]}", the schema expects "${ids[i]}"` });
  }
  return out;
}

/** Encode all records; every bad value is reported and no CLK is returned if there is any. */
export function encodeRecords(
  schema: LinkageSchema,
  secret: Uint8Array | string,
  records: readonly (readonly string[])[],
): { clks: Uint8Array[]; issues: EncodeIssue[] } {
  const enc = new ClkEncoder(schema, secret);
  const clks: Uint8Array[] = [];
  const issues: EncodeIssue[] = [];
  records.forEach((r, n) => {
    if (r.length !== schema.features.length) {
      issues.push({
        record: n,
        column: Math.min(r.length, schema.features.length) + 1,
        field: '',
        message: `expected ${schema.features.length} values, found ${r.length}`,
      });
      return;
    }
    let bad = false;
    const clk = enc.encode(r, (i, e) => {
      bad = true;
      issues.push({ record: n, column: i + 1, field: schema.features[i]!.identifier, message: e.message });
    });
    if (!bad) clks.push(clk);
  });
  return { clks: issues.length ? [] : clks, issues };
}

export function toBase64(clk: Uint8Array): string {
  return Buffer.from(clk.buffer, clk.byteOffset, clk.byteLength).toString('base64');
}
