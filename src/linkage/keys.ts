/** HKDF (RFC 5869) key derivation as clkhash does it: one call, two keys per feature (ignored ones included). */
import { linkageCrypto } from './crypto.ts';
import type { LinkageSchema } from './schema.ts';

export interface FeatureKeys {
  /** HMAC-SHA1 key for doubleHash; the BLAKE2b key for blakeHash. */
  first: Uint8Array;
  /** HMAC-MD5 key for doubleHash. */
  second: Uint8Array;
}

export function deriveFeatureKeys(schema: LinkageSchema, secret: Uint8Array): FeatureKeys[] {
  const n = schema.features.length;
  const size = schema.kdf.keySize;
  const hash = schema.kdf.hash === 'SHA512' ? 'sha512' : 'sha256';
  const okm = linkageCrypto().hkdf(hash, secret, schema.kdf.salt, schema.kdf.info, n * 2 * size);
  const out: FeatureKeys[] = [];
  for (let i = 0; i < n; i++) {
    out.push({
      first: okm.slice(2 * i * size, (2 * i + 1) * size),
      second: okm.slice((2 * i + 1) * size, (2 * i + 2) * size),
    });
  }
  return out;
}

/**
 * The shortest secret a command accepts for keyed hashes and CLKs. A short secret can be guessed, and
 * with it every encoding reversed by trying names: 16 bytes (128 bits) is HMAC's usual floor. The
 * library functions take any secret (clkhash's published test vectors use a 7-byte one); commands refuse.
 */
export const MIN_SECRET_BYTES = 16;

/** Why a secret may not be used, or null. Never says anything about its content. */
export function secretProblem(secret: Uint8Array): string | null {
  if (secret.length === 0) return 'the secret is empty';
  return secret.length < MIN_SECRET_BYTES
    ? `the secret is ${secret.length} byte(s); at least ${MIN_SECRET_BYTES} are needed`
    : null;
}
