import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { createHash, createHmac } from 'node:crypto';
import { blake2b } from '../../src/linkage/blake2b.ts';
import { parseSchema, pyRound, SchemaError, type HashedFeature } from '../../src/linkage/schema.ts';
import { checkHeader, ClkEncoder, encodeRecords, toBase64 } from '../../src/linkage/encode.ts';
import { bitsPerToken, ngrams, numericTokens } from '../../src/linkage/tokens.ts';
import { blakeIndices, digestMod, doubleHashPair, foldXor } from '../../src/linkage/bloom.ts';
import { formatYmdCompact, strptime } from '../../src/linkage/strptime.ts';
import { deriveFeatureKeys } from '../../src/linkage/keys.ts';
import { linkageData } from './paths.ts';

const hex = (u: Uint8Array) => Buffer.from(u).toString('hex');
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('BLAKE2b', () => {
  it('matches RFC 7693 Appendix A (BLAKE2b-512 of "abc")', () => {
    expect(hex(blake2b(utf8('abc')))).toBe(
      'ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923',
    );
  });

  it('matches the reference keyed test vectors (blake2b-kat: key 00..3f)', () => {
    const key = Uint8Array.from({ length: 64 }, (_, i) => i);
    expect(hex(blake2b(new Uint8Array(0), { key }))).toBe(
      '10ebb67700b1868efb4417987acf4690ae9d972fb7a590c2f02871799aaa4786b5e996e8f0f4eb981fc214b005f42d2ff4233499391653df7aefcbc13fc51568',
    );
    expect(
      hex(
        blake2b(
          Uint8Array.from({ length: 255 }, (_, i) => i),
          { key },
        ),
      ),
    ).toBe(
      '142709d62e28fcccd0af97fad0f8465b971e82201dc51070faa0372aa43e92484be1c1e73ba10906d5d1853db6a4106e0a7bf9800d373d6dee2d46d62ef2a461',
    );
  });

  it('matches Python hashlib.blake2b with key and salt (as clkhash calls it)', () => {
    // hashlib.blake2b(b'hello', key=b'k'*64, salt=b'0').hexdigest()
    expect(hex(blake2b(utf8('hello'), { key: utf8('k'.repeat(64)), salt: utf8('0') }))).toBe(
      '224b5d6f969c3439e2223919177f283da1b20e0d1cd4761740408200ae4cb27f4d2e048f93ca4c5789a2af9344841888beb1223f0a6de88b309cb3a7f68be871',
    );
    // hashlib.blake2b(b'x'*300, key=b'secret', salt=b'17', person=b'me', digest_size=32).hexdigest()
    expect(
      hex(blake2b(utf8('x'.repeat(300)), { key: utf8('secret'), salt: utf8('17'), personal: utf8('me'), dkLen: 32 })),
    ).toBe('5d9107067e52817ec548f7f65ae652b0632abcfc513ddfd7b547c32d53521cc0');
  });

  it("equals Node's unkeyed blake2b512 on any message (property)", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 400 }),
        (m) => hex(blake2b(m)) === createHash('blake2b512').update(m).digest('hex'),
      ),
      { numRuns: 200, seed: 3 },
    );
  });
});

