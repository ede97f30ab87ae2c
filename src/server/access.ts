import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Store } from '../store/index.ts';
import { type Principal, type Scope, SCOPES, verifyToken } from '../analyses/index.ts';
import { CLK_LIMITS, clkUploadRule } from './entity-service/body-rules.ts';

/** Who may do what, and what the server accepts. */
export interface AccessOptions {
  /**
   * Local mode: compute needs no token (every scope, one owner "local"). Only for a server bound to
   * 127.0.0.1 (`serve --open`, `npm start`); the default is read-only for anonymous clients.
   */
  open?: boolean;
  /**
   * Host header values answered: "name" (any port... of the listening one, see hostAllowed) or
   * "name:port". Default: localhost, 127.0.0.1 and [::1].
   */
  allowedHosts?: readonly string[];
  /** Largest request body in bytes on any route (default 256 KiB). */
  bodyLimit?: number;
  /** Largest body of an upload route, POST /api/mse or /api/nowcast (default 6 MiB: its text may hold 5 MB). */
  uploadLimit?: number;
}

export const DEFAULT_BODY_LIMIT = 256 * 1024;
export const DEFAULT_UPLOAD_LIMIT = 6 * 1024 * 1024;
export const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'] as const;

/** Paths whose pages may be framed by other sites (a chart embed), when the dashboard has them. */
const EMBEDDABLE = /^\/embed(\/|$)/;

/**
 * The dashboard loads only its own scripts and styles; echarts draws on canvas/SVG and sets inline
 * styles on its tooltips (hence 'unsafe-inline' for styles only); the favicon is a data: URL.
 */
function csp(frameAncestors: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}

// The hygiene headers of every response (an /embed/ page may be framed anywhere), made once.
const HYGIENE_COMMON: Array<[string, string]> = [
  ['x-content-type-options', 'nosniff'],
  ['referrer-policy', 'no-referrer'],
];
const HYGIENE_ENTRIES: Array<[string, string]> = [
  ['content-security-policy', csp("'self'")],
  ...HYGIENE_COMMON,
  ['x-frame-options', 'SAMEORIGIN'],
];
const HYGIENE_EMBED_ENTRIES: Array<[string, string]> = [['content-security-policy', csp('*')], ...HYGIENE_COMMON];

/**
 * Whether a Host header names this server: its host part must be one of the allowed names, and its port
 * the listening port (an entry "name:port" names the port itself; a bare entry allows `port`, or any
 * port when the server does not know its own, as in tests). A missing Host is refused.
 */
export function hostAllowed(host: string | undefined | null, allowed: readonly string[], port?: number): boolean {
  if (!host) return false;
  const h = host.toLowerCase();
  const m = /^(\[[0-9a-f:.]+\]|[^:]+)(?::(\d+))?$/.exec(h);
  if (!m) return false;
  const [, name, p] = m;
  for (const entry of allowed) {
    const e = entry.toLowerCase();
    if (e === h) return true;
    if (e === name && (p === undefined || port === undefined || Number(p) === port)) return true;
  }
  return false;
}

/** The path of a request URL as sent (still %-encoded), without parsing the whole URL. */
function rawPath(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start === -1) return '/';
  const q = url.indexOf('?', start);
  return q === -1 ? url.slice(start) : url.slice(start, q);
}

const isWrite = (method: string) => method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';

/**
 * The guards in front of every route: a malformed URL is a 400; a foreign Host a 421 (DNS rebinding);
 * a write from a foreign Origin a 403; a body over the route's limit a 413; a POST/PUT/PATCH that is not
 * application/json a 415 (a plain HTML form cannot send one, so no page elsewhere can start work).
 * Every response carries the hygiene headers.
 */
