import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';

/**
 * Ids and tokens as the entity service makes them: 48 hex characters (24 random bytes). Tokens are
 * stored only as their SHA-256 (src/analyses/tokens.ts's hashToken), ids in clear.
 */
export const newCode = (): string => randomBytes(24).toString('hex');

/** The token of a request: the entity service's clients send it bare in `Authorization`; "Bearer x" is accepted too. */
export function tokenOf(c: Context): string | undefined {
  const raw = c.req.header('authorization')?.trim();
  if (!raw) return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(raw);
  return m ? m[1] : raw;
}

/** An error as the entity service answers one (its `message`), with the Problem fields of its API description. */
export function problem(
  c: Context,
  status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 500 | 503,
  message: string,
  headers?: Record<string, string>,
): Response {
  const titles: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    409: 'Conflict',
    413: 'Payload Too Large',
    415: 'Unsupported Media Type',
    500: 'Internal Server Error',
    503: 'Service Unavailable',
  };
  return c.json({ status, title: titles[status], detail: message, message }, status, headers);
}
