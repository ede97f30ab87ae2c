/**
 * The encoder's keyed hashes in pure JavaScript (@noble/hashes: audited, no dependencies), for the
 * browser, where node:crypto does not exist and WebCrypto is asynchronous and has no MD5. Byte-identical
 * to Node's (test/linkage/encode-browser-identity.test.ts); Node keeps its native implementation.
 */
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { md5, sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import type { LinkageCrypto } from './crypto.ts';

const HMAC = { sha1, md5 } as const;
const HKDF = { sha256, sha512 } as const;

export const nobleLinkageCrypto: LinkageCrypto = {
  name: '@noble/hashes',
  hmac: (hash, key, message) => hmac(HMAC[hash], key, message),
  hkdf: (hash, ikm, salt, info, length) => hkdf(HKDF[hash], ikm, salt, info, length),
};