export function guards(opts: AccessOptions, port?: () => number | undefined): MiddlewareHandler[] {
  const allowed = opts.allowedHosts ?? LOOPBACK_HOSTS;
  const limit = opts.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const uploadLimit = opts.uploadLimit ?? DEFAULT_UPLOAD_LIMIT;
  const tooLarge = (max: number) => (c: Context) =>
    c.json({ error: `request body too large: at most ${max} bytes here` }, 413);
  const limiters = new Map(
    [limit, uploadLimit, ...CLK_LIMITS].map((n) => [n, bodyLimit({ maxSize: n, onError: tooLarge(n) })]),
  );
  return [
    async (c, next) => {
      await next();
      const headers = c.res.headers;
      for (const [k, v] of EMBEDDABLE.test(c.req.path) ? HYGIENE_EMBED_ENTRIES : HYGIENE_ENTRIES) headers.set(k, v);
    },
    async (c, next) => {
      try {
        decodeURIComponent(rawPath(c.req.url));
      } catch {
        return c.json({ error: 'malformed URL: a % that does not start an escape' }, 400);
      }
      if (!hostAllowed(c.req.header('host') ?? new URL(c.req.url).host, allowed, port?.()))
        return c.json({ error: 'unknown Host: this server answers only to its configured names' }, 421);
      if (isWrite(c.req.method)) {
        const origin = c.req.header('origin');
        if (origin !== undefined && origin !== 'null' && !originAllowed(origin, allowed, port?.()))
          return c.json({ error: 'cross-origin writes are refused' }, 403);
        if (origin === 'null') return c.json({ error: 'cross-origin writes are refused' }, 403);
      }
      const clk = clkUploadRule(c.req.method, c.req.path);
      const max =
        clk?.limit ??
        (c.req.method === 'POST' && (c.req.path === '/api/mse' || c.req.path === '/api/nowcast') ? uploadLimit : limit);
      const declared = Number(c.req.header('content-length') ?? 0);
      if (declared > max) return tooLarge(max)(c);
      if (isWrite(c.req.method) && c.req.method !== 'DELETE') {
        const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
        if (type !== (clk?.type ?? 'application/json'))
          return c.json({ error: `writes take Content-Type: ${clk?.type ?? 'application/json'} only` }, 415);
      }
      // No handler reads the body of a read; hono's limiter would build a full Request to look for one.
      return isWrite(c.req.method) ? limiters.get(max)!(c, next) : next();
    },
  ];
}

function originAllowed(origin: string, allowed: readonly string[], port?: number): boolean {
  try {
    return hostAllowed(new URL(origin).host, allowed, port);
  } catch {
    return false;
  }
}

/** Routes behind Gate.need read the principal from `c.var.who`. */
export type WhoEnv = { Variables: { who: Principal } };

/** Decides who a request is and whether it may use a scope; answers 401/403 itself when not. */
export class Gate {
  constructor(
    private readonly store: Store,
    readonly open: boolean,
  ) {}

  /** The principal allowed to use `scope`, or the 401/403 response to send instead. */
  async check(c: Context, scope: Scope): Promise<Principal | Response> {
    const who = await this.identify(c, scope);
    return who instanceof Response ? who : this.allow(c, who, scope);
  }

  /** Who sent the request (any valid token, or local mode), or the 401 to send; `what` words the refusal. */
  async identify(c: Context, what: string): Promise<Principal | Response> {
    if (this.open) return { id: 'local', scopes: SCOPES, maxJobs: Number.POSITIVE_INFINITY };
    const auth = c.req.header('authorization') ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    if (!m)
      return c.json(
        {
          error: `this server is read-only without a token: starting ${what} work needs "Authorization: Bearer <token>" (darkfigure token create --scope ${what}), or a local server (serve --open)`,
        },
        401,
        {
          'www-authenticate': 'Bearer realm="darkfigure"',
        },
      );
    const who = await verifyToken(this.store, m[1]!);
    if (!who)
      return c.json({ error: 'unknown or revoked token' }, 401, {
        'www-authenticate': 'Bearer realm="darkfigure", error="invalid_token"',
      });
    return who;
  }

  /**
   * Middleware: the 401/403 unless the client may use `scope`, else its principal in `c.var.who`. With
   * `pick`, the client is identified first (nothing is read for an unknown one) and `pick` then names
   * the scope from the request (its body, say).
   */
  need(scope: Scope, pick?: (c: Context) => Promise<Scope>): MiddlewareHandler<WhoEnv> {
    return async (c, next) => {
      const someone = await this.identify(c, scope);
      if (someone instanceof Response) return someone;
      const who = this.allow(c, someone, pick ? await pick(c) : scope);
      if (who instanceof Response) return who;
      c.set('who', who);
      await next();
    };
  }

  /** The principal when its scopes include `scope`, or the 403 to send. */
  allow(c: Context, who: Principal, scope: Scope): Principal | Response {
    return who.scopes.includes(scope)
      ? who
      : c.json({ error: `this token's scopes (${who.scopes.join(', ')}) do not include ${scope}` }, 403);
  }
}
