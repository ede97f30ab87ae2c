import type { Context, Env, MiddlewareHandler } from 'hono';
import { validator } from 'hono/validator';
import type { z } from 'zod';

/** A zod error as the API words it: each problem with the field it is about. */
export const issuesOf = (e: z.ZodError) => e.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));

const refuse = (c: Context, error: string, e: z.ZodError) => c.json({ error, issues: issuesOf(e) }, 400);

/**
 * The query string checked by a zod schema (read with `c.req.valid('query')`); a bad one answers 400
 * with `error` (default "bad query") and the fields at fault.
 */
export const zodQuery = <S extends z.ZodType>(schema: S, error = 'bad query') =>
  validator('query', (value, c): z.output<S> | Response => {
    const r = schema.safeParse(value);
    return r.success ? r.data : refuse(c, error, r.error);
  });

/**
 * The JSON body checked by a zod schema (read with `c.req.valid('json')`); a bad one answers 400 "bad
 * request" with the fields at fault. An empty or malformed body is validated as `empty` (default
 * undefined), so a schema whose every field has a default may take no body at all; hono's own json
 * validator would answer 400 to those before the schema could say which fields it wants.
 */
export function zodJson<S extends z.ZodType, E extends Env = Env>(
  schema: S,
  empty?: z.input<S>,
): MiddlewareHandler<E, string, { in: { json: z.input<S> }; out: { json: z.output<S> } }> {
  return async (c, next) => {
    const body: unknown = await c.req.json().catch(() => undefined);
    const r = schema.safeParse(body ?? empty);
    if (!r.success) return refuse(c, 'bad request', r.error);
    c.req.addValidatedData('json', r.data as object);
    await next();
  };
}
