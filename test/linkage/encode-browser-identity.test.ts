// The encoder's crypto in the browser (@noble/hashes, crypto-noble.ts) against Node's crypto: the same
// bytes for any key and message, so a CLK made on the encoding page is the CLK `darkfigure encode` makes.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { doubleHashPair } from '../../src/linkage/bloom.ts';
import {
  linkageCrypto,
  nodeLinkageCrypto,
  useLinkageCrypto,
  type HkdfHash,
  type HmacHash,
} from '../../src/linkage/crypto.ts';
import { nobleLinkageCrypto } from '../../src/linkage/crypto-noble.ts';
import { encodeRecords, toBase64 } from '../../src/linkage/encode.ts';
import { parseSchema } from '../../src/linkage/schema.ts';
import { febrlSchema, readFebrl } from './febrl.ts';
import { linkageData } from './paths.ts';

const node = nodeLinkageCrypto()!;
const hex = (u: Uint8Array) => Buffer.from(u).toString('hex');

afterEach(() => useLinkageCrypto(node));

describe("the encoder's crypto in pure JavaScript (the browser's)", () => {
  it('Node is the default where Node runs', () => {
    expect(node.name).toBe('node:crypto');
    expect(linkageCrypto().name).toBe('node:crypto');
  });

  it('HMAC-SHA1 and HMAC-MD5 equal node:crypto for any key (also longer than a block) and message', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<HmacHash>('sha1', 'md5'),
        fc.uint8Array({ maxLength: 150 }),
        fc.uint8Array({ maxLength: 300 }),
        (hash, key, msg) => {
          expect(hex(nobleLinkageCrypto.hmac(hash, key, msg))).toBe(hex(node.hmac(hash, key, msg)));
        },
      ),
      { numRuns: 400, seed: 18 },
    );
  });

  it('HKDF-SHA256 and HKDF-SHA512 equal node:crypto for any secret, salt, info and length', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<HkdfHash>('sha256', 'sha512'),
        fc.uint8Array({ minLength: 0, maxLength: 80 }),
        fc.uint8Array({ maxLength: 80 }),
        fc.uint8Array({ maxLength: 80 }),
        fc.integer({ min: 1, max: 2000 }),
        (hash, ikm, salt, info, length) => {
          expect(hex(nobleLinkageCrypto.hkdf(hash, ikm, salt, info, length))).toBe(
            hex(node.hkdf(hash, ikm, salt, info, length)),
          );
        },
      ),
      { numRuns: 200, seed: 18 },
    );
  });

  it('gives the double-hash pair of node:crypto, re-hashing included (small L makes h2 = 0 common)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 40 }),
        fc.uint8Array({ minLength: 1, maxLength: 64 }),
        fc.uint8Array({ minLength: 1, maxLength: 64 }),
        fc.integer({ min: 2, max: 40 }),
        (tok, k1, k2, L) => {
          useLinkageCrypto(node);
          const want = doubleHashPair(tok, k1, k2, L, true);
          useLinkageCrypto(nobleLinkageCrypto);
          expect(doubleHashPair(tok, k1, k2, L, true)).toEqual(want);
        },
      ),
      { numRuns: 300, seed: 18 },
    );
  });

  it("reproduces clkhash's golden vector (doubleHash) byte for byte with the pure-JS crypto", () => {
    const golden = JSON.parse(readFileSync(linkageData('clkhash/golden-encoding.json'), 'utf8'));
    useLinkageCrypto(nobleLinkageCrypto);
    expect(linkageCrypto().name).toBe('@noble/hashes');
    const { clks, issues } = encodeRecords(parseSchema(golden.schema), golden.secret, golden.records);
    expect(issues).toEqual([]);
    expect(clks.slice(0, 2).map(toBase64)).toEqual(golden.expected_clks_base64);
  });

  it("encodes FEBRL rows with clkhash's FEBRL schema (blakeHash, salted HKDF) to Node's CLKs", () => {
    const schema = parseSchema(febrlSchema());
    const rows = readFebrl(1).rows.slice(0, 300);
    const secret = 'a secret of more than sixteen bytes';
    const want = encodeRecords(schema, secret, rows);
    expect(want.issues).toEqual([]);
    useLinkageCrypto(nobleLinkageCrypto);
    expect(encodeRecords(schema, secret, rows).clks.map(toBase64)).toEqual(want.clks.map(toBase64));
  });
});