describe('clkhash encoding', () => {
  const golden = JSON.parse(readFileSync(linkageData('clkhash/golden-encoding.json'), 'utf8'));

  it("reproduces clkhash's golden vector byte for byte (v1 schema upgraded to v3)", () => {
    const schema = parseSchema(golden.schema);
    const { clks, issues } = encodeRecords(schema, golden.secret, golden.records);
    expect(issues).toEqual([]);
    expect(clks.slice(0, 2).map(toBase64)).toEqual(golden.expected_clks_base64);
  });

  it('upgrades v1 weights as clkhash does: k = round(weight × k), half to even', () => {
    const schema = parseSchema(golden.schema);
    const ks = schema.features.map((f) => (f.ignored ? null : f.strategy));
    expect(ks).toEqual([
      { bitsPerToken: 60 },
      { bitsPerToken: 30 },
      { bitsPerToken: 15 },
      { bitsPerToken: 30 },
      { bitsPerToken: 30 },
    ]);
    expect([pyRound(2.5), pyRound(3.5), pyRound(0.5), pyRound(1.2)]).toEqual([2, 4, 0, 1]);
  });

  it('formats dates as clkhash prints them, year not zero-padded (0123-01-12 → 1230112)', () => {
    expect(formatYmdCompact(strptime('0123-01-12', '%Y-%m-%d'))).toBe('1230112');
    expect(formatYmdCompact(strptime('13/12/1963', '%d/%m/%Y'))).toBe('19631213');
    expect(() => strptime('1993-02-29', '%Y-%m-%d')).toThrow();
  });

  it("tokenises as clkhash's docstrings say", () => {
    expect(ngrams('clkhash', 2, false)).toEqual([' c', 'cl', 'lk', 'kh', 'ha', 'as', 'sh', 'h ']);
    expect(ngrams('clkhash', 2, true)).toEqual(['1  c', '2 cl', '3 lk', '4 kh', '5 ha', '6 as', '7 sh', '8 h ']);
    expect(ngrams('', 2, false)).toEqual([]);
    // Code points, not UTF-16 units.
    expect(ngrams('a😀', 1, false)).toEqual(['a', '😀']);
    expect(bitsPerToken({ bitsPerFeature: 10 }, 4)).toEqual([3, 3, 2, 2]);
    expect(numericTokens('21', 4, 2, 0)).toHaveLength(5);
  });

  it('numeric tokens overlap for close values and not for distant ones', () => {
    const shared = (x: string, y: string) =>
      numericTokens(x, 10, 3, 0).filter((t) => numericTokens(y, 10, 3, 0).includes(t)).length;
    expect(shared('100', '100')).toBe(7);
    expect(shared('100', '103')).toBeGreaterThan(shared('100', '108'));
    expect(shared('100', '130')).toBe(0);
  });

  it('reads digests as big-endian integers mod L and XOR-folds halves', () => {
    const d = createHmac('sha1', 'k').update('ab').digest();
    expect(digestMod(d, 1024)).toBe(Number(BigInt(`0x${d.toString('hex')}`) % 1024n));
    expect(digestMod(d, 1000)).toBe(Number(BigInt(`0x${d.toString('hex')}`) % 1000n));
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 8, maxLength: 8 }), (b) => {
        const f = foldXor(b, 1);
        return f.length === 4 && f.every((x, i) => x === (b[i]! ^ b[i + 4]!));
      }),
      { numRuns: 100 },
    );
  });

  it('blakeHash reads 32 little-endian shorts per salted digest', () => {
    const key = utf8('K'.repeat(64));
    const idx = blakeIndices(utf8('ab'), key, 40, 1024);
    const d0 = blake2b(utf8('ab'), { key, salt: utf8('0') });
    const d1 = blake2b(utf8('ab'), { key, salt: utf8('1') });
    expect(idx[0]).toBe((d0[0]! | (d0[1]! << 8)) % 1024);
    expect(idx[31]).toBe((d0[62]! | (d0[63]! << 8)) % 1024);
    expect(idx[32]).toBe((d1[0]! | (d1[1]! << 8)) % 1024);
  });

  it('prevent_singularity re-hashes until the step is non-zero', () => {
    // With L = 2 half the tokens have h2 ≡ 0; none may remain so.
    for (let i = 0; i < 40; i++) {
      const [, h2] = doubleHashPair(utf8(`t${i}`), utf8('a'), utf8('b'), 2, true);
      expect(h2).not.toBe(0);
    }
  });

  it('encodes the FEBRL schema (blakeHash, bitsPerFeature, missing values) reproducibly and sets about the expected bits', () => {
    const schema = parseSchema(JSON.parse(readFileSync(linkageData('clkhash/febrl_schema_v3_final.json'), 'utf8')));
    const row = [
      'rec-1-org',
      'lachlan',
      'berry',
      '69',
      'giblin street',
      'killarney',
      'bittern',
      '4814',
      'qld',
      '19990219',
      '7364009',
    ];
    const a = new ClkEncoder(schema, 'secret').encode(row);
    const b = new ClkEncoder(schema, 'secret').encode(row);
    const c = new ClkEncoder(schema, 'other').encode(row);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a.length).toBe(128);
    // Missing street number (sentinel "") hashes no tokens: fewer bits set.
    const pop = (u: Uint8Array) => u.reduce((s, x) => s + x.toString(2).split('1').length - 1, 0);
    const m = new ClkEncoder(schema, 'secret').encode(row.map((v, i) => (i === 3 ? '' : v)));
    expect(pop(m)).toBeLessThan(pop(a));
  });

  it('applies xor folds (and accepts the documented xorFolds key with a warning)', () => {
    const doc = JSON.parse(readFileSync(linkageData('clkhash/febrl_schema_v3_final.json'), 'utf8'));
    doc.clkConfig.l = 512;
    doc.clkConfig.xor_folds = 1;
    const s1 = parseSchema(doc);
    const row = ['r', 'ann', 'lee', '1', 'x st', '', 'y', '2000', 'nsw', '19800101', '1'];
    expect(new ClkEncoder(s1, 'k').encode(row)).toHaveLength(64);
    delete doc.clkConfig.xor_folds;
    doc.clkConfig.xorFolds = 1;
    const s2 = parseSchema(doc);
    expect(s2.warnings.length).toBe(1);
    expect(new ClkEncoder(s2, 'k').encode(row)).toEqual(new ClkEncoder(s1, 'k').encode(row));
  });

  it('reports every bad value with its record and column, and returns no CLK', () => {
    const schema = parseSchema(golden.schema);
    const r = encodeRecords(schema, 'chicken', [
      ['ANN', 'abc123', '1990-01-01', 'F', '2'],
      ['ann', 'abc123', '1990-02-30', 'X', '21'],
    ]);
    expect(r.clks).toEqual([]);
    expect(r.issues.map((i) => [i.record, i.column, i.field])).toEqual([
      [1, 1, 'name'],
      [1, 3, 'dob'],
      [1, 4, 'gender'],
      [1, 5, 'children'],
    ]);
    expect(checkHeader(schema, ['name', 'id', 'birth', 'gender', 'children'])).toEqual([
      { column: 3, message: 'column 3 is "birth", the schema expects "dob"' },
    ]);
  });

  it('rejects a broken schema naming each problem', () => {
    expect(() =>
      parseSchema({
        version: 3,
        clkConfig: { l: 1000, kdf: { type: 'HKDF' } },
        features: [
          {
            identifier: 'a',
            format: { type: 'string' },
            hashing: { comparison: { type: 'ngram', n: 2 }, strategy: { bitsPerToken: 10 } },
          },
        ],
      }),
    ).toThrow(/blakeHash needs l to be a power of two/);
    try {
      parseSchema({
        version: 3,
        clkConfig: { l: 1024, kdf: { type: 'PBKDF' } },
        features: [{ identifier: 'a', format: { type: 'strin' }, hashing: {} }],
      });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SchemaError);
      expect((e as SchemaError).problems.map((p) => p.path)).toEqual([
        'clkConfig.kdf.type',
        'features[0].format.type',
        'features[0].hashing.comparison',
        'features[0].hashing.strategy',
      ]);
    }
  });

  it('normalises (darkfigure extension) so Cyrillic and passport spellings encode alike', () => {
    const schema = parseSchema({
      version: 3,
      'x-darkfigure-normalisation-version': 1,
      clkConfig: { l: 1024, kdf: { type: 'HKDF', keySize: 64 } },
      features: [
        {
          identifier: 'name',
          'x-darkfigure-normalise': 'nameKey',
          format: { type: 'string' },
          hashing: { comparison: { type: 'ngram', n: 2 }, strategy: { bitsPerFeature: 300 } },
        },
        {
          identifier: 'dob',
          'x-darkfigure-normalise': 'isoDate',
          format: { type: 'date', format: '%Y-%m-%d' },
          hashing: { comparison: { type: 'ngram', n: 1, positional: true }, strategy: { bitsPerFeature: 200 } },
        },
      ],
    });
    const enc = new ClkEncoder(schema, 's');
    expect(enc.prepare('Юлия Воробьёва', schema.features[0] as HashedFeature)).toBe('ula vorobeva');
    expect(enc.encode(['Юлия Воробьёва', '03.04.1990'])).toEqual(enc.encode(['IULIIA VOROBEVA', '1990-04-03']));
    expect(enc.encode(['Юлия Воробьёва', '03.04.1990'])).toEqual(enc.encode(['Yuliya Vorob`yova', '19900403']));
  });

  it('initial and digits rules: "Е." is an initial, not a name; unit numbers keep their digits', () => {
    const schema = parseSchema({
      version: 3,
      'x-darkfigure-normalisation-version': 1,
      clkConfig: { l: 256, kdf: { type: 'HKDF' } },
      features: [
        {
          identifier: 'first',
          'x-darkfigure-normalise': 'nameKey',
          format: { type: 'string' },
          hashing: {
            comparison: { type: 'ngram', n: 2 },
            strategy: { bitsPerFeature: 50 },
            missingValue: { sentinel: '' },
          },
        },
        {
          identifier: 'first_initial',
          'x-darkfigure-normalise': 'initial',
          format: { type: 'string' },
          hashing: { comparison: { type: 'exact' }, strategy: { bitsPerToken: 20 } },
        },
        {
          identifier: 'unit',
          'x-darkfigure-normalise': 'digits',
          format: { type: 'string' },
          hashing: { comparison: { type: 'exact' }, strategy: { bitsPerToken: 20 } },
        },
      ],
    });
    const enc = new ClkEncoder(schema, 's');
    const f = schema.features as HashedFeature[];
    expect(enc.prepare('Е.', f[0]!)).toBe('');
    expect(enc.prepare('Евгений', f[1]!)).toBe('e');
    expect(enc.prepare('Yevgeniy', f[1]!)).toBe('e');
    expect(enc.prepare('в/ч 47879', f[2]!)).toBe('47879');
    expect(enc.encode(['', 'Е.', 'в/ч 47879'])).toEqual(enc.encode(['', 'Evgenii', 'v/ch 47879']));
  });

  it('a v2 schema encodes exactly as its v3 equivalent', () => {
    const kdf = { type: 'HKDF', hash: 'SHA256', salt: 'c2FsdA==', info: 'aW5mbw==', keySize: 64 };
    const v2 = parseSchema({
      version: 2,
      clkConfig: { l: 512, kdf },
      features: [
        {
          identifier: 'name',
          format: { type: 'string' },
          hashing: { ngram: 2, strategy: { k: 20 }, hash: { type: 'doubleHash' } },
        },
        {
          identifier: 'dob',
          format: { type: 'integer' },
          hashing: { ngram: 1, positional: true, strategy: { numBits: 100 } },
        },
      ],
    });
    const v3 = parseSchema({
      version: 3,
      clkConfig: { l: 512, kdf },
      features: [
        {
          identifier: 'name',
          format: { type: 'string' },
          hashing: {
            comparison: { type: 'ngram', n: 2 },
            strategy: { bitsPerToken: 20 },
            hash: { type: 'doubleHash' },
          },
        },
        {
          identifier: 'dob',
          format: { type: 'integer' },
          hashing: {
            comparison: { type: 'ngram', n: 1, positional: true },
            strategy: { bitsPerFeature: 100 },
            hash: { type: 'blakeHash' },
          },
        },
      ],
    });
    expect(v2.features).toEqual(v3.features);
    expect(new ClkEncoder(v2, 'k').encode(['ann', '19800101'])).toEqual(
      new ClkEncoder(v3, 'k').encode(['ann', '19800101']),
    );
  });
});

