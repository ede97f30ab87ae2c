/**
 * clkhash-compatible CLK encoding: validate and format each value as clkhash's field formats do,
 * tokenise, insert the tokens with the feature's keys, OR the features into one filter, fold.
 * Token → bit-position lists are cached per feature; the cache is a codebook, so it lives only
 * in this encoder's memory.
 */
import { nameKey, foldText, normaliseDate } from './normalise.ts';
import { deriveFeatureKeys, type FeatureKeys } from './keys.ts';
import { blakeIndices, doubleHashPair, encodeText, foldXor } from './bloom.ts';
import { bitsPerToken, tokenize } from './tokens.ts';
import { formatYmdCompact, strptime } from './strptime.ts';
import { NORMALISATION_VERSION } from './normalise.ts';
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

function validateInteger(v: string, f: Extract<FormatSpec, { type: 'integer' }>): string {
  // Python int(s, 10): optional spaces and sign, digits with single underscores between them.
  const m = /^\s*([+-]?)(\d+(?:_\d+)*)\s*$/.exec(v);
  if (!m) throw new EntryError(`invalid integer ${JSON.stringify(v)}`);
  const digits = m[2].replace(/_/g, '');
  const big = BigInt(digits) * (m[1] === '-' ? -1n : 1n);
  if (f.minimum !== undefined && big < BigInt(Math.ceil(f.minimum))) throw new EntryError(`expected an integer of at least ${f.minimum}, read ${JSON.stringify(v)}`);
  if (f.maximum !== undefined && big > BigInt(Math.floor(f.maximum))) throw new EntryError(`expected an integer of at most ${f.maximum}, read ${JSON.stringify(v)}`);
  return big.toString();
}

/** Validate a (non-missing) value and return the string clkhash hashes for it. */
export function formatValue(v: string, feature: HashedFeature, patterns: Map<string, RegExp>): string {
  if (feature.encoding === 'ascii' && Array.from(v).some((c) => c.codePointAt(0)! > 0x7f)) throw new EntryError(`expected text that can be encoded in ascii, read ${JSON.stringify(v)}`);
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
      const len = Array.from(v).length;
      if (f.minLength !== undefined && len < f.minLength) throw new EntryError(`expected at least ${f.minLength} characters, read ${JSON.stringify(v)} (${len})`);
      if (f.maxLength !== undefined && len > f.maxLength) throw new EntryError(`expected at most ${f.maxLength} characters, read ${JSON.stringify(v)} (${len})`);
      if (f.case === 'upper' && v.toUpperCase() !== v) throw new EntryError(`expected upper-case text, read ${JSON.stringify(v)}`);
      if (f.case === 'lower' && v.toLowerCase() !== v) throw new EntryError(`expected lower-case text, read ${JSON.stringify(v)}`);
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
      if (!f.values.includes(v)) throw new EntryError(`expected one of ${JSON.stringify(f.values)}, read ${JSON.stringify(v)}`);
      return v;
  }
}

function isInitial(v: string): boolean {
  return /^\s*\p{L}\.?\s*$/u.test(v);
}

/** darkfigure's normalisation, applied before clkhash's format sees the value. */
export function applyNormalisation(v: string, feature: HashedFeature): string {
  switch (feature.normalise) {
    case undefined:
      return v;
    case 'text':
      return foldText(v, feature.format.type === 'string' && feature.format.case === 'upper' ? 'upper' : 'lower');
    case 'nameKey':
      // A bare initial ("Е.", "J") is not a name: it is hashed by an 'initial' feature, not as n-grams.
      return isInitial(v) ? '' : nameKey(v).key;
    case 'initial':
      return nameKey(v).key.slice(0, 1);
    case 'digits':
      // Unit numbers, phone numbers: "в/ч 47879" and "v/ch 47879" are both 47879.
      return v.replace(/\D+/g, '');
    case 'isoDate': {
      if (v.trim() === '') return '';
      const iso = normaliseDate(v);
      if (iso === null) throw new EntryError(`not a recognisable calendar date: ${JSON.stringify(v)}`);
      return iso;
    }
  }
}

export class ClkEncoder {
  readonly schema: LinkageSchema;
  private readonly keys: FeatureKeys[];
  private readonly L: number;
  private readonly bytes: number;
  private readonly caches: Array<Map<string, Uint32Array | [number, number]>>;
  private readonly patterns = new Map<string, RegExp>();

