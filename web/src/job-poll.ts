import { postJson, readJson } from './api.ts';

/**
 * Follow a background job on the server until it ends: GET its state every `everyMs` and `show` it; once
 * done, `whenDone`. Stops when the page moved on (`stillWanted` false) or the job is gone (the server
 * restarted: the remembered id is dropped and `status` says so). The scenarios and calibration views
 * follow their jobs this way, also after a reload.
 */
export async function followJob<T extends { id: string; status: string }>(
  url: string,
  opts: {
    storageKey: string;
    status: HTMLElement;
    what: string;
    stillWanted: () => boolean;
    show: (job: T) => void;
    whenDone: (job: T) => void;
    everyMs?: number;
  },
): Promise<void> {
  for (;;) {
    if (!opts.stillWanted()) return;
    const r = await fetch(url);
    if (r.status === 404) {
      localStorage.removeItem(opts.storageKey);
      opts.status.textContent = `That ${opts.what} is no longer on the server (it was restarted): start a new one.`;
      return;
    }
    const job = await readJson<T>(r);
    if (!opts.stillWanted()) return;
    opts.show(job);
    if (job.status === 'done') opts.whenDone(job);
    if (job.status !== 'running') return;
    await new Promise((res) => setTimeout(res, opts.everyMs ?? 400));
  }
}

/**
 * Start a background job (POST), remember it, and put it in the route: a reload or a shared link
 * reattaches to it. On failure the message goes to `status` and the button comes back.
 */
export function startJob(
  path: string,
  body: unknown,
  opts: { storageKey: string; view: string; status: HTMLElement; button: HTMLButtonElement },
): void {
  opts.button.disabled = true;
  void postJson(path, body)
    .then((r) => readJson<{ id: string }>(r))
    .then((job) => {
      localStorage.setItem(opts.storageKey, job.id);
      location.hash = `#/${opts.view}?job=${encodeURIComponent(job.id)}`;
    })
    .catch((err: Error) => {
      opts.status.textContent = `Could not start: ${err.message}`;
      opts.button.disabled = false;
    });
}
