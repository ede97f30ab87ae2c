// The anonlink-entity-service API of `darkfigure serve`, driven over real HTTP the way the entity
// service's documentation describes a session: a project, three parties uploading CLKs made with the
// project's encoder, a run, its status polled, its result read with each token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueRunner, startQueueWorker } from '../../src/jobs/index.ts';
import { WorkQueue } from '../../src/jobs/work-queue.ts';
import { encodeRecords, toBase64 } from '../../src/linkage/encode.ts';
import { IDENTITY_SCHEMA_JSON, identityRecord, identitySchema } from '../../src/linkage/identity-schema.ts';
import { Rng } from '../../src/linkage/prng.ts';
import { createApp } from '../../src/server/app.ts';
import { entityServiceRoutes } from '../../src/server/entity-service/routes.ts';
import { MsePool } from '../../src/server/mse-pool.ts';
import { startServer, type RunningServer } from '../../src/server/serve.ts';
import { describeOnEngines, REDIS_URL, services } from '../support/services.ts';
import { freshStore, type TestStore } from '../support/stores.ts';
import { rawHandles } from '../../src/store/testing.ts';

const SECRET = 'a secret the three list holders share';

// Who is on which list (party 0, 1, 2): 300, 250 and 200 people; 3 people on lists 1 and 2 only, a cell below k = 5.
const PLANNED: Record<string, number> = {
  '111': 40,
  '110': 60,
  '101': 30,
  '011': 3,
  '100': 170,
  '010': 147,
  '001': 127,
};

const SYLLABLES = [
  'ko',
  'va',
  'len',
  'shev',
  'chen',
  'ro',
  'mar',
  'dan',
  'tik',
  'bo',
  'lyu',
  'zar',
  'pet',
  'sim',
  'gor',
  'nes',
  'tra',
  'vel',
  'mik',
  'yus',
];
const FIRST = [
  'Ivan',
  'Petro',
  'Oleh',
  'Andriy',
  'Mykola',
  'Serhiy',
  'Dmytro',
  'Yuriy',
  'Vasyl',
  'Taras',
  'Bohdan',
  'Roman',
  'Maksym',
  'Artem',
  'Denys',
  'Pavlo',
  'Viktor',
  'Ihor',
  'Oleksandr',
  'Stepan',
];

