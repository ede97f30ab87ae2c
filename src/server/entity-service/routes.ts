/**
 * The REST API of CSIRO Data61's anonlink-entity-service (api/v1, its openapi.yaml), so that its clients
 * can use darkfigure as their server, plus two darkfigure extensions: the "capture_histories" result type
 * (the default: pattern counts and the threshold sensitivity, small cells withheld) and a run's pooled
 * capture–recapture estimate. docs/linkage-service.md lists every endpoint against the entity service's.
 *
 * Access follows the entity service: a project's tokens go bare in `Authorization`; an unknown project
 * or run and a wrong token are 403 (one message, so ids cannot be probed), a missing token 401.
 * Creating a project needs a darkfigure token with scope `upload` unless the server is open (loopback).
 */
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { type Runner, CancelledError, QueueFullError, type WorkQueue } from '../../jobs/index.ts';
import { parseSchema, SchemaError } from '../../linkage/index.ts';
import { DEFAULT_MIN_CELL } from '../../stats/index.ts';
import type { Store, ProjectRow, RunRow, TokenRole } from '../../store/index.ts';
import { Gate } from '../access.ts';
import type { MsePool } from '../mse-pool.ts';
import { hashToken } from '../../analyses/index.ts';
import { parseBinaryUpload, parseJsonUpload, UploadError, type ParsedUpload } from './clk-upload.ts';
import { newCode, problem, tokenOf } from './codes.ts';
import { publishEstimate, suppressHistories } from './publish.ts';
import { LinkageRuns, type StoredResult } from './runs.ts';

export const INVALID_ACCESS_MSG = "Invalid access token or project doesn't exist";

/** "capture_histories" is darkfigure's (and its default); "groups" and "permutations" are the entity service's. */
export const RESULT_TYPES = ['capture_histories', 'groups', 'permutations'] as const;
export type ResultType = (typeof RESULT_TYPES)[number];

const VERSION = '0.1.0';

const NewProject = z.object({
  schema: z.record(z.string(), z.unknown()),
  result_type: z.enum(RESULT_TYPES).default('capture_histories'),
  number_parties: z.number().int().min(2).max(10).default(2),
  name: z.string().max(1000).default(''),
  notes: z.string().max(10_000).default(''),
  /** darkfigure extension: published counts from 1 to this − 1 are withheld. */
  suppress_below: z.number().int().min(1).max(1000).default(DEFAULT_MIN_CELL),
});

const NewRun = z.object({
  threshold: z.number().gt(0, 'threshold must be above 0').lte(1, 'threshold must be at most 1'),
  name: z.string().max(1000).default(''),
  notes: z.string().max(10_000).default(''),
});

const issuesOf = (e: z.ZodError) => e.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');

/** The run's stages, as the entity service numbers and words them. */
const STAGES = { 1: 'waiting for CLKs', 2: 'compute similarity scores', 3: 'compute output' } as const;

export interface EntityServiceOptions {
  store: Store;
  /** The server's one queue of compute: runs and estimates wait in it. */
  queue: WorkQueue;
  /** Where capture–recapture runs (the /api/mse route's pool). */
  msePool: MsePool;
  /** Local mode: anyone may create projects (the server binds loopback only). */
  open: boolean;
  /** The job runner for linkage runs (default: a worker thread per run); a QueueRunner shares runs over BullMQ. */
  runner?: Runner;
}

type Role = TokenRole;
type Authorised = { project: ProjectRow; role: Role; run?: RunRow };

const roleName = (r: Role | null | undefined, token: string | undefined) =>
  r ? r.role : token ? 'invalid' : 'anonymous';
const partyOf = (r: Role | null | undefined) => (r && r.role !== 'result' ? r.party : null);

