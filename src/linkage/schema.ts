/**
 * clkhash linkage schema: versions 1 and 2 are upgraded to 3 as clkhash does
 * (schema.py _convert_v1_to_v2, _convert_v2_to_v3), then validated into plain typed specs.
 * Problems are collected as { path, message } so the caller can name the file and place.
 */
import type { NormaliseRule as AnyNormaliseRule } from './normalise.ts';

export type TextEncodingName = 'ascii' | 'utf-8' | 'utf-16' | 'utf-32';

export type FormatSpec =
  | { type: 'string'; pattern?: string; case: 'upper' | 'lower' | 'mixed'; minLength?: number; maxLength?: number }
  | { type: 'integer'; minimum?: number; maximum?: number }
  | { type: 'date'; format: string }
  | { type: 'enum'; values: string[] };

export type ComparisonSpec =
  | { type: 'ngram'; n: number; positional: boolean }
  | { type: 'exact' }
  | { type: 'numeric'; thresholdDistance: number; resolution: number; fractionalPrecision: number };

export type StrategySpec = { bitsPerToken: number } | { bitsPerFeature: number };

export type HashSpec = { type: 'blakeHash' } | { type: 'doubleHash'; preventSingularity: boolean };

/** darkfigure's own extension: normalisation applied before clkhash's formats see the value (normalise.ts). */
export type NormaliseRule = Exclude<AnyNormaliseRule, 'none'>;

export interface HashedFeature {
  identifier: string;
  ignored: false;
  format: FormatSpec;
  encoding: TextEncodingName;
  comparison: ComparisonSpec;
  strategy: StrategySpec;
  hash: HashSpec;
  missingValue?: { sentinel: string; replaceWith: string };
  normalise?: NormaliseRule;
}

export type FeatureSpec = { identifier: string; ignored: true } | HashedFeature;

export interface LinkageSchema {
  version: 3;
  /** CLK length in bits after folding. */
  l: number;
  xorFolds: number;
  kdf: { hash: 'SHA256' | 'SHA512'; salt: Uint8Array; info: Uint8Array; keySize: number };
  features: FeatureSpec[];
  /** Version of darkfigure's normalisation rules the schema asks for, if any feature uses them. */
  normalisationVersion?: number;
  warnings: string[];
}

export interface SchemaProblem {
  /** JSON path of the offending value, e.g. features[2].hashing.strategy. */
  path: string;
  message: string;
}

export class SchemaError extends Error {
  readonly problems: SchemaProblem[];
  constructor(problems: SchemaProblem[]) {
    super(problems.map((p) => `${p.path || '(schema)'}: ${p.message}`).join('\n'));
    this.name = 'SchemaError';
    this.problems = problems;
  }
}

type Json = Record<string, unknown>;