/** Distinct synthetic people (seeded): no two share a name and a birth date. */
function people(n: number, seed: number): Array<Record<string, string>> {
  const rng = new Rng(seed);
  const seen = new Set<string>();
  const out: Array<Record<string, string>> = [];
  while (out.length < n) {
    const surname = [0, 1, 2].map(() => rng.pick(SYLLABLES)).join('');
    const day = new Date(Date.UTC(1970, 0, 1) + rng.int(30 * 365) * 86_400_000).toISOString().slice(0, 10);
    const key = `${surname}|${day}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      surname: surname[0]!.toUpperCase() + surname.slice(1),
      first_name: rng.pick(FIRST),
      patronymic: `${rng.pick(FIRST)}ovych`,
      birth_date: day,
      unit: String(10_000 + rng.int(90_000)),
    });
  }
  return out;
}

/** Each party's CLKs, in a shuffled order, for the planned patterns. */
function partyClks(planned: Record<string, number>, parties: number, seed: number): Uint8Array[][] {
  const total = Object.values(planned).reduce((a, b) => a + b, 0);
  const everyone = people(total, seed);
  const { clks, issues } = encodeRecords(identitySchema(), SECRET, everyone.map(identityRecord));
  expect(issues).toEqual([]);
  const lists: Uint8Array[][] = Array.from({ length: parties }, () => []);
  let next = 0;
  for (const [pattern, n] of Object.entries(planned))
    for (let i = 0; i < n; i++, next++)
      for (let p = 0; p < parties; p++) if (pattern[p] === '1') lists[p]!.push(clks[next]!);
  const rng = new Rng(seed + 1);
  return lists.map((l) => rng.shuffle(l));
}

const binary = (clks: Uint8Array[]) => new Uint8Array(Buffer.concat(clks.map((c) => Buffer.from(c))));

describeOnEngines('the entity service API on %s', (engine) => {
  let ts: TestStore;
  let server: RunningServer;
  const lists = partyClks(PLANNED, 3, 2026);
  const issued: string[] = [];
  let projectId = '';
  let resultToken = '';
  let updateTokens: string[] = [];
  const receipts: string[] = [];
  let runId = '';

  beforeAll(async () => {
    ts = await freshStore(engine);
    server = await startServer(ts.store, 0, '127.0.0.1', { open: true });
  });
  afterAll(async () => {
    await server?.close();
    await ts?.cleanup();
  });

  const call = async (
    method: string,
    path: string,
    opts: { token?: string; json?: unknown; body?: Uint8Array<ArrayBuffer>; headers?: Record<string, string> } = {},
  ) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token !== undefined) headers.authorization = opts.token;
    if (opts.json !== undefined) headers['content-type'] = 'application/json';
    const r = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers,
      body: opts.json !== undefined ? JSON.stringify(opts.json) : opts.body,
    });
    const text = await r.text();
    return { status: r.status, body: (text ? JSON.parse(text) : null) as Record<string, unknown> };
  };

  const statusOf = async (token: string) =>
    (await call('GET', `/projects/${projectId}/runs/${runId}/status`, { token })).body as unknown as {
      state: string;
      stages: number;
      current_stage: { number: number; description: string; progress?: { absolute: number; relative: number } };
      time_added: string;
      time_started?: string;
      time_completed?: string;
    };

  it('a session: create, three uploads (JSON, JSON, binary), a run, its status, its result; wrong tokens refused', async () => {
    expect((await call('GET', '/status')).body).toMatchObject({ status: 'ok' });
    expect((await call('GET', '/version')).status).toBe(200);

    // The project: three parties, darkfigure's default result type, k = 5.
    const created = await call('POST', '/projects', {
      json: { schema: IDENTITY_SCHEMA_JSON, number_parties: 3, name: 'three NGOs', notes: 'test' },
    });
    expect(created.status).toBe(201);
    ({
      project_id: projectId,
      result_token: resultToken,
      update_tokens: updateTokens,
    } = created.body as unknown as { project_id: string; result_token: string; update_tokens: string[] });
    expect(projectId).toMatch(/^[0-9a-f]{48}$/);
    expect(resultToken).toMatch(/^[0-9a-f]{48}$/);
    expect(updateTokens).toHaveLength(3);
    issued.push(resultToken, ...updateTokens);
    expect(
      ((await call('GET', '/projects')).body as unknown as Array<{ project_id: string }>).map((p) => p.project_id),
    ).toContain(projectId);
    const described = await call('GET', `/projects/${projectId}`, { token: resultToken });
    expect(described.body).toMatchObject({
      project_id: projectId,
      result_type: 'capture_histories',
      number_parties: 3,
      parties_contributed: 0,
      suppress_below: 5,
    });
    // A bad project names the field; a permutations project must have two parties.
    const bad = await call('POST', '/projects', {
      json: { schema: IDENTITY_SCHEMA_JSON, number_parties: 3, result_type: 'permutations' },
    });
    expect(bad.status).toBe(400);
    expect(String(bad.body.message)).toContain('number_parties');

    // Party 0 uploads {"clks": …}, party 1 {"encodings": …}; each gets a receipt token.
    const up0 = await call('POST', `/projects/${projectId}/clks`, {
      token: updateTokens[0],
      json: { clks: lists[0]!.map(toBase64) },
    });
    expect(up0.status).toBe(201);
    expect(up0.body.receipt_token).toMatch(/^[0-9a-f]{48}$/);
    receipts.push(String(up0.body.receipt_token));
    // The same party again: refused as the entity service refuses it, and nothing changes.
    const again = await call('POST', `/projects/${projectId}/clks`, {
      token: updateTokens[0],
      json: { clks: lists[0]!.slice(0, 5).map(toBase64) },
    });
    expect(again.status).toBe(403);
    expect(String(again.body.message)).toContain('already been used');
    // Bad uploads: no token 401, another project's kind of token 403, a mangled CLK 400 naming the entry.
    expect(
      (await call('POST', `/projects/${projectId}/clks`, { json: { clks: lists[1]!.map(toBase64) } })).status,
    ).toBe(401);
    expect(
      (
        await call('POST', `/projects/${projectId}/clks`, {
          token: resultToken,
          json: { clks: lists[1]!.map(toBase64) },
        })
      ).status,
    ).toBe(403);
    const mangled = await call('POST', `/projects/${projectId}/clks`, {
      token: updateTokens[1],
      json: { clks: ['not base64!', ...lists[1]!.map(toBase64)] },
    });
    expect(mangled.status).toBe(400);
    expect(String(mangled.body.message)).toContain('clks[0]');
    const up1 = await call('POST', `/projects/${projectId}/clks`, {
      token: updateTokens[1],
      json: { encodings: lists[1]!.map(toBase64) },
    });
    expect(up1.status).toBe(201);
    receipts.push(String(up1.body.receipt_token));

    // A run before the last party: created, waiting for CLKs (2 of 3).
    const run = await call('POST', `/projects/${projectId}/runs`, {
      token: resultToken,
      json: { threshold: 0.8, name: 'first' },
    });
    expect(run.status).toBe(201);
    runId = String(run.body.run_id);
    expect(run.body).toMatchObject({ threshold: 0.8, name: 'first' });
    expect(
      (await call('POST', `/projects/${projectId}/runs`, { token: updateTokens[0], json: { threshold: 0.8 } })).status,
    ).toBe(403);
    expect(
      (await call('POST', `/projects/${projectId}/runs`, { token: resultToken, json: { threshold: 1.5 } })).status,
    ).toBe(400);
    const waiting = await statusOf(resultToken);
    expect(waiting).toMatchObject({
      state: 'created',
      stages: 3,
      current_stage: { number: 1, description: 'waiting for CLKs', progress: { absolute: 2 } },
    });
    expect(waiting.current_stage.progress!.relative).toBeCloseTo(2 / 3, 10);
    expect((await call('GET', `/projects/${projectId}/runs/${runId}/result`, { token: resultToken })).status).toBe(404);

    // Party 2 uploads the binary form: Hash-Count CLKs of Hash-Size bytes. A wrong count is refused first.
    const bin = binary(lists[2]!);
    const size = String(lists[2]![0]!.length);
    const headers = (count: number) => ({
      'content-type': 'application/octet-stream',
      'hash-count': String(count),
      'hash-size': size,
    });
    expect(
      (
        await call('POST', `/projects/${projectId}/binaryclks`, {
          token: updateTokens[2],
          body: bin,
          headers: headers(lists[2]!.length + 1),
        })
      ).status,
    ).toBe(400);
    const up2 = await call('POST', `/projects/${projectId}/binaryclks`, {
      token: updateTokens[2],
      body: bin,
      headers: headers(lists[2]!.length),
    });
    expect(up2.status).toBe(201);
    receipts.push(String(up2.body.receipt_token));
    issued.push(...receipts);

    // The last upload queued the run: poll its status until it is done.
    let s = await statusOf(resultToken);
    for (let i = 0; i < 600 && (s.state === 'queued' || s.state === 'running' || s.state === 'created'); i++) {
      await new Promise((r) => setTimeout(r, 50));
      s = await statusOf(resultToken);
    }
    expect(s).toMatchObject({ state: 'completed', stages: 3, current_stage: { number: 3 } });
    expect(s.time_started).toBeTruthy();
    expect(s.time_completed).toBeTruthy();
    expect((await call('GET', `/projects/${projectId}/runs`, { token: resultToken })).body).toEqual([
      { run_id: runId, time_added: expect.any(String), state: 'completed' },
    ]);

    // The full counts (kept in the store) are the planned overlaps exactly.
    const stored = JSON.parse((await ts.store.linkageProjects.listRuns(projectId))[0]!.result!) as {
      captureHistories: Record<string, number>;
    };
    expect(stored.captureHistories).toEqual(PLANNED);

    // The published result: the small cell (011: 3 people) withheld, and every cell that would give it back
    // to a party that knows its own list size, with the people linked at 0.8 (that row withheld in the end);
    // the rest exactly as planned.
    const result = await call('GET', `/projects/${projectId}/runs/${runId}/result`, { token: resultToken });
    expect(result.status).toBe(200);
    expect(result.body.suppression).toEqual({ k: 5, withheld: ['111', '110', '101', '011'] });
    expect(result.body.captureHistories).toEqual({
      '111': null,
      '110': null,
      '101': null,
      '100': 170,
      '011': null,
      '010': 147,
      '001': 127,
    });
    const sens = result.body.thresholdSensitivity as Array<{ threshold: number; linkedPeople: number | null }>;
    expect(sens.find((r) => r.threshold === 0.8)!.linkedPeople).toBeNull();
    expect(sens.filter((r) => r.threshold !== 0.8).every((r) => r.linkedPeople === null || r.linkedPeople >= 5)).toBe(
      true,
    );
    expect(sens.length).toBeGreaterThan(3);

    // Wrong tokens: a made-up one and an update token 403, none 401; a receipt token cannot read a capture-histories result.
    expect((await call('GET', `/projects/${projectId}/runs/${runId}/result`, { token: 'f'.repeat(48) })).status).toBe(
      403,
    );
    expect((await call('GET', `/projects/${projectId}/runs/${runId}/result`, { token: updateTokens[0] })).status).toBe(
      403,
    );
    expect((await call('GET', `/projects/${projectId}/runs/${runId}/result`, { token: receipts[0] })).status).toBe(403);
    expect((await call('GET', `/projects/${projectId}/runs/${runId}/result`)).status).toBe(401);
    expect(
      (await call('GET', `/projects/${projectId}/runs/${'0'.repeat(48)}/result`, { token: resultToken })).status,
    ).toBe(403);
    // Each party may read the project, to check its schema (a darkfigure extension); not its results.
    const asParty = await call('GET', `/projects/${projectId}`, { token: updateTokens[1] });
    expect(asParty.status).toBe(200);
    expect(asParty.body.schema).toBeTruthy();
    expect((await call('GET', `/projects/${projectId}`, { token: resultToken })).body.parties_contributed).toBe(3);
  });

  // The estimate and the other result types once, on SQLite: the store's part is the same code, and LCMCR takes seconds.
  const onSqlite = (name: string, fn: () => Promise<void>) => {
    if (engine === 'sqlite') it(name, fn);
  };

  onSqlite(
    'the pooled estimate of the run: every method with its interval, the pairwise table, the sensitivity',
    async () => {
      expect(
        (await call('GET', `/projects/${projectId}/runs/${runId}/estimate`, { token: updateTokens[0] })).status,
      ).toBe(403);
      const est = await call('GET', `/projects/${projectId}/runs/${runId}/estimate`, { token: resultToken });
      expect(est.status).toBe(200);
      const body = est.body as unknown as {
        lists: string[];
        observed: number | null;
        results: Array<{ method: string; estimate: number; interval: [number, number] }>;
        pairwise: Array<{ lists: [string, string]; both: number | null; estimate: number | null }>;
        thresholdSensitivity: unknown[];
      };
      expect(body.lists).toEqual(['party0', 'party1', 'party2']);
      // From the full counts (577 people observed), though the counts that add up withheld cells are not shown.
      expect(body.observed).toBeNull();
      const ll = body.results.find((m) => m.method === 'loglinear')!;
      expect(ll.estimate).toBeGreaterThanOrEqual(577);
      expect(ll.interval[0]).toBeLessThanOrEqual(ll.estimate);
      expect(ll.interval[1]).toBeGreaterThanOrEqual(ll.estimate);
      // The pairwise table: Chapman on each pair from the full counts (parties 0 and 1 share 100 people,
      // 0 and 2 share 70, 1 and 2 share 43), the shared counts themselves withheld.
      const chapman = (n1: number, n2: number, m: number) => ((n1 + 1) * (n2 + 1)) / (m + 1) - 1;
      expect(body.pairwise.map((p) => p.lists)).toEqual([
        ['party0', 'party1'],
        ['party0', 'party2'],
        ['party1', 'party2'],
      ]);
      expect(body.pairwise.map((p) => p.both)).toEqual([null, null, null]);
      body.pairwise.forEach((p, i) =>
        expect(p.estimate).toBeCloseTo([chapman(300, 250, 100), chapman(300, 200, 70), chapman(250, 200, 43)][i]!, 6),
      );
      expect(body.thresholdSensitivity.length).toBeGreaterThan(3);
      // Computed once, then read from the store.
      expect((await call('GET', `/projects/${projectId}/runs/${runId}/estimate`, { token: resultToken })).body).toEqual(
        est.body,
      );
    },
  );

  it('the audit log and the database hold no token in clear; the log no CLK', async () => {
    const log = await ts.store.linkageProjects.auditLog(projectId);
    const actions = log.map((e) => `${e.action} ${e.role}${e.party === null ? '' : e.party} ${e.outcome}`);
    expect(actions[0]).toBe('project.create local 201 created');
    expect(actions).toContain('upload update0 201 uploaded 300 encodings');
    expect(actions).toContain('upload update0 403 refused');
    expect(actions).toContain('upload update2 201 uploaded 200 encodings');
    expect(actions).toContain('run.create result 201 created');
    expect(actions).toContain('result.read result 200 capture_histories');
    expect(actions).toContain('result.read invalid 403 refused');
    expect(actions).toContain('result.read receipt0 403 refused');
    if (engine === 'sqlite') expect(actions).toContain('estimate.read result 200 ok');
    const dump = [];
    for (const t of ['linkage_projects', 'linkage_parties', 'linkage_runs', 'linkage_audit', 'api_tokens'] as const)
      dump.push(JSON.stringify(await rawHandles(ts.store).db.selectFrom(t).selectAll().execute()));
    const all = dump.join('\n');
    expect(issued).toHaveLength(7);
    for (const token of issued) expect(all.includes(token)).toBe(false);
    const audit = JSON.stringify(log);
    for (const clk of lists[0]!.slice(0, 20)) expect(audit.includes(toBase64(clk))).toBe(false);
  });

  onSqlite(
    'permutations: the mask to the result token, each party its own permutation; groups to the result token only',
    async () => {
      const two = partyClks({ '11': 12, '10': 18, '01': 8 }, 2, 7);
      const p = await call('POST', '/projects', {
        json: { schema: IDENTITY_SCHEMA_JSON, result_type: 'permutations', number_parties: 2 },
      });
      expect(p.status).toBe(201);
      const {
        project_id: pid,
        result_token: rt,
        update_tokens: ut,
      } = p.body as unknown as { project_id: string; result_token: string; update_tokens: string[] };
      const rc: string[] = [];
      for (let i = 0; i < 2; i++)
        rc.push(
          String(
            (await call('POST', `/projects/${pid}/clks`, { token: ut[i], json: { clks: two[i]!.map(toBase64) } })).body
              .receipt_token,
          ),
        );
      const run = await call('POST', `/projects/${pid}/runs`, { token: rt, json: { threshold: 0.8 } });
      const rid = String(run.body.run_id);
      let state = '';
      for (let i = 0; i < 600 && state !== 'completed' && state !== 'error'; i++) {
        state = String((await call('GET', `/projects/${pid}/runs/${rid}/status`, { token: rc[0] })).body.state);
        if (state !== 'completed') await new Promise((r) => setTimeout(r, 50));
      }
      expect(state).toBe('completed');
      const mask = (await call('GET', `/projects/${pid}/runs/${rid}/result`, { token: rt })).body as unknown as {
        mask: number[];
        permutation?: unknown;
      };
      expect(mask.permutation).toBeUndefined();
      expect(mask.mask).toHaveLength(20);
      expect(mask.mask.filter((m) => m === 1)).toHaveLength(12);
      const a = (await call('GET', `/projects/${pid}/runs/${rid}/result`, { token: rc[0] })).body as unknown as {
        permutation: number[];
        rows: number;
        mask?: unknown;
      };
      const b = (await call('GET', `/projects/${pid}/runs/${rid}/result`, { token: rc[1] })).body as unknown as {
        permutation: number[];
        rows: number;
      };
      expect(a.mask).toBeUndefined();
      expect([a.rows, b.rows]).toEqual([20, 20]);
      expect([...a.permutation].sort((x, y) => x - y)).toEqual([...Array(30).keys()]);
      expect([...b.permutation].sort((x, y) => x - y)).toEqual([...Array(20).keys()]);
      // A matched pair lands on the same position in both, where the mask is 1: the same CLK on both sides.
      for (let pos = 0; pos < 20; pos++) {
        if (!mask.mask[pos]) continue;
        const ra = a.permutation.indexOf(pos);
        const rb = b.permutation.indexOf(pos);
        expect(toBase64(two[0]![ra]!)).toBe(toBase64(two[1]![rb]!));
      }
      expect((await call('GET', `/projects/${pid}/runs/${rid}/result`, { token: ut[0] })).status).toBe(403);

      const g = await call('POST', '/projects', {
        json: { schema: IDENTITY_SCHEMA_JSON, result_type: 'groups', number_parties: 2 },
      });
      const {
        project_id: gid,
        result_token: grt,
        update_tokens: gut,
      } = g.body as unknown as { project_id: string; result_token: string; update_tokens: string[] };
      const grc: string[] = [];
      for (let i = 0; i < 2; i++)
        grc.push(
          String(
            (await call('POST', `/projects/${gid}/clks`, { token: gut[i], json: { clks: two[i]!.map(toBase64) } })).body
              .receipt_token,
          ),
        );
      const grid = String(
        (await call('POST', `/projects/${gid}/runs`, { token: grt, json: { threshold: 0.8 } })).body.run_id,
      );
      let gs = '';
      for (let i = 0; i < 600 && gs !== 'completed' && gs !== 'error'; i++) {
        gs = String((await call('GET', `/projects/${gid}/runs/${grid}/status`, { token: grt })).body.state);
        if (gs !== 'completed') await new Promise((r) => setTimeout(r, 50));
      }
      const groups = (await call('GET', `/projects/${gid}/runs/${grid}/result`, { token: grt })).body as unknown as {
        groups: Array<Array<[number, number]>>;
      };
      expect(groups.groups).toHaveLength(12);
      for (const grp of groups.groups) expect(toBase64(two[0]![grp[0]![1]]!)).toBe(toBase64(two[1]![grp[1]![1]]!));
      expect((await call('GET', `/projects/${gid}/runs/${grid}/result`, { token: grc[0] })).status).toBe(403);
      expect((await call('GET', `/projects/${gid}/runs/${grid}/status`, { token: grc[0] })).status).toBe(403);
      // Deleting a project (result token only) removes it and its runs.
      expect((await call('DELETE', `/projects/${gid}`, { token: gut[0] })).status).toBe(403);
      expect((await call('DELETE', `/projects/${gid}`, { token: grt })).status).toBe(204);
      expect((await call('GET', `/projects/${gid}`, { token: grt })).status).toBe(403);
    },
  );
});

it('a server that is not open: creating a project needs a darkfigure token with scope upload', async () => {
  const ts = await freshStore('sqlite');
  try {
    const app = createApp({ store: ts.store });
    const post = (headers: Record<string, string>) =>
      app.request('/api/v1/projects', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ schema: IDENTITY_SCHEMA_JSON, number_parties: 2 }),
      });
    expect((await post({})).status).toBe(403);
    const { createToken } = await import('../../src/analyses/tokens.ts');
    const sim = await createToken(ts.store, { scopes: ['sim'] });
    expect((await post({ authorization: `Bearer ${sim.token}` })).status).toBe(403);
    const up = await createToken(ts.store, { scopes: ['upload'] });
    const ok = await post({ authorization: `Bearer ${up.token}` });
    expect(ok.status).toBe(201);
    expect((await ts.store.linkageProjects.auditLog()).map((e) => `${e.role} ${e.outcome}`)).toEqual([
      'anonymous 403 refused',
      `darkfigure:${sim.info.id} 403 refused`,
      `darkfigure:${up.info.id} 201 created`,
    ]);
    const { project_id: pid, update_tokens: ut } = (await ok.json()) as { project_id: string; update_tokens: string[] };
    // Binary uploads take application/octet-stream only, and a body far above the server's usual 256 KiB.
    const bin = (token: string, body: Uint8Array<ArrayBuffer>, type = 'application/octet-stream') =>
      app.request(`/api/v1/projects/${pid}/binaryclks`, {
        method: 'POST',
        headers: {
          'content-type': type,
          authorization: token,
          'hash-count': String(body.length / 128),
          'hash-size': '128',
        },
        body,
      });
    expect((await bin(ut[0]!, new Uint8Array(128), 'text/plain')).status).toBe(415);
    const many = new Uint8Array(3000 * 128).map((_, i) => (i * 2654435761) >>> 24);
    expect((await bin(ut[0]!, many)).status).toBe(201);
    // The schema says 128 bytes: 64-byte encodings are refused, naming the size.
    const small = await app.request(`/api/v1/projects/${pid}/binaryclks`, {
      method: 'POST',
      headers: {
        'content-type': 'application/octet-stream',
        authorization: ut[1]!,
        'hash-count': '2',
        'hash-size': '64',
      },
      body: new Uint8Array(128),
    });
    expect(small.status).toBe(400);
    expect(((await small.json()) as { message: string }).message).toContain('128 bytes');
    // No object store here: the entity service's answer when its administrator turned that off.
    expect(
      (await app.request(`/api/v1/projects/${pid}/authorize-external-upload`, { headers: { authorization: ut[1]! } }))
        .status,
    ).toBe(500);
    // Other routes keep the server's limit.
    const big = await app.request('/api/v1/projects', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${up.token}` },
      body: JSON.stringify({ schema: IDENTITY_SCHEMA_JSON, notes: 'x'.repeat(300_000) }),
    });
    expect(big.status).toBe(413);
  } finally {
    await ts.cleanup();
  }
});