/** The routes under /api/v1, to mount with app.route('/api/v1', …). */
export function entityServiceRoutes(opts: EntityServiceOptions): { routes: Hono; runs: LinkageRuns } {
  const { store, queue, msePool } = opts;
  const gate = new Gate(store, opts.open);
  const runs = new LinkageRuns(store, queue, opts.runner);
  const api = new Hono();
  const log = (e: {
    project_id: string | null;
    run_id?: string | null;
    action: string;
    role: string;
    party?: number | null;
    outcome: string;
  }) =>
    store.linkageProjects.audit({
      project_id: e.project_id,
      run_id: e.run_id ?? null,
      action: e.action,
      role: e.role,
      party: e.party ?? null,
      outcome: e.outcome,
    });

  /**
   * The project (and run) and the caller's role, or the refusal (audited): unknown project or run 403,
   * no token 401, a token of another role than `allow` 403.
   */
  const authorise = async (
    c: Context,
    action: string,
    allow: (role: Role, project: ProjectRow) => boolean,
    runId?: string,
  ): Promise<Authorised | Response> => {
    const projectId = c.req.param('project_id') ?? '';
    const token = tokenOf(c);
    const project = await store.linkageProjects.getProject(projectId);
    const run = project && runId !== undefined ? await store.linkageProjects.getRun(projectId, runId) : undefined;
    const refuse = async (status: 401 | 403, role: Role | null, message: string) => {
      // Refusals at a project are logged; probes of ids that do not exist are not (they would only fill the log).
      if (project)
        await log({
          project_id: projectId,
          run_id: run ? runId : null,
          action,
          role: roleName(role, token),
          party: partyOf(role),
          outcome: `${status} refused`,
        });
      return problem(c, status, message);
    };
    const role =
      project && token && token.length <= 200
        ? await store.linkageProjects.tokenRole(projectId, hashToken(token))
        : null;
    // The entity service's order: the resources first (403), then the token's presence (401), then its role (403).
    if (!project || (runId !== undefined && !run)) return refuse(403, role, INVALID_ACCESS_MSG);
    if (!token) return refuse(401, null, 'Authentication token required');
    if (!role || !allow(role, project)) return refuse(403, role, INVALID_ACCESS_MSG);
    return { project, role, run };
  };
  const resultOnly = (r: Role) => r.role === 'result';
  /** The entity service's get_authorization_token_type_or_abort: the result token, or a receipt token when the result type is permutations. */
  const resultOrReceipt = (r: Role, p: ProjectRow) =>
    r.role === 'result' || (r.role === 'receipt' && p.result_type === 'permutations');
  const ok = (a: Authorised, action: string, outcome: string) =>
    log({
      project_id: a.project.project_id,
      run_id: a.run?.run_id,
      action,
      role: a.role.role,
      party: partyOf(a.role),
      outcome,
    });

  api.get('/status', async (c) => {
    const n = (await store.linkageProjects.listProjects()).length;
    return c.json({ status: 'ok', project_count: n, rate: runs.rate });
  });

  api.get('/version', (c) =>
    c.json({
      anonlink: `darkfigure ${VERSION} (src/linkage)`,
      entityservice: `darkfigure ${VERSION}`,
      python: 'none: darkfigure runs on Node.js',
      node: process.versions.node,
    }),
  );

  api.get('/projects', async (c) => c.json(await store.linkageProjects.listProjects()));

  api.post('/projects', async (c) => {
    const someone = await gate.identify(c, 'upload');
    const who = someone instanceof Response ? someone : gate.allow(c, someone, 'upload');
    if (who instanceof Response) {
      // The entity service answers a refused creation with 403 (darkfigure's gate says 401 without a token).
      const role = someone instanceof Response ? (tokenOf(c) ? 'invalid' : 'anonymous') : `darkfigure:${someone.id}`;
      await log({ project_id: null, action: 'project.create', role, outcome: '403 refused' });
      return problem(
        c,
        403,
        'creating a project on this server needs a darkfigure token with scope "upload" (Authorization: Bearer <token>; darkfigure token create --scope upload), or a local server (serve --open)',
      );
    }
    const creator = who.id === 'local' ? 'local' : `darkfigure:${who.id}`;
    const body: unknown = await c.req.json().catch(() => undefined);
    const req = NewProject.safeParse(body);
    const bad = async (message: string) => {
      await log({ project_id: null, action: 'project.create', role: creator, outcome: '400 bad request' });
      return problem(c, 400, message);
    };
    if (!req.success) {
      const t = (body as { result_type?: unknown } | undefined)?.result_type;
      if (t === 'similarity_scores')
        return bad(
          'result_type "similarity_scores" is not offered by this server: it would publish every pairwise score; use "capture_histories" (default), "groups" or "permutations"',
        );
      return bad(issuesOf(req.error));
    }
    const p = req.data;
    if (p.result_type === 'permutations' && p.number_parties !== 2)
      return bad(
        'number_parties: the result type "permutations" links exactly 2 parties; use "groups" or "capture_histories" for more',
      );
    let encodingSize: number | null;
    try {
      const l = parseSchema(p.schema).l;
      encodingSize = l % 8 === 0 ? l / 8 : null;
    } catch (e) {
      if (e instanceof SchemaError) return bad(`schema: ${e.message}`);
      throw e;
    }
    const projectId = newCode();
    const resultToken = newCode();
    const updateTokens = Array.from({ length: p.number_parties }, newCode);
    await store.linkageProjects.insertProject({
      projectId,
      name: p.name,
      notes: p.notes,
      schemaJson: JSON.stringify(p.schema),
      resultType: p.result_type,
      numberParties: p.number_parties,
      suppressBelow: p.suppress_below,
      encodingSize,
      resultTokenHash: hashToken(resultToken),
      updateTokenHashes: updateTokens.map(hashToken),
      createdBy: creator,
      timeAdded: new Date().toISOString(),
    });
    await log({ project_id: projectId, action: 'project.create', role: creator, outcome: '201 created' });
    return c.json({ project_id: projectId, result_token: resultToken, update_tokens: updateTokens }, 201);
  });

  // Update tokens may read it too (a darkfigure extension, docs/linkage-service.md): the spec says each
  // participant can see the schema to check it, and the encoding page takes the schema from here.
  api.get('/projects/:project_id', async (c) => {
    const a = await authorise(c, 'project.read', (r, p) => resultOrReceipt(r, p) || r.role === 'update');
    if (a instanceof Response) return a;
    const parties = await store.linkageProjects.partyStates(a.project.project_id);
    await ok(a, 'project.read', '200 ok');
    const p = a.project;
    return c.json({
      project_id: p.project_id,
      schema: JSON.parse(p.schema_json) as unknown,
      result_type: p.result_type,
      number_parties: p.number_parties,
      name: p.name,
      notes: p.notes,
      parties_contributed: parties.filter((x) => x.upload_state === 'done').length,
      error: false,
      suppress_below: p.suppress_below,
    });
  });

  api.delete('/projects/:project_id', async (c) => {
    const a = await authorise(c, 'project.delete', resultOnly);
    if (a instanceof Response) return a;
    for (const r of await store.linkageProjects.listRuns(a.project.project_id)) runs.cancel(r.run_id);
    await store.linkageProjects.deleteProject(a.project.project_id);
    await ok(a, 'project.delete', '204 deleted');
    return c.body(null, 204);
  });

  /** Both upload routes: the update token's party uploads once; the last upload queues the project's runs. */
  const upload = (read: (c: Context) => Promise<ParsedUpload>) => async (c: Context) => {
    const a = await authorise(c, 'upload', (r) => r.role === 'update');
    if (a instanceof Response) return a;
    const party = (a.role as { party: number }).party;
    const projectId = a.project.project_id;
    const states = await store.linkageProjects.partyStates(projectId);
    const refuse = async (status: 400 | 403, message: string) => {
      await ok(a, 'upload', `${status} refused`);
      return problem(c, status, message);
    };
    // The project was made with one row per party (0..n-1, in order), and the token names one of them.
    if (states[party]!.upload_state !== 'not_started')
      return refuse(403, 'This token has already been used to upload clks.');
    let parsed: ParsedUpload;
    try {
      parsed = await read(c);
    } catch (e) {
      if (e instanceof UploadError) return refuse(400, e.message);
      throw e;
    }
    // One encoding size per project: the schema's, else the first upload's.
    const expected = a.project.encoding_size ?? states.find((s) => s.size !== null)?.size ?? null;
    if (expected !== null && parsed.size !== expected)
      return refuse(
        400,
        `encodings of ${parsed.size} bytes, but this project's are ${expected} bytes (Hash-Size or the CLK length does not match the schema)`,
      );
    const receipt = newCode();
    if (
      !(await store.linkageProjects.storeUpload(
        projectId,
        { party, ...parsed },
        hashToken(receipt),
        new Date().toISOString(),
      ))
    )
      return refuse(403, 'This token has already been used to upload clks.');
    await ok(a, 'upload', `201 uploaded ${parsed.count} encodings`);
    await runs.kick(projectId);
    return c.json({ message: 'Updated', receipt_token: receipt }, 201);
  };

  api.post(
    '/projects/:project_id/clks',
    upload(async (c) =>
      parseJsonUpload(
        await c.req.json().catch(() => {
          throw new UploadError('the body is not valid JSON');
        }),
      ),
    ),
  );

  api.post(
    '/projects/:project_id/binaryclks',
    upload(async (c) => {
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'application/octet-stream')
        throw new UploadError('binary upload takes Content-Type: application/octet-stream');
      return parseBinaryUpload(
        new Uint8Array(await c.req.arrayBuffer()),
        c.req.header('hash-count'),
        c.req.header('hash-size'),
      );
    }),
  );

  // The entity service answers 500 here when its administrator disabled object-store uploads; darkfigure has none.
  api.get('/projects/:project_id/authorize-external-upload', async (c) => {
    const a = await authorise(c, 'upload.external', (r) => r.role === 'update');
    if (a instanceof Response) return a;
    await ok(a, 'upload.external', '500 disabled');
    return problem(
      c,
      500,
      'object store uploads are not offered by this server: upload to /clks (JSON) or /binaryclks (binary)',
    );
  });

  const runDescription = (r: RunRow) => ({ run_id: r.run_id, name: r.name, notes: r.notes, threshold: r.threshold });

  api.get('/projects/:project_id/runs', async (c) => {
    const a = await authorise(c, 'run.list', resultOnly);
    if (a instanceof Response) return a;
    await ok(a, 'run.list', '200 ok');
    return c.json(
      (await store.linkageProjects.listRuns(a.project.project_id)).map((r) => ({
        run_id: r.run_id,
        time_added: r.time_added,
        state: r.state,
      })),
    );
  });

  api.post('/projects/:project_id/runs', async (c) => {
    const a = await authorise(c, 'run.create', resultOnly);
    if (a instanceof Response) return a;
    const req = NewRun.safeParse(await c.req.json().catch(() => undefined));
    if (!req.success) {
      await ok(a, 'run.create', '400 bad request');
      return problem(c, 400, issuesOf(req.error));
    }
    const run = await store.linkageProjects.insertRun({
      run_id: newCode(),
      project_id: a.project.project_id,
      name: req.data.name,
      notes: req.data.notes,
      threshold: req.data.threshold,
      time_added: new Date().toISOString(),
    });
    await log({
      project_id: a.project.project_id,
      run_id: run.run_id,
      action: 'run.create',
      role: 'result',
      outcome: '201 created',
    });
    await runs.kick(a.project.project_id);
    return c.json(runDescription(run), 201);
  });

  api.get('/projects/:project_id/runs/:run_id', async (c) => {
    const a = await authorise(c, 'run.read', resultOnly, c.req.param('run_id'));
    if (a instanceof Response) return a;
    await ok(a, 'run.read', '200 ok');
    return c.json(runDescription(a.run!));
  });

  api.delete('/projects/:project_id/runs/:run_id', async (c) => {
    const a = await authorise(c, 'run.delete', resultOnly, c.req.param('run_id'));
    if (a instanceof Response) return a;
    runs.cancel(a.run!.run_id);
    await store.linkageProjects.deleteRun(a.run!.run_id);
    await ok(a, 'run.delete', '204 deleted');
    return c.body(null, 204);
  });

  api.get('/projects/:project_id/runs/:run_id/status', async (c) => {
    const a = await authorise(c, 'run.status', resultOrReceipt, c.req.param('run_id'));
    if (a instanceof Response) return a;
    // A created run whose parties have all uploaded waits for a full queue (or a restart): try it again now.
    if (a.run!.state === 'created') await runs.kick(a.project.project_id);
    const r = (await store.linkageProjects.getRun(a.project.project_id, a.run!.run_id)) ?? a.run!;
    const stage = r.stage as 1 | 2 | 3;
    const current: Record<string, unknown> = {
      number: stage,
      description: STAGES[stage] ?? 'there is no description for this stage',
    };
    if (stage === 1) {
      const uploaded = await store.linkageProjects.partiesUploaded(a.project.project_id);
      current.progress = {
        absolute: uploaded,
        relative: uploaded / a.project.number_parties,
        description: 'number of parties already contributed',
      };
    }
    const status: Record<string, unknown> = {
      state: r.state,
      time_added: r.time_added,
      stages: 3,
      current_stage: current,
    };
    if (r.time_started) status.time_started = r.time_started;
    if (r.state === 'completed') status.time_completed = r.time_completed;
    if (r.state === 'error') status.message = r.error ?? 'error during computation of run';
    await ok(a, 'run.status', '200 ok');
    return c.json(status);
  });

  api.get('/projects/:project_id/runs/:run_id/result', async (c) => {
    // The token first (the entity service looks at the run's state first): a wrong token learns nothing.
    const a = await authorise(c, 'result.read', resultOrReceipt, c.req.param('run_id'));
    if (a instanceof Response) return a;
    const r = a.run!;
    if (r.state === 'error') {
      await ok(a, 'result.read', '500 run failed');
      return problem(c, 500, 'Error during computation of run');
    }
    if (r.state !== 'completed' || !r.result) {
      await ok(a, 'result.read', '404 not complete');
      return problem(c, 404, 'run is not complete');
    }
    const result = JSON.parse(r.result) as StoredResult;
    const p = a.project;
    await ok(a, 'result.read', `200 ${p.result_type}${a.role.role === 'receipt' ? ' permutation' : ''}`);
    if (p.result_type === 'groups') return c.json({ groups: result.groups ?? [] });
    if (p.result_type === 'permutations') {
      const perm = result.permutations!;
      if (a.role.role === 'receipt') return c.json({ permutation: perm.permutations[a.role.party], rows: perm.rows });
      return c.json({ mask: perm.mask });
    }
    const pub = suppressHistories(
      p.number_parties,
      result.captureHistories,
      result.thresholdSensitivity,
      p.suppress_below,
      r.threshold,
    );
    return c.json({
      result_type: 'capture_histories',
      lists: partyNames(p.number_parties),
      threshold: r.threshold,
      captureHistories: pub.captureHistories,
      thresholdSensitivity: pub.thresholdSensitivity,
      suppression: { k: pub.k, withheld: pub.withheld },
    });
  });

  // darkfigure extension: the pooled capture–recapture estimate of a completed run, from its full counts.
  api.get('/projects/:project_id/runs/:run_id/estimate', async (c) => {
    const a = await authorise(c, 'estimate.read', resultOnly, c.req.param('run_id'));
    if (a instanceof Response) return a;
    const r = a.run!;
    if (r.state !== 'completed' || !r.result) {
      await ok(a, 'estimate.read', '404 not complete');
      return problem(c, 404, 'run is not complete');
    }
    if (r.estimate) {
      await ok(a, 'estimate.read', '200 ok');
      return c.json(JSON.parse(r.estimate) as unknown);
    }
    const result = JSON.parse(r.result) as StoredResult;
    const p = a.project;
    const lists = partyNames(p.number_parties);
    const text = JSON.stringify({
      lists,
      captureHistories: result.captureHistories,
      thresholdSensitivity: result.thresholdSensitivity,
    });
    let out;
    try {
      out = await queue.submit({
        owner: `linkage-estimate:${p.project_id}`,
        maxForOwner: 1,
        signal: c.req.raw.signal,
        run: (signal) => msePool.run({ kind: 'upload', name: `run ${r.run_id}`, text, seed: 1 }, signal),
      }).done;
    } catch (e) {
      if (!(e instanceof QueueFullError) && !(e instanceof CancelledError)) throw e;
      await ok(a, 'estimate.read', '503 busy');
      if (e instanceof QueueFullError) return problem(c, 503, e.message, { 'retry-after': String(e.retryAfterS) });
      return problem(c, 503, `cancelled: ${e.message}`);
    }
    if (!out.ok) {
      await ok(a, 'estimate.read', '409 no estimate');
      return problem(c, 409, `no capture–recapture estimate for this run: ${out.error}`);
    }
    const published = publishEstimate(
      out.result,
      suppressHistories(
        p.number_parties,
        result.captureHistories,
        result.thresholdSensitivity,
        p.suppress_below,
        r.threshold,
      ),
    );
    const body = { run_id: r.run_id, threshold: r.threshold, ...published };
    await store.linkageProjects.updateRun(r.run_id, { estimate: JSON.stringify(body) });
    await ok(a, 'estimate.read', '200 ok');
    return c.json(body);
  });

  api.all('*', (c) => problem(c, 404, 'not found'));

  return { routes: api, runs };
}

/** The lists of a project as capture–recapture names them: party0, party1, … (the entity service's dataset indices). */
export const partyNames = (n: number): string[] => Array.from({ length: n }, (_, i) => `party${i}`);
