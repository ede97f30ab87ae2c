/**
 * The linkage service's REST API (/api/v1, the anonlink entity service's), as the encoding and project
 * pages call it: every call carries the token in `Authorization`, as the entity service's clients do.
 * Tokens are passed in by the caller and never stored.
 */

export interface ProjectInfo {
  project_id: string;
  name?: string;
  notes?: string;
  result_type?: string;
  number_parties?: number;
  parties_contributed?: number;
  schema?: unknown;
  error?: boolean;
  [k: string]: unknown;
}

export interface RunListing {
  run_id: string;
  time_added?: string;
  state?: string;
  name?: string;
  threshold?: number;
}

export interface RunStatus {
  state: string;
  time_added?: string;
  time_started?: string;
  time_completed?: string;
  stages?: number;
  current_stage?: {
    number: number;
    description?: string;
    progress?: { absolute: number; relative: number; description?: string };
  };
  message?: string;
  detail?: string;
}

const base = (projectId: string) => `/api/v1/projects/${encodeURIComponent(projectId)}`;

/** The body of a response, or its message (the entity service's Problem: message/detail) as an Error. */
async function read<T>(r: Response): Promise<T> {
  const text = await r.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!r.ok) {
    const p = (body ?? {}) as { message?: string; detail?: string; error?: string };
    throw Object.assign(
      new Error(`HTTP ${r.status}: ${p.message ?? p.detail ?? p.error ?? (text.slice(0, 200) || r.statusText)}`),
      { status: r.status },
    );
  }
  return body as T;
}

const get = <T>(path: string, token: string) =>
  fetch(path, { headers: { accept: 'application/json', authorization: token } }).then((r) => read<T>(r));

export const getProject = (projectId: string, token: string) => get<ProjectInfo>(base(projectId), token);
export const getRuns = (projectId: string, token: string) => get<RunListing[]>(`${base(projectId)}/runs`, token);
/** A run's description (threshold, name, notes), which the run listing does not carry. */
export const getRun = (projectId: string, runId: string, token: string) =>
  get<RunListing & { notes?: string }>(`${base(projectId)}/runs/${encodeURIComponent(runId)}`, token);
export const getRunStatus = (projectId: string, runId: string, token: string) =>
  get<RunStatus>(`${base(projectId)}/runs/${encodeURIComponent(runId)}/status`, token);
export const getRunEstimate = <T>(projectId: string, runId: string, token: string) =>
  get<T>(`${base(projectId)}/runs/${encodeURIComponent(runId)}/estimate`, token);

/** Upload one party's CLKs in the entity service's JSON form; the answer carries the receipt token. */
export function uploadClks(
  projectId: string,
  token: string,
  clks: string[],
): Promise<{ message?: string; receipt_token?: string }> {
  return fetch(`${base(projectId)}/clks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', authorization: token },
    body: JSON.stringify({ clks }),
  }).then((r) => read(r));
}