describe.skipIf(!services().redis)('runs on BullMQ workers', () => {
  it('a run goes to whichever worker serves the queue, and its counts are the planned ones', async () => {
    const ts = await freshStore('sqlite');
    const queueName = `darkfigure-linkage-test-${process.pid}-${Date.now()}`;
    const kinds: string[] = [];
    const worker = startQueueWorker({
      redis: REDIS_URL,
      queue: queueName,
      onJob: (e) => kinds.push(`${e.kind} ${e.state}`),
    });
    const runner = new QueueRunner({ redis: REDIS_URL, queue: queueName });
    const work = new WorkQueue({ concurrency: 1 });
    const mse = new MsePool();
    try {
      const { routes } = entityServiceRoutes({ store: ts.store, queue: work, msePool: mse, open: true, runner });
      const req = async (method: string, path: string, token?: string, json?: unknown) => {
        const r = await routes.request(path, {
          method,
          headers: {
            ...(token ? { authorization: token } : {}),
            ...(json ? { 'content-type': 'application/json' } : {}),
          },
          body: json ? JSON.stringify(json) : undefined,
        });
        return (await r.json()) as Record<string, unknown>;
      };
      const planned = { '11': 15, '10': 25, '01': 10 };
      const two = partyClks(planned, 2, 11);
      const p = (await req('POST', '/projects', undefined, { schema: IDENTITY_SCHEMA_JSON })) as {
        project_id: string;
        result_token: string;
        update_tokens: string[];
      };
      for (let i = 0; i < 2; i++)
        await req('POST', `/projects/${p.project_id}/clks`, p.update_tokens[i], { clks: two[i]!.map(toBase64) });
      const run = await req('POST', `/projects/${p.project_id}/runs`, p.result_token, { threshold: 0.8 });
      let state = '';
      for (let i = 0; i < 600 && state !== 'completed' && state !== 'error'; i++) {
        state = String(
          (await req('GET', `/projects/${p.project_id}/runs/${String(run.run_id)}/status`, p.result_token)).state,
        );
        if (state !== 'completed') await new Promise((r) => setTimeout(r, 50));
      }
      expect(state).toBe('completed');
      expect(kinds).toEqual(['linkage.run started', 'linkage.run completed']);
      expect(JSON.parse((await ts.store.linkageProjects.listRuns(p.project_id))[0]!.result!).captureHistories).toEqual(
        planned,
      );
    } finally {
      await work.close();
      await runner.close();
      await worker.close();
      await mse.close();
      await ts.cleanup();
    }
  });
});