function isObj(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

/** Python 3 round(): half to even. */
export function pyRound(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** v1 → v2: feature weight × global k becomes the feature's k; the global hash moves into each feature. */
export function upgradeV1(doc: Json): Json {
  const d = clone(doc);
  const cfg = (d.clkConfig ?? {}) as Json;
  const k = Number(cfg.k);
  const hash = cfg.hash ?? { type: 'doubleHash' };
  const features = (Array.isArray(d.features) ? d.features : []).map((f: unknown) => {
    if (!isObj(f) || f.ignored === true || !isObj(f.hashing)) return f;
    const h = { ...(f.hashing as Json) };
    const weight = h.weight === undefined ? 1 : Number(h.weight);
    if (weight === 0) return { identifier: f.identifier, ignored: true };
    delete h.weight;
    h.k = pyRound(weight * k);
    h.hash = clone(hash);
    return { ...f, hashing: h };
  });
  const clkConfig: Json = { l: cfg.l, kdf: cfg.kdf };
  if (cfg.xor_folds !== undefined) clkConfig.xor_folds = cfg.xor_folds;
  if (cfg.xorFolds !== undefined) clkConfig.xorFolds = cfg.xorFolds;
  return { ...d, version: 2, clkConfig, features };
}

/** v2 → v3: k/numBits become a strategy, ngram/positional a comparison. */
export function upgradeV2(doc: Json): Json {
  const d = clone(doc);
  const features = (Array.isArray(d.features) ? d.features : []).map((f: unknown) => {
    if (!isObj(f) || f.ignored === true || !isObj(f.hashing)) return f;
    const h = { ...(f.hashing as Json) };
    if (h.strategy === undefined) {
      if (h.numBits !== undefined) h.strategy = { bitsPerFeature: h.numBits };
      else if (h.k !== undefined) h.strategy = { bitsPerToken: h.k };
    } else if (isObj(h.strategy)) {
      const s = h.strategy;
      if (s.numBits !== undefined) h.strategy = { bitsPerFeature: s.numBits };
      else if (s.k !== undefined) h.strategy = { bitsPerToken: s.k };
    }
    delete h.numBits;
    delete h.k;
    if (h.comparison === undefined && h.ngram !== undefined) {
      h.comparison = { type: 'ngram', n: h.ngram, positional: h.positional ?? false };
    }
    delete h.ngram;
    delete h.positional;
    return { ...f, hashing: h };
  });
  return { ...d, version: 3, features };
}

function base64Bytes(s: unknown, path: string, problems: SchemaProblem[]): Uint8Array {
  if (s === undefined) return new Uint8Array(0);
  if (typeof s !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) {
    problems.push({ path, message: 'expected base64 text' });
    return new Uint8Array(0);
  }
  // atob, not Buffer: the schema is also parsed in the browser (the encoding page); the text is checked above.
  return Uint8Array.from(atob(s), (ch) => ch.charCodeAt(0));
}

function posInt(x: unknown, path: string, problems: SchemaProblem[], min = 1): number {
  if (typeof x !== 'number' || !Number.isInteger(x) || x < min) {
    problems.push({ path, message: `expected an integer ≥ ${min}, got ${JSON.stringify(x)}` });
    return min;
  }
  return x;
}

function parseFormat(
  f: unknown,
  path: string,
  problems: SchemaProblem[],
): { format: FormatSpec; encoding: TextEncodingName } {
  const fallback = { format: { type: 'string', case: 'mixed' } as FormatSpec, encoding: 'utf-8' as TextEncodingName };
  if (!isObj(f)) {
    problems.push({ path, message: 'a feature needs a "format" object' });
    return fallback;
  }
  let encoding: TextEncodingName = 'utf-8';
  if (f.encoding !== undefined) {
    if (f.encoding === 'ascii' || f.encoding === 'utf-8' || f.encoding === 'utf-16' || f.encoding === 'utf-32')
      encoding = f.encoding;
    else
      problems.push({
        path: `${path}.encoding`,
        message: `unsupported encoding ${JSON.stringify(f.encoding)} (ascii, utf-8, utf-16, utf-32)`,
      });
  }
  switch (f.type) {
    case 'string': {
      if (f.pattern !== undefined) {
        if (typeof f.pattern !== 'string')
          problems.push({ path: `${path}.pattern`, message: 'pattern must be a string' });
        else {
          try {
            new RegExp(f.pattern);
          } catch {
            problems.push({
              path: `${path}.pattern`,
              message: `invalid regular expression ${JSON.stringify(f.pattern)}`,
            });
          }
        }
        return { format: { type: 'string', pattern: String(f.pattern), case: 'mixed' }, encoding };
      }
      const c = f.case ?? 'mixed';
      if (c !== 'upper' && c !== 'lower' && c !== 'mixed')
        problems.push({ path: `${path}.case`, message: 'case must be upper, lower or mixed' });
      const out: FormatSpec = { type: 'string', case: c as 'upper' | 'lower' | 'mixed' };
      if (f.minLength !== undefined) out.minLength = posInt(f.minLength, `${path}.minLength`, problems, 0);
      if (f.maxLength !== undefined) out.maxLength = posInt(f.maxLength, `${path}.maxLength`, problems, 1);
      return { format: out, encoding };
    }
    case 'integer': {
      const out: FormatSpec = { type: 'integer' };
      if (f.minimum !== undefined) {
        if (typeof f.minimum !== 'number')
          problems.push({ path: `${path}.minimum`, message: 'minimum must be a number' });
        else out.minimum = f.minimum;
      }
      if (f.maximum !== undefined) {
        if (typeof f.maximum !== 'number')
          problems.push({ path: `${path}.maximum`, message: 'maximum must be a number' });
        else out.maximum = f.maximum;
      }
      return { format: out, encoding };
    }
    case 'date':
      if (typeof f.format !== 'string') {
        problems.push({ path: `${path}.format`, message: 'a date format needs a strftime "format" string' });
        return fallback;
      }
      return { format: { type: 'date', format: f.format }, encoding };
    case 'enum':
      if (!Array.isArray(f.values) || !f.values.every((v) => typeof v === 'string')) {
        problems.push({ path: `${path}.values`, message: 'an enum format needs "values", a list of strings' });
        return fallback;
      }
      return { format: { type: 'enum', values: f.values as string[] }, encoding };
    default:
      problems.push({
        path: `${path}.type`,
        message: `unknown format type ${JSON.stringify(f.type)} (string, integer, date, enum)`,
      });
      return fallback;
  }
}

function parseComparison(c: unknown, path: string, problems: SchemaProblem[]): ComparisonSpec {
  if (!isObj(c)) {
    problems.push({ path, message: 'hashing needs a "comparison" object' });
    return { type: 'exact' };
  }
  switch (c.type) {
    case 'ngram':
      return { type: 'ngram', n: posInt(c.n, `${path}.n`, problems, 0), positional: c.positional === true };
    case 'exact':
      return { type: 'exact' };
    case 'numeric': {
      const t = c.thresholdDistance;
      if (typeof t !== 'number' || !(t > 0))
        problems.push({ path: `${path}.thresholdDistance`, message: 'thresholdDistance must be a positive number' });
      return {
        type: 'numeric',
        thresholdDistance: Number(t),
        resolution: posInt(c.resolution, `${path}.resolution`, problems, 1),
        fractionalPrecision:
          c.fractional_precision === undefined
            ? 0
            : posInt(c.fractional_precision, `${path}.fractional_precision`, problems, 0),
      };
    }
    default:
      problems.push({
        path: `${path}.type`,
        message: `unknown comparison ${JSON.stringify(c.type)} (ngram, exact, numeric)`,
      });
      return { type: 'exact' };
  }
}

function parseFeature(f: unknown, i: number, problems: SchemaProblem[]): FeatureSpec {
  const path = `features[${i}]`;
  if (!isObj(f) || typeof f.identifier !== 'string') {
    problems.push({ path, message: 'a feature needs a string "identifier"' });
    return { identifier: `#${i}`, ignored: true };
  }
  if (f.ignored === true) return { identifier: f.identifier, ignored: true };
  const { format, encoding } = parseFormat(f.format, `${path}.format`, problems);
  const h = f.hashing;
  if (!isObj(h)) {
    problems.push({ path: `${path}.hashing`, message: 'a feature that is not ignored needs "hashing"' });
    return { identifier: f.identifier, ignored: true };
  }
  const comparison = parseComparison(h.comparison, `${path}.hashing.comparison`, problems);
  let strategy: StrategySpec = { bitsPerToken: 1 };
  const s = h.strategy;
  if (isObj(s) && s.bitsPerToken !== undefined && s.bitsPerFeature === undefined) {
    strategy = { bitsPerToken: posInt(s.bitsPerToken, `${path}.hashing.strategy.bitsPerToken`, problems, 0) };
  } else if (isObj(s) && s.bitsPerFeature !== undefined && s.bitsPerToken === undefined) {
    strategy = { bitsPerFeature: posInt(s.bitsPerFeature, `${path}.hashing.strategy.bitsPerFeature`, problems, 0) };
  } else {
    problems.push({
      path: `${path}.hashing.strategy`,
      message: 'strategy must be {"bitsPerToken": k} or {"bitsPerFeature": b}',
    });
  }
  let hash: HashSpec = { type: 'blakeHash' };
  if (h.hash !== undefined) {
    if (!isObj(h.hash)) problems.push({ path: `${path}.hashing.hash`, message: 'hash must be an object' });
    else if (h.hash.type === 'doubleHash')
      hash = { type: 'doubleHash', preventSingularity: h.hash.prevent_singularity === true };
    else if (h.hash.type === 'blakeHash') {
      if (h.hash.prevent_singularity !== undefined)
        problems.push({
          path: `${path}.hashing.hash.prevent_singularity`,
          message: 'prevent_singularity applies only to doubleHash',
        });
    } else
      problems.push({
        path: `${path}.hashing.hash.type`,
        message: `unknown hash ${JSON.stringify(h.hash.type)} (blakeHash, doubleHash)`,
      });
  }
  const out: HashedFeature = { identifier: f.identifier, ignored: false, format, encoding, comparison, strategy, hash };
  if (h.missingValue !== undefined) {
    const m = h.missingValue;
    if (
      !isObj(m) ||
      typeof m.sentinel !== 'string' ||
      (m.replaceWith !== undefined && typeof m.replaceWith !== 'string')
    )
      problems.push({
        path: `${path}.hashing.missingValue`,
        message: 'missingValue needs a string "sentinel" and an optional string "replaceWith"',
      });
    else out.missingValue = { sentinel: m.sentinel, replaceWith: (m.replaceWith as string | undefined) ?? m.sentinel };
  }
  const norm = f['x-darkfigure-normalise'];
  if (norm !== undefined) {
    if (norm === 'text' || norm === 'nameKey' || norm === 'initial' || norm === 'isoDate' || norm === 'digits')
      out.normalise = norm;
    else
      problems.push({
        path: `${path}.x-darkfigure-normalise`,
        message: 'normalise rule must be text, nameKey, initial, isoDate or digits',
      });
  }
  return out;
}

/** Parse a schema document (already JSON-decoded) of version 1, 2 or 3 into a v3 schema. */
export function parseSchema(doc: unknown): LinkageSchema {
  const problems: SchemaProblem[] = [];
  if (!isObj(doc)) throw new SchemaError([{ path: '', message: 'the schema must be a JSON object' }]);
  let d = doc;
  if (d.version === 1) d = upgradeV2(upgradeV1(d));
  else if (d.version === 2) d = upgradeV2(d);
  else if (d.version !== 3)
    throw new SchemaError([
      { path: 'version', message: `unsupported schema version ${JSON.stringify(d.version)} (1, 2 or 3)` },
    ]);
  const warnings: string[] = [];
  const cfg = d.clkConfig;
  if (!isObj(cfg)) throw new SchemaError([{ path: 'clkConfig', message: 'the schema needs a "clkConfig" object' }]);
  const l = posInt(cfg.l, 'clkConfig.l', problems, 8);
  if (l % 8 !== 0) problems.push({ path: 'clkConfig.l', message: 'l must be a multiple of 8 (whole bytes)' });
  // clkhash 0.18 reads "xor_folds" although its docs say "xorFolds"; accept both, say so.
  let xorFolds = 0;
  if (cfg.xor_folds !== undefined) xorFolds = posInt(cfg.xor_folds, 'clkConfig.xor_folds', problems, 0);
  else if (cfg.xorFolds !== undefined) {
    xorFolds = posInt(cfg.xorFolds, 'clkConfig.xorFolds', problems, 0);
    if (xorFolds > 0)
      warnings.push(
        'clkConfig.xorFolds is applied here, but clkhash 0.18 ignores it (it reads "xor_folds"): its CLKs would differ',
      );
  }
  const kdf = cfg.kdf;
  let kdfOut: LinkageSchema['kdf'] = { hash: 'SHA256', salt: new Uint8Array(0), info: new Uint8Array(0), keySize: 64 };
  if (!isObj(kdf)) problems.push({ path: 'clkConfig.kdf', message: 'clkConfig needs a "kdf" object' });
  else {
    if (kdf.type !== 'HKDF')
      problems.push({ path: 'clkConfig.kdf.type', message: 'the only key derivation is "HKDF"' });
    const hash = kdf.hash ?? 'SHA256';
    if (hash !== 'SHA256' && hash !== 'SHA512')
      problems.push({ path: 'clkConfig.kdf.hash', message: 'kdf hash must be SHA256 or SHA512' });
    kdfOut = {
      hash: hash === 'SHA512' ? 'SHA512' : 'SHA256',
      salt: base64Bytes(kdf.salt, 'clkConfig.kdf.salt', problems),
      info: base64Bytes(kdf.info, 'clkConfig.kdf.info', problems),
      keySize: kdf.keySize === undefined ? 64 : posInt(kdf.keySize, 'clkConfig.kdf.keySize', problems, 1),
    };
  }
  if (!Array.isArray(d.features) || d.features.length === 0) {
    problems.push({ path: 'features', message: 'the schema needs a non-empty "features" list' });
  }
  const features = (Array.isArray(d.features) ? d.features : []).map((f, i) => parseFeature(f, i, problems));
  const seen = new Set<string>();
  features.forEach((f, i) => {
    if (seen.has(f.identifier))
      problems.push({ path: `features[${i}].identifier`, message: `duplicate identifier "${f.identifier}"` });
    seen.add(f.identifier);
    if (!f.ignored && f.hash.type === 'blakeHash' && (l & (l - 1)) !== 0)
      problems.push({ path: `features[${i}].hashing.hash`, message: 'blakeHash needs l to be a power of two' });
  });
  let normalisationVersion: number | undefined;
  if (features.some((f) => !f.ignored && f.normalise)) {
    const v = d['x-darkfigure-normalisation-version'];
    if (typeof v !== 'number')
      problems.push({
        path: 'x-darkfigure-normalisation-version',
        message: 'a schema that uses x-darkfigure-normalise must state the normalisation version',
      });
    else normalisationVersion = v;
  }
  if (problems.length) throw new SchemaError(problems);
  return { version: 3, l, xorFolds, kdf: kdfOut, features, normalisationVersion, warnings };
}
