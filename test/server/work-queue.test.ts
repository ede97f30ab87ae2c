import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CancelledError, QueueFullError, QuotaError, WorkQueue } from '../../src/jobs/work-queue.ts';

/** A job that runs until `finish` is called (or its signal fires), recording when it started. */
function controllable(log: string[], name: string) {
  let finish!: () => void;
  let seen: AbortSignal | undefined;
  const run = (signal: AbortSignal) =>
    new Promise<string>((resolve, reject) => {
      seen = signal;
      log.push(name);
      finish = () => resolve(name);
      signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
    });
  return { run, finish: () => finish(), signal: () => seen };
}

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('the work queue: bounded concurrency, bounded waiting, quotas, cancellation', () => {
  it('runs at most `concurrency` units at once, first in first out, and refuses past maxQueued with a Retry-After', async () => {
    const q = new WorkQueue({ concurrency: 2, maxQueued: 2 });
    const log: string[] = [];
    const a = controllable(log, 'a');
    const b = controllable(log, 'b');
    const c = controllable(log, 'c');
    const d = controllable(log, 'd');
    const ja = q.submit({ owner: 'x', weight: 1, run: a.run });
    const jb = q.submit({ owner: 'x', weight: 2, run: b.run }); // waits: only one unit free
    const jc = q.submit({ owner: 'y', weight: 1, run: c.run }); // waits behind b (no overtaking)
    await tick();
    expect(log).toEqual(['a']);
    expect([ja.phase(), jb.phase(), jc.phase()]).toEqual(['running', 'queued', 'queued']);
    expect(jc.position()).toBe(1);
    let refused: unknown;
    try {
      q.submit({ owner: 'z', run: d.run });
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(QueueFullError);
    expect((refused as QueueFullError).retryAfterS).toBeGreaterThanOrEqual(1);
    a.finish();
    expect(await ja.done).toBe('a');
    await tick();
    expect(log).toEqual(['a', 'b']);
    b.finish();
    await jb.done;
    await tick();
    expect(log).toEqual(['a', 'b', 'c']);
    c.finish();
    await jc.done;
    expect(q.stats()).toMatchObject({ running: 0, queued: 0, busy: 0 });
  });

  it('refuses an owner past its quota, and counts queued and running jobs alike', async () => {
    const q = new WorkQueue({ concurrency: 1, maxQueued: 10 });
    const log: string[] = [];
    const a = controllable(log, 'a');
    const b = controllable(log, 'b');
    q.submit({ owner: 't1', maxForOwner: 2, run: a.run });
    q.submit({ owner: 't1', maxForOwner: 2, run: b.run });
    expect(() => q.submit({ owner: 't1', maxForOwner: 2, run: async () => 'no' })).toThrow(QuotaError);
    // Another owner is not held back by t1's quota.
    const other = q.submit({ owner: 't2', maxForOwner: 2, run: async () => 'ok' });
    expect(other.phase()).toBe('queued');
    await q.close();
  });

  it('cancels a queued job without running it, aborts a running one, and follows an outside signal', async () => {
    const q = new WorkQueue({ concurrency: 1, maxQueued: 5 });
    const log: string[] = [];
    const a = controllable(log, 'a');
    const b = controllable(log, 'b');
    const c = controllable(log, 'c');
    const ja = q.submit({ owner: 'x', run: a.run });
    const jb = q.submit({ owner: 'x', run: b.run });
    const outside = new AbortController();
    const jc = q.submit({ owner: 'x', run: c.run, signal: outside.signal });
    await tick();
    jb.cancel('by its owner');
    await expect(jb.done).rejects.toBeInstanceOf(CancelledError);
    ja.cancel('by its owner');
    await expect(ja.done).rejects.toBeInstanceOf(CancelledError);
    expect(a.signal()?.aborted).toBe(true);
    await tick();
    // c starts once a ends; its client goes away.
    expect(log).toEqual(['a', 'c']);
    outside.abort();
    await expect(jc.done).rejects.toThrow(/client went away/);
    expect(log).not.toContain('b');
    expect(q.stats()).toMatchObject({ running: 0, queued: 0, busy: 0 });
  });

  it('never exceeds its concurrency, starts jobs in submission order and ends with nothing held (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.array(
          fc.record({
            weight: fc.integer({ min: 1, max: 5 }),
            ms: fc.integer({ min: 0, max: 3 }),
            cancel: fc.boolean(),
          }),
          { minLength: 1, maxLength: 12 },
        ),
        async (concurrency, jobs) => {
          const q = new WorkQueue({ concurrency, maxQueued: 100 });
          let busy = 0;
          let peak = 0;
          const started: number[] = [];
          const handles = jobs.map((j, i) =>
            q.submit({
              owner: 'p',
              weight: j.weight,
              run: async () => {
                const w = Math.min(concurrency, j.weight);
                busy += w;
                peak = Math.max(peak, busy);
                started.push(i);
                await new Promise((r) => setTimeout(r, j.ms));
                busy -= w;
                return i;
              },
            }),
          );
          handles.forEach((h, i) => jobs[i]!.cancel && h.cancel());
          await Promise.allSettled(handles.map((h) => h.done));
          expect(peak).toBeLessThanOrEqual(concurrency);
          expect(started).toEqual([...started].sort((a, b) => a - b));
          expect(q.stats()).toMatchObject({ running: 0, queued: 0, busy: 0 });
        },
      ),
      { numRuns: 60 },
    );
  });
});
