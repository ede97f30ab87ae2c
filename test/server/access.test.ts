import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundled } from '../../src/ingest/bundled.ts';
import { WorkQueue } from '../../src/jobs/work-queue.ts';
import { createApp } from '../../src/server/app.ts';
import { CalibrationJobRegistry } from '../../src/server/calibration-jobs.ts';
import { SimJobRegistry } from '../../src/server/sim-jobs.ts';
import { createToken, listTokens, revokeToken, verifyToken } from '../../src/analyses/tokens.ts';
import { describeOnEngines } from '../support/services.ts';
import { freshStore, type TestStore } from '../support/stores.ts';
import { rawHandles } from '../../src/store/testing.ts';

const MINI = new URL('../fixtures/mini/', import.meta.url).pathname;
const BIN = new URL('../../bin/darkfigure.js', import.meta.url).pathname;
const UUID = /^[a-z]+-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A small, quick ensemble; `big` asks for more than the server allows. */
const SMALL = { scenarios: ['baseline'], runs: 1, agents: 1000, start: '2022-02-24', end: '2022-06-30' };
const LONG = { scenarios: ['baseline', 'rotation'], runs: 3, agents: 50_000, start: '2022-02-24', end: '2025-12-31' };

interface JobBody {
  id: string;
  status: string;
  cancelled?: boolean;
  error?: string;
  capped?: Record<string, { asked: unknown; used: unknown }>;
  queue?: { phase: string; position: number };
}

describeOnEngines('API tokens in the store (%s): only the hash is kept; scoped; revocable', (engine) => {
  let ts: TestStore;
  beforeAll(async () => {
    ts = await freshStore(engine);
  });
  afterAll(async () => ts.cleanup());

  it('creates, verifies, lists and revokes; the secret is in no column', async () => {
    const { token, info } = await createToken(ts.store, { scopes: ['sim', 'mse'], maxJobs: 3, note: 'bench' });
    expect(token).toMatch(/^dft_[A-Za-z0-9_-]{43}$/);
    const rows = await rawHandles(ts.store).db.selectFrom('api_tokens').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token.slice(4));
    expect(rows[0]!.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(await verifyToken(ts.store, token)).toEqual({ id: info.id, scopes: ['sim', 'mse'], maxJobs: 3 });
    expect(await verifyToken(ts.store, `${token}x`)).toBeNull();
    expect(await verifyToken(ts.store, 'not-a-token')).toBeNull();
    expect((await listTokens(ts.store)).map((t) => [t.id, t.revokedAt])).toEqual([[info.id, null]]);
    expect(await revokeToken(ts.store, info.id)).toBe(true);
    expect(await verifyToken(ts.store, token)).toBeNull();
    expect(await revokeToken(ts.store, 'nope')).toBe(false);
    expect((await listTokens(ts.store))[0]!.revokedAt).not.toBeNull();
  });
});

