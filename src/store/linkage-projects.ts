/**
 * The linkage service's rows (migration 007): projects, their parties' uploads, runs and the audit log.
 * Routes call `store.linkageProjects`, never SQL. Tokens arrive here already hashed.
 */
import { randomBytes } from 'node:crypto';
import { type Db, inTransaction } from './handles.ts';
import type { LinkageAuditTable, LinkageProjectsTable, LinkageRunsTable } from './schema.ts';

export type ProjectRow = LinkageProjectsTable;
export type RunRow = LinkageRunsTable;
export type AuditRow = LinkageAuditTable;

export type RunState = 'created' | 'queued' | 'running' | 'completed' | 'error';

export interface NewProjectRow {
  projectId: string;
  name: string;
  notes: string;
  schemaJson: string;
  resultType: string;
  numberParties: number;
  suppressBelow: number;
  encodingSize: number | null;
  resultTokenHash: string;
  /** One per party, in party order. */
  updateTokenHashes: string[];
  createdBy: string;
  timeAdded: string;
}

/** A token's place in a project: the result token, or a party's update or receipt token. */
export type TokenRole = { role: 'result' } | { role: 'update'; party: number } | { role: 'receipt'; party: number };

export interface PartyUpload {
  party: number;
  count: number;
  size: number;
  clks: Uint8Array;
}

// Integer columns read back as numbers on both engines (PostgreSQL integer is int4); kept explicit anyway.
const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

const toProject = (r: ProjectRow): ProjectRow => ({
  ...r,
  number_parties: Number(r.number_parties),
  suppress_below: Number(r.suppress_below),
  encoding_size: num(r.encoding_size),
});
const toRun = (r: RunRow): RunRow => ({ ...r, threshold: Number(r.threshold), stage: Number(r.stage) });

/** The linkage service's tables (`store.linkageProjects`). */
export class LinkageProjects {
  constructor(private readonly db: Db) {}

  /** The project and one row per party, in one transaction. */
  async insertProject(p: NewProjectRow): Promise<void> {
    await inTransaction(this.db, async (tx) => {
      await tx
        .insertInto('linkage_projects')
        .values({
          project_id: p.projectId,
          name: p.name,
          notes: p.notes,
          schema_json: p.schemaJson,
          result_type: p.resultType,
          number_parties: p.numberParties,
          suppress_below: p.suppressBelow,
          encoding_size: p.encodingSize,
          result_token_hash: p.resultTokenHash,
          created_by: p.createdBy,
          time_added: p.timeAdded,
        })
        .execute();
      await tx
        .insertInto('linkage_parties')
        .values(
          p.updateTokenHashes.map((h, party) => ({
            project_id: p.projectId,
            party,
            update_token_hash: h,
            receipt_token_hash: null,
            upload_state: 'not_started',
            count: null,
            size: null,
            clks: null,
            uploaded_at: null,
          })),
        )
        .execute();
    });
  }

  async listProjects(): Promise<Array<{ project_id: string; time_added: string }>> {
    return this.db
      .selectFrom('linkage_projects')
      .select(['project_id', 'time_added'])
      .orderBy('time_added')
      .orderBy('project_id')
      .execute();
  }

  async getProject(projectId: string): Promise<ProjectRow | undefined> {
    const r = await this.db
      .selectFrom('linkage_projects')
      .selectAll()
      .where('project_id', '=', projectId)
      .executeTakeFirst();
    return r ? toProject(r) : undefined;
  }

  /** Removes the project, its uploads and its runs (the audit log stays). */
  async deleteProject(projectId: string): Promise<void> {
    await inTransaction(this.db, async (tx) => {
      await tx.deleteFrom('linkage_runs').where('project_id', '=', projectId).execute();
      await tx.deleteFrom('linkage_parties').where('project_id', '=', projectId).execute();
      await tx.deleteFrom('linkage_projects').where('project_id', '=', projectId).execute();
    });
  }