describe('the encoder’s fast path for unigrams and bigrams', () => {
  // ClkEncoder caches n ≤ 2 grams by their code units instead of their text; the CLK must be the one the
  // plain token path gives (ngrams → bits per token → blakeHash / doubleHash), for any text.
  it('gives the CLK of the plain token path (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 12 }),
          fc.string({ unit: 'grapheme', maxLength: 8 }),
          fc.constantFrom('Иванов', 'ab', '', ' a b ', 'ё́', '😀x'),
        ),
        fc.constantFrom(1, 2),
        fc.boolean(),
        fc.constantFrom('blakeHash', 'doubleHash'),
        fc.oneof(
          fc.record({ bitsPerFeature: fc.integer({ min: 0, max: 90 }) }),
          fc.record({ bitsPerToken: fc.integer({ min: 0, max: 40 }) }),
        ),
        (text, n, positional, hash, strategy) => {
          const schema = parseSchema({
            version: 3,
            clkConfig: { l: 512, kdf: { type: 'HKDF', hash: 'SHA256', keySize: 64 } },
            features: [
              {
                identifier: 'x',
                format: { type: 'string' },
                hashing: { comparison: { type: 'ngram', n, positional }, strategy, hash: { type: hash } },
              },
            ],
          });
          const clk = new ClkEncoder(schema, 'property secret').encode([text]);
          const key = deriveFeatureKeys(schema, utf8('property secret'))[0]!;
          const expected = new Uint8Array(64);
          const toks = ngrams(text, n, positional);
          const ks = bitsPerToken(strategy, toks.length);
          toks.forEach((tok, t) => {
            if (ks[t] === 0) return;
            const positions =
              hash === 'blakeHash'
                ? Array.from(blakeIndices(utf8(tok), key.first, ks[t]!, 512))
                : (() => {
                    const [h1, h2] = doubleHashPair(utf8(tok), key.first, key.second, 512, false);
                    return Array.from({ length: ks[t]! }, (_, j) => (h1 + j * h2) % 512);
                  })();
            for (const g of positions) expected[g >> 3]! |= 0x80 >> (g & 7);
          });
          expect(hex(clk)).toBe(hex(expected));
        },
      ),
      { numRuns: 300 },
    );
  });
});
