import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';

/** Fold a name so that spelling noise (case, ё, punctuation, spacing) does not split one person in two. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

// The secret as a key object, made once: handing createHmac raw bytes re-imports the key on every name.
const keys = new WeakMap<Uint8Array, KeyObject>();
function keyOf(secret: Uint8Array): KeyObject {
  let k = keys.get(secret);
  if (!k) keys.set(secret, (k = createSecretKey(secret)));
  return k;
}

/**
 * Keyed hash of a defendant name for deduplication: HMAC-SHA256 with the user's secret. Without the
 * secret nobody (us included) can test a guessed name against the store.
 */
export function nameHmac(secret: Uint8Array, name: string): string {
  return createHmac('sha256', keyOf(secret)).update(normaliseName(name), 'utf8').digest('hex');
}