describe('roles: anonymous clients read; compute needs a scoped token or local mode', () => {
  let ts: TestStore;
  let app: ReturnType<typeof createApp>;
  const queue = new WorkQueue({ concurrency: 1, maxQueued: 1 });
  const simJobs = new SimJobRegistry({ queue, caps: { runs: 3, agents: 50_000, years: 8 } });
  const calibrationJobs = new CalibrationJobRegistry({ queue });
  let simToken: string;
  let mseToken: string;
  let otherSim: string;

  beforeAll(async () => {
    ts = await freshStore('sqlite');
    await loadBundled(ts.store, MINI);
    app = createApp({ store: ts.store, simJobs, calibrationJobs, queue });
    simToken = (await createToken(ts.store, { scopes: ['sim'], maxJobs: 5 })).token;
    mseToken = (await createToken(ts.store, { scopes: ['mse'] })).token;
    otherSim = (await createToken(ts.store, { scopes: ['sim'], maxJobs: 1 })).token;
  });
  afterAll(async () => {
    await simJobs.close();
    await calibrationJobs.close();
    await queue.close();
    await ts.cleanup();
  });

  const post = (path: string, body: unknown, token?: string, headers: Record<string, string> = {}) =>
    app.request(path, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: JSON.stringify(body),
    });
  const del = (path: string, token?: string) =>
    app.request(path, { method: 'DELETE', headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('anonymous: reads and exports answer; every compute route is 401 with a Bearer challenge', async () => {
    for (const path of [
      '/api/series',
      '/api/sources',
      '/api/observations',
      '/api/scenarios',
      '/api/chart/overview.csv',
    ])
      expect((await app.request(path)).status, path).toBe(200);
    for (const [path, body] of [
      ['/api/sim-jobs', SMALL],
      ['/api/calibration-jobs', {}],
      ['/api/mse', { kind: 'world' }],
      ['/api/mse', { kind: 'upload', text: 'a' }],
    ] as const) {
      const r = await post(path, body);
      expect(r.status, path).toBe(401);
      expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    expect((await post('/api/sim-jobs', SMALL, 'dft_forged')).status).toBe(401);
  });

  it('a token works within its scopes only', async () => {
    expect((await post('/api/sim-jobs', SMALL, mseToken)).status).toBe(403);
    expect((await post('/api/calibration-jobs', {}, simToken)).status).toBe(403);
    expect((await post('/api/mse', { kind: 'upload', text: 'a' }, mseToken)).status).toBe(403); // uploads need "upload"
    const r = await post('/api/sim-jobs', SMALL, simToken);
    expect(r.status).toBe(202);
    const job = (await r.json()) as JobBody;
    expect(job.id).toMatch(UUID);
    // Another job's id shares nothing guessable with this one.
    const r2 = (await (await post('/api/sim-jobs', SMALL, simToken)).json()) as JobBody;
    expect(r2.id).toMatch(UUID);
    expect(r2.id.slice(0, 12)).not.toBe(job.id.slice(0, 12));
    for (const id of [job.id, r2.id]) {
      for (let i = 0; i < 600; i++) {
        const s = (await (await app.request(`/api/sim-jobs/${id}`)).json()) as JobBody;
        if (s.status !== 'running') break;
        await new Promise((res) => setTimeout(res, 50));
      }
    }
    expect(((await (await app.request(`/api/sim-jobs/${job.id}`)).json()) as JobBody).status).toBe('done');
  }, 60_000);

  it('a revoked token stops working at once', async () => {
    const { token, info } = await createToken(ts.store, { scopes: ['sim'] });
    await revokeToken(ts.store, info.id);
    expect((await post('/api/sim-jobs', SMALL, token)).status).toBe(401);
  });

  it('writes take application/json only: a form or text POST is 415, even with a token', async () => {
    for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x', '']) {
      const r = await app.request('/api/sim-jobs', {
        method: 'POST',
        headers: { ...(type ? { 'content-type': type } : {}), authorization: `Bearer ${simToken}` },
        body: 'scenarios=baseline',
      });
      expect(r.status, type).toBe(415);
    }
    expect((await simJobs.queue.stats()).queued).toBe(0);
  });

  it('a foreign Host is 421 and a foreign Origin on a write 403', async () => {
    expect((await app.request('/api/series', { headers: { host: 'attacker.example' } })).status).toBe(421);
    expect((await app.request('/', { headers: { host: 'attacker.example:8080' } })).status).toBe(421);
    expect((await app.request('/api/series', { headers: { host: 'localhost:8080' } })).status).toBe(200);
    expect((await app.request('/api/series', { headers: { host: '[::1]:8080' } })).status).toBe(200);
    expect((await post('/api/sim-jobs', SMALL, simToken, { origin: 'https://attacker.example' })).status).toBe(403);
    expect((await post('/api/sim-jobs', SMALL, simToken, { origin: 'null' })).status).toBe(403);
    const custom = createApp({ store: ts.store, access: { allowedHosts: ['observatory.example.org'] } });
    expect((await custom.request('/api/series', { headers: { host: 'observatory.example.org' } })).status).toBe(200);
    expect((await custom.request('/api/series', { headers: { host: 'localhost' } })).status).toBe(421);
  });

  it('bodies over the limit are 413 on every route, before anything is read', async () => {
    const big = JSON.stringify({ scenarios: ['baseline'], pad: 'x'.repeat(300 * 1024) });
    const r = await app.request('/api/sim-jobs', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${simToken}` },
      body: big,
    });
    expect(r.status).toBe(413);
    expect(((await r.json()) as { error: string }).error).toMatch(/at most 262144 bytes/);
    expect((await app.request('/api/series', { headers: { 'content-length': String(10 * 1024 * 1024) } })).status).toBe(
      413,
    );
    expect(
      (
        await app.request('/', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': '999999999' },
        })
      ).status,
    ).toBe(413);
    // An upload may be bigger (its text holds up to 5 MB): refused for its scope, not its size.
    expect((await post('/api/mse', { kind: 'upload', text: 'x'.repeat(1024 * 1024) }, simToken)).status).toBe(403);
  });

  it('caps are applied and stated; absurd dates are refused; the owner cancels with DELETE', async () => {
    const r = await post('/api/sim-jobs', { ...LONG, runs: 20, agents: 200_000 }, simToken);
    expect(r.status).toBe(202);
    const job = (await r.json()) as JobBody;
    expect(job.capped).toEqual({ runs: { asked: 20, used: 3 }, agents: { asked: 200_000, used: 50_000 } });
    const far = (await (
      await post('/api/sim-jobs', { ...SMALL, start: '2022-02-24', end: '2039-12-31' }, simToken)
    ).json()) as JobBody;
    expect(far.capped).toEqual({ end: { asked: '2039-12-31', used: '2030-02-23' } });
    for (const dates of [{ start: '0001-01-01' }, { end: '9999-12-31' }]) {
      const bad = await post('/api/sim-jobs', { ...SMALL, ...dates }, simToken);
      expect(bad.status).toBe(400);
      expect(JSON.stringify(await bad.json())).toMatch(/dates must lie between 2014-01-01 and 2040-12-31/);
    }
    // Only the owner may cancel; anonymous clients not at all.
    expect((await del(`/api/sim-jobs/${job.id}`)).status).toBe(401);
    expect((await del(`/api/sim-jobs/${job.id}`, otherSim)).status).toBe(403);
    const d = await del(`/api/sim-jobs/${job.id}`, simToken);
    expect(await d.json()).toEqual({ id: job.id, outcome: 'cancelled' });
    let state: JobBody = job;
    for (let i = 0; i < 200 && state.status === 'running'; i++) {
      await new Promise((res) => setTimeout(res, 25));
      state = (await (await app.request(`/api/sim-jobs/${job.id}`)).json()) as JobBody;
    }
    expect(state).toMatchObject({ status: 'failed', cancelled: true });
    expect(state.error).toMatch(/^cancelled: by its owner/);
    // Forgetting a finished job; then it is unknown.
    expect(await (await del(`/api/sim-jobs/${job.id}`, simToken)).json()).toEqual({ id: job.id, outcome: 'removed' });
    expect((await del(`/api/sim-jobs/${job.id}`, simToken)).status).toBe(404);
    expect((await del(`/api/sim-jobs/${far.id}`, simToken)).status).toBe(200);
  }, 30_000);

  it('a full queue or a used quota is 429 with Retry-After', async () => {
    // Jobs cancelled by the tests above end first (their threads stop).
    for (let i = 0; i < 400 && (queue.stats().running || queue.stats().queued); i++)
      await new Promise((res) => setTimeout(res, 25));
    // concurrency 1, one waiting: the first runs, the second waits, the third is refused.
    const ids: string[] = [];
    const first = await post('/api/sim-jobs', LONG, simToken);
    ids.push(((await first.json()) as JobBody).id);
    const second = await post('/api/sim-jobs', LONG, simToken);
    const s2 = (await second.json()) as JobBody;
    ids.push(s2.id);
    expect(s2.queue).toEqual({ phase: 'queued', position: 0 });
    const third = await post('/api/sim-jobs', LONG, simToken);
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    for (const id of ids) await del(`/api/sim-jobs/${id}`, simToken);
    // A token allowed one job at a time.
    const mine = await post('/api/sim-jobs', LONG, otherSim);
    expect(mine.status).toBe(202);
    const again = await post('/api/sim-jobs', LONG, otherSim);
    expect(again.status).toBe(429);
    expect(((await again.json()) as { error: string }).error).toMatch(/quota/);
    await del(`/api/sim-jobs/${((await mine.json()) as JobBody).id}`, otherSim);
  }, 30_000);

  it('a job nobody polls any more is cancelled (its client went away)', async () => {
    const q = new WorkQueue({ concurrency: 1, maxQueued: 2 });
    const reg = new SimJobRegistry({ queue: q, abandonAfterMs: 300 });
    const local = createApp({ store: ts.store, simJobs: reg, queue: q, access: { open: true } });
    const r = (await (
      await local.request('/api/sim-jobs', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(LONG),
      })
    ).json()) as JobBody;
    expect(r.status).toBe('running');
    await new Promise((res) => setTimeout(res, 1500));
    const after = (await (await local.request(`/api/sim-jobs/${r.id}`)).json()) as JobBody;
    expect(after).toMatchObject({ status: 'failed', cancelled: true });
    expect(q.stats()).toMatchObject({ running: 0, queued: 0 });
    await reg.close();
    await q.close();
  }, 20_000);
});

describe('HTTP hygiene', () => {
  let ts: TestStore;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    ts = await freshStore('sqlite');
    await loadBundled(ts.store, MINI);
    app = createApp({ store: ts.store });
  });
  afterAll(async () => ts.cleanup());

  it('every response carries CSP, nosniff, a referrer policy and frame-ancestors (any on /embed/ only)', async () => {
    for (const path of ['/api/series', '/api/nope', '/', '/assets/missing.js', '/api/chart/overview.svg']) {
      const r = await app.request(path);
      const csp = r.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('referrer-policy')).toBe('no-referrer');
    }
    const embed = await app.request('/embed/chart');
    expect(embed.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect(embed.headers.get('x-frame-options')).toBeNull();
  });

  it('a malformed URL is 400, not 500', async () => {
    for (const path of ['/%', '/api/series/%E0%A4%A', '/%zz/x']) {
      const r = await app.request(path);
      expect(r.status, path).toBe(400);
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('an internal error answers 500 with no stack and no internal message', async () => {
    const broken = new Proxy(ts.store, {
      get(target, prop, receiver) {
        if (prop === 'countObservations')
          return () => Promise.reject(new Error('secret detail at /srv/darkfigure/store.ts:12'));
        const v = Reflect.get(target, prop, receiver) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    const r = await createApp({ store: broken }).request('/api/health');
    expect(r.status).toBe(500);
    const text = await r.text();
    expect(JSON.parse(text)).toEqual({ error: 'internal error' });
    expect(text).not.toMatch(/secret|\.ts|at /);
  });
});

/** A raw HTTP request (fetch may not set Host, nor send a malformed path). */
function raw(
  port: number,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer; chunked?: boolean },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (b: Buffer) => parts.push(b));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString() }),
        );
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) =>
      e.code === 'EPIPE' || e.code === 'ECONNRESET' ? undefined : reject(e),
    );
    if (opts.body) {
      // In pieces, without a length: the server must count as it reads.
      for (let i = 0; i < opts.body.length; i += 64 * 1024) req.write(opts.body.subarray(i, i + 64 * 1024));
    }
    req.end();
  });
}

describe('the running server: the same guards on every path; local mode; a client that leaves cancels its work', () => {
  let ts: TestStore;
  beforeAll(async () => {
    ts = await freshStore('sqlite');
    await loadBundled(ts.store, MINI);
  });
  afterAll(async () => ts.cleanup());

  it('guards the series path, counts streamed bodies, and refuses local mode off loopback', async () => {
    const { startServer } = await import('../../src/server/serve.ts');
    await expect(startServer(ts.store, 0, '0.0.0.0', { open: true })).rejects.toThrow(/127\.0\.0\.1 only/);
    const server = await startServer(ts.store, 0);
    try {
      const ok = await raw(server.port, { path: '/api/series', headers: { host: `127.0.0.1:${server.port}` } });
      expect(ok.status).toBe(200);
      expect(ok.headers['content-security-policy']).toContain("frame-ancestors 'self'");
      expect(ok.headers['x-content-type-options']).toBe('nosniff');
      expect((await raw(server.port, { path: '/api/series', headers: { host: 'attacker.example' } })).status).toBe(421);
      expect(
        (await raw(server.port, { path: '/api/series', headers: { host: `localhost:${server.port + 1}` } })).status,
      ).toBe(421);
      expect((await raw(server.port, { path: '/%', headers: { host: `localhost:${server.port}` } })).status).toBe(400);
      const streamed = await raw(server.port, {
        method: 'POST',
        path: '/api/sim-jobs',
        headers: {
          host: `localhost:${server.port}`,
          'content-type': 'application/json',
          'transfer-encoding': 'chunked',
        },
        body: Buffer.alloc(2 * 1024 * 1024, 0x20),
      });
      expect(streamed.status).toBe(413);
      // Read-only by default.
      const anon = await fetch(`${server.url}/api/sim-jobs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(SMALL),
      });
      expect(anon.status).toBe(401);
    } finally {
      await server.close();
    }
  }, 30_000);

  it('local mode starts compute without a token; a capture–recapture request whose client leaves is cancelled', async () => {
    const { startServer } = await import('../../src/server/serve.ts');
    const server = await startServer(ts.store, 0, '127.0.0.1', { open: true, concurrency: 1 });
    try {
      const ac = new AbortController();
      // A big simulated world with five lists: seconds of LCMCR on the worker thread.
      const pending = fetch(`${server.url}/api/mse`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'world', N: 200_000, lists: 5, capture: 0.3, sigma: 1 }),
        signal: ac.signal,
      }).catch((e: Error) => e);
      const busy = async () =>
        ((await (await fetch(`${server.url}/api/health`)).json()) as { queue: { running: number } }).queue.running;
      for (let i = 0; i < 100 && (await busy()) === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(await busy()).toBe(1);
      ac.abort();
      expect(await pending).toBeInstanceOf(Error);
      let running = 1;
      for (let i = 0; i < 100 && running > 0; i++) {
        await new Promise((r) => setTimeout(r, 50));
        running = await busy();
      }
      expect(running).toBe(0);
      const sim = await fetch(`${server.url}/api/sim-jobs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(SMALL),
      });
      expect(sim.status).toBe(202);
    } finally {
      await server.close();
    }
  }, 60_000);
});

describe('darkfigure token: create, list, revoke from the command line', () => {
  it('prints the token once, lists without it, revokes by id; bad scopes are bad input (exit 2)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'darkfigure-token-'));
    const env = { ...process.env, DARKFIGURE_DB: join(dir, 't.db') };
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [BIN, 'token', ...args], { env, encoding: 'utf8', timeout: 60_000 });
    try {
      const made = run('create', '--scope', 'sim,mse', '--max-jobs', '3', '--json');
      expect(made.status, made.stderr).toBe(0);
      const { token, id, scopes, maxJobs } = JSON.parse(made.stdout) as {
        token: string;
        id: string;
        scopes: string[];
        maxJobs: number;
      };
      expect([scopes, maxJobs]).toEqual([['sim', 'mse'], 3]);
      const listed = run('list');
      expect(listed.stdout).toContain(id);
      expect(listed.stdout).not.toContain(token);
      expect(run('revoke', id).stdout).toContain('revoked');
      expect(run('list', '--json').stdout).toMatch(/"revokedAt": "\d{4}-/);
      const bad = run('create', '--scope', 'sim,admin');
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('unknown scope(s) admin');
      expect(run('revoke', 'nope').status).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('darkfigure serve: local mode from the command line (what npm start runs)', () => {
  it('--open computes without a token on 127.0.0.1; --open with another address is bad input', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'darkfigure-serve-'));
    const env = { ...process.env, DARKFIGURE_DB: join(dir, 's.db') };
    try {
      const refused = spawnSync(process.execPath, [BIN, 'serve', '--open', '--host', '0.0.0.0', '--port', '0'], {
        env,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(refused.status).toBe(2);
      expect(refused.stderr).toContain('--open binds 127.0.0.1 only');
      expect(
        spawnSync(process.execPath, [BIN, 'serve', '--min-cell', '0'], { env, encoding: 'utf8', timeout: 60_000 })
          .status,
      ).toBe(2);
      const child = spawn(process.execPath, [BIN, 'serve', '--open', '--port', '0'], {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      try {
        const url = await new Promise<string>((resolve, reject) => {
          let out = '';
          child.stdout.on('data', (b: Buffer) => {
            out += b.toString();
            const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
            if (m) resolve(m[1]!);
          });
          child.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
        });
        const r = await fetch(`${url}/api/sim-jobs`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(SMALL),
        });
        expect(r.status).toBe(202);
        const job = (await r.json()) as JobBody;
        expect((await fetch(`${url}/api/sim-jobs/${job.id}`, { method: 'DELETE' })).status).toBe(200);
      } finally {
        child.kill('SIGTERM');
        await new Promise((res) => child.once('exit', res));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
