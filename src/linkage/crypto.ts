/**
 * The keyed hashes the CLK encoder needs (HMAC-SHA1/MD5 for doubleHash, HKDF for the feature keys), behind
 * one small interface so the same encoder runs in Node and in a browser. Node's own crypto is the default
 * (native, the fastest); a page that encodes in the browser registers the pure-JS implementation
 * (`crypto-noble.ts`) with `useLinkageCrypto` first. Both give the same bytes
 * (test/linkage/encode-browser-identity.test.ts). Node's module is reached through
 * `process.getBuiltinModule`, so a browser bundle never imports `node:crypto`, and Node never loads the
 * pure-JS code.
 */

export type HmacHash = 'sha1' | 'md5';
export type HkdfHash = 'sha256' | 'sha512';

export interface LinkageCrypto {
  /** Which implementation this is, for messages and tests. */
  readonly name: string;
  hmac(hash: HmacHash, key: Uint8Array, message: Uint8Array): Uint8Array;
  /** HKDF (RFC 5869), extract then expand, `length` bytes. */
  hkdf(hash: HkdfHash, ikm: Uint8Array, salt: Uint8Array, info: Uint8Array, length: number): Uint8Array;
}

let active: LinkageCrypto | undefined;

/** Node's crypto, or undefined where there is none (a browser, a worker of one). */
export function nodeLinkageCrypto(): LinkageCrypto | undefined {
  const c = globalThis.process?.getBuiltinModule?.('node:crypto');
  if (!c) return undefined;
  return {
    name: 'node:crypto',
    hmac: (hash, key, message) => c.createHmac(hash, key).update(message).digest(),
    hkdf: (hash, ikm, salt, info, length) => new Uint8Array(c.hkdfSync(hash, ikm, salt, info, length)),
  };
}

/** Make the encoder use `impl` from now on (the browser's worker does this once, before encoding). */
export function useLinkageCrypto(impl: LinkageCrypto): void {
  active = impl;
}

/** The implementation in use: the registered one, else Node's. */
export function linkageCrypto(): LinkageCrypto {
  if (active) return active;
  const node = nodeLinkageCrypto();
  if (!node)
    throw new Error(
      'no crypto for the CLK encoder here: call useLinkageCrypto(nobleLinkageCrypto) from src/linkage/crypto-noble.ts first',
    );
  return (active = node);
}
