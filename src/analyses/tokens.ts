// API tokens: made and revoked by `darkfigure token`, checked by the server; only their SHA-256 is stored.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store } from '../store/index.ts';

/** What a token may start. Reading is never scoped: anonymous clients read everything published. */
export const SCOPES = ['sim', 'calibrate', 'mse', 'upload'] as const;
export type Scope = (typeof SCOPES)[number];

export const DEFAULT_MAX_JOBS = 2;

/** A token as the store and the CLI show it: never the token itself. */
export interface TokenInfo {
  id: string;
  scopes: Scope[];
  maxJobs: number;
  note: string | null;
  createdAt: string;
  revokedAt: string | null;
}

/** Who made a request: the token's id, scopes and quota (open mode: every scope, no per-token quota). */
export interface Principal {
  id: string;
  scopes: readonly Scope[];
  maxJobs: number;
}

// Prefixed so that a leaked token is recognisable (secret scanners, logs); 32 random bytes after it.
const PREFIX = 'dft_';

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** Parses "sim,mse" into known scopes; an unknown one is an error naming it. */
export function parseScopes(text: string): Scope[] {
  const parts = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!parts.length) throw new RangeError(`--scope needs at least one of ${SCOPES.join(', ')}`);
  const bad = parts.filter((p) => !(SCOPES as readonly string[]).includes(p));
  if (bad.length) throw new RangeError(`unknown scope(s) ${bad.join(', ')}: known ones are ${SCOPES.join(', ')}`);
  return [...new Set(parts)] as Scope[];
}

const rowToInfo = (r: {
  id: string;
  scopes: string;
  max_jobs: number | string;
  note: string | null;
  created_at: string;
  revoked_at: string | null;
}): TokenInfo => ({
  id: r.id,
  scopes: r.scopes.split(',').filter(Boolean) as Scope[],
  maxJobs: Number(r.max_jobs),
  note: r.note,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
});

/** Creates a token; the returned secret is shown once and never stored (only its hash is). */
export async function createToken(
  store: Store,
  opts: { scopes: Scope[]; maxJobs?: number; note?: string },
): Promise<{ token: string; info: TokenInfo }> {
  const maxJobs = opts.maxJobs ?? DEFAULT_MAX_JOBS;
  if (!Number.isInteger(maxJobs) || maxJobs < 1 || maxJobs > 1000)
    throw new RangeError(`--max-jobs must be a whole number from 1 to 1000, got ${maxJobs}`);
  if (!opts.scopes.length) throw new RangeError('a token needs at least one scope');
  const token = PREFIX + randomBytes(32).toString('base64url');
  const row = {
    id: randomBytes(8).toString('hex'),
    token_hash: hashToken(token),
    scopes: opts.scopes.join(','),
    max_jobs: maxJobs,
    note: opts.note ?? null,
    created_at: new Date().toISOString(),
    revoked_at: null,
  };
  await store.apiTokens.insert(row);
  return { token, info: rowToInfo(row) };
}

export async function listTokens(store: Store): Promise<TokenInfo[]> {
  const rows = await store.apiTokens.list();
  return rows.map(rowToInfo);
}

/** Revokes a token by id; false when there is no such token (revoking twice keeps the first date). */
export async function revokeToken(store: Store, id: string): Promise<boolean> {
  const have = await store.apiTokens.get(id);
  if (!have) return false;
  if (have.revoked_at === null) await store.apiTokens.revoke(id, new Date().toISOString());
  return true;
}

/** The principal of a bearer token, or null when it is unknown, malformed or revoked. */
export async function verifyToken(store: Store, token: string): Promise<Principal | null> {
  if (!token.startsWith(PREFIX) || token.length > 200) return null;
  const hash = hashToken(token);
  const row = await store.apiTokens.byHash(hash);
  // The lookup is by hash (an index hit, not a secret comparison); compare again in constant time anyway.
  if (!row || row.revoked_at !== null || !timingSafeEqual(Buffer.from(row.token_hash), Buffer.from(hash))) return null;
  const info = rowToInfo(row);
  return { id: info.id, scopes: info.scopes, maxJobs: info.maxJobs };
}