  /** What a (hashed) token is in this project, or null. */
  async tokenRole(projectId: string, tokenHash: string): Promise<TokenRole | null> {
    const p = await this.db
      .selectFrom('linkage_projects')
      .select('project_id')
      .where('project_id', '=', projectId)
      .where('result_token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (p) return { role: 'result' };
    const u = await this.db
      .selectFrom('linkage_parties')
      .select('party')
      .where('project_id', '=', projectId)
      .where('update_token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (u) return { role: 'update', party: Number(u.party) };
    const r = await this.db
      .selectFrom('linkage_parties')
      .select('party')
      .where('project_id', '=', projectId)
      .where('receipt_token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (r) return { role: 'receipt', party: Number(r.party) };
    return null;
  }

  /** Each party's upload state and shape (no CLKs). */
  async partyStates(
    projectId: string,
  ): Promise<Array<{ party: number; upload_state: string; count: number | null; size: number | null }>> {
    const rows = await this.db
      .selectFrom('linkage_parties')
      .select(['party', 'upload_state', 'count', 'size'])
      .where('project_id', '=', projectId)
      .orderBy('party')
      .execute();
    return rows.map((r) => ({
      party: Number(r.party),
      upload_state: r.upload_state,
      count: num(r.count),
      size: num(r.size),
    }));
  }

  async partiesUploaded(projectId: string): Promise<number> {
    return (await this.partyStates(projectId)).filter((p) => p.upload_state === 'done').length;
  }

  /**
   * Stores a party's CLKs once: false (nothing written) when this party has uploaded already. The
   * conditional update is the lock, so two uploads racing with one token cannot both land.
   */
  async storeUpload(projectId: string, upload: PartyUpload, receiptTokenHash: string, at: string): Promise<boolean> {
    const r = await this.db
      .updateTable('linkage_parties')
      .set({
        upload_state: 'done',
        count: upload.count,
        size: upload.size,
        clks: upload.clks,
        receipt_token_hash: receiptTokenHash,
        uploaded_at: at,
      })
      .where('project_id', '=', projectId)
      .where('party', '=', upload.party)
      .where('upload_state', '=', 'not_started')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Every party's CLKs, in party order (only once all have uploaded). */
  async uploads(projectId: string): Promise<PartyUpload[]> {
    const rows = await this.db
      .selectFrom('linkage_parties')
      .select(['party', 'count', 'size', 'clks', 'upload_state'])
      .where('project_id', '=', projectId)
      .orderBy('party')
      .execute();
    if (rows.some((r) => r.upload_state !== 'done' || r.clks === null)) throw new Error('not every party has uploaded');
    return rows.map((r) => ({
      party: Number(r.party),
      count: Number(r.count),
      size: Number(r.size),
      clks: new Uint8Array(r.clks!),
    }));
  }

  async insertRun(
    run: Pick<RunRow, 'run_id' | 'project_id' | 'name' | 'notes' | 'threshold' | 'time_added'>,
  ): Promise<RunRow> {
    const row: RunRow = {
      ...run,
      state: 'created',
      stage: 1,
      time_started: null,
      time_completed: null,
      error: null,
      result: null,
      estimate: null,
    };
    await this.db.insertInto('linkage_runs').values(row).execute();
    return row;
  }

  async listRuns(projectId: string): Promise<RunRow[]> {
    const rows = await this.db
      .selectFrom('linkage_runs')
      .selectAll()
      .where('project_id', '=', projectId)
      .orderBy('time_added')
      .orderBy('run_id')
      .execute();
    return rows.map(toRun);
  }

  async getRun(projectId: string, runId: string): Promise<RunRow | undefined> {
    const r = await this.db
      .selectFrom('linkage_runs')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('run_id', '=', runId)
      .executeTakeFirst();
    return r ? toRun(r) : undefined;
  }

  /** Moves a run on; with `from`, only when it is still in one of those states (false otherwise). */
  async updateRun(
    runId: string,
    set: Partial<Omit<RunRow, 'run_id' | 'project_id'>>,
    from?: RunState[],
  ): Promise<boolean> {
    let q = this.db.updateTable('linkage_runs').set(set).where('run_id', '=', runId);
    if (from) q = q.where('state', 'in', from);
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async deleteRun(runId: string): Promise<void> {
    await this.db.deleteFrom('linkage_runs').where('run_id', '=', runId).execute();
  }

  /** Appends to the audit log. */
  async audit(e: Omit<AuditRow, 'id' | 'at'> & { at?: string }): Promise<void> {
    await this.db
      .insertInto('linkage_audit')
      .values({
        id: randomBytes(12).toString('hex'),
        at: e.at ?? new Date().toISOString(),
        project_id: e.project_id,
        run_id: e.run_id,
        action: e.action,
        role: e.role,
        party: e.party,
        outcome: e.outcome,
      })
      .execute();
  }

  /** The audit log, oldest first (of one project, or all). */
  async auditLog(projectId?: string): Promise<AuditRow[]> {
    let q = this.db.selectFrom('linkage_audit').selectAll();
    if (projectId) q = q.where('project_id', '=', projectId);
    const rows = await q.orderBy('at').orderBy('id').execute();
    return rows.map((r) => ({ ...r, party: num(r.party) }));
  }
}