  constructor(schema: LinkageSchema, secret: Uint8Array | string) {
    if (schema.normalisationVersion !== undefined && schema.normalisationVersion !== NORMALISATION_VERSION)
      throw new EntryError(`schema asks for normalisation version ${schema.normalisationVersion}; this encoder implements ${NORMALISATION_VERSION}`);
    this.schema = schema;
    const s = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
    this.keys = deriveFeatureKeys(schema, s);
    this.L = schema.l * 2 ** schema.xorFolds;
    this.bytes = this.L / 8;
    this.caches = schema.features.map(() => new Map());
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
    const L = this.L;
    const bf = new Uint8Array(this.bytes);
    for (let i = 0; i < features.length; i++) {
      const f = features[i];
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
      const toks = tokenize(v, f.comparison);
      if (toks.length === 0) continue;
      const ks = bitsPerToken(f.strategy, toks.length);
      const cache = this.caches[i];
      const key = this.keys[i];
      for (let t = 0; t < toks.length; t++) {
        const k = ks[t];
        if (k === 0) continue;
        const tok = toks[t];
        if (f.hash.type === 'doubleHash') {
          let pair = cache.get(tok) as [number, number] | undefined;
          if (!pair) {
            pair = doubleHashPair(encodeText(tok, f.encoding), key.first, key.second, L, f.hash.preventSingularity);
            cache.set(tok, pair);
          }
          // g_j = (h1 + j·h2) mod L, stepped without a multiplication or division per bit.
          let g = pair[0];
          const h2 = pair[1];
          for (let j = 0; j < k; j++) {
            bf[g >> 3] |= 0x80 >> (g & 7);
            g += h2;
            if (g >= L) g -= L;
          }
        } else {
          let idx = cache.get(tok) as Uint32Array | undefined;
          if (!idx || idx.length < k) {
            idx = blakeIndices(encodeText(tok, f.encoding), key.first, Math.max(k, idx?.length ?? 0), L);
            cache.set(tok, idx);
          }
          for (let j = 0; j < k; j++) {
            const g = idx[j];
            bf[g >> 3] |= 0x80 >> (g & 7);
          }
        }
      }
    }
    return this.schema.xorFolds > 0 ? foldXor(bf, this.schema.xorFolds) : bf;
  }
}

/** Header problems: each a 1-based column and message; empty when the header matches the schema. */
export function checkHeader(schema: LinkageSchema, header: readonly string[]): Array<{ column: number; message: string }> {
  const out: Array<{ column: number; message: string }> = [];
  const ids = schema.features.map((f) => f.identifier);
  if (header.length !== ids.length)
    out.push({ column: Math.min(header.length, ids.length) + 1, message: `the header has ${header.length} columns; the schema has ${ids.length} features (${ids.join(', ')})` });
  for (let i = 0; i < Math.min(header.length, ids.length); i++) {
    if (header[i] !== ids[i]) out.push({ column: i + 1, message: `column ${i + 1} is "${header[i]}", the schema expects "${ids[i]}"` });
  }
  return out;
}

/** Encode all records; every bad value is reported and no CLK is returned if there is any. */
export function encodeRecords(schema: LinkageSchema, secret: Uint8Array | string, records: readonly (readonly string[])[]): { clks: Uint8Array[]; issues: EncodeIssue[] } {
  const enc = new ClkEncoder(schema, secret);
  const clks: Uint8Array[] = [];
  const issues: EncodeIssue[] = [];
  records.forEach((r, n) => {
    if (r.length !== schema.features.length) {
      issues.push({ record: n, column: Math.min(r.length, schema.features.length) + 1, field: '', message: `expected ${schema.features.length} values, found ${r.length}` });
      return;
    }
    let bad = false;
    const clk = enc.encode(r, (i, e) => {
      bad = true;
      issues.push({ record: n, column: i + 1, field: schema.features[i].identifier, message: e.message });
    });
    if (!bad) clks.push(clk);
  });
  return { clks: issues.length ? [] : clks, issues };
}

export function toBase64(clk: Uint8Array): string {
  return Buffer.from(clk.buffer, clk.byteOffset, clk.byteLength).toString('base64');
}
