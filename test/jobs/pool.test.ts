import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { handlers, runHandler } from '../../src/jobs/handlers/index.ts';
import { JobPool, PoolBusyError } from '../../src/jobs/pool.ts';
import { ClassifyPool } from '../../src/ingest/court/worker-pool.ts';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

describe('the one job pool', () => {
  const pool = new JobPool({ threads: 1 });
  afterAll(() => pool.close());

  it('is the only worker entry in the sources: no other .mjs entry, no other new Worker or Piscina', () => {
    const files = readdirSync(SRC, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => join(d.parentPath, d.name).slice(SRC.length));
    expect(files.filter((f) => f.endsWith('.mjs'))).toEqual(['jobs/worker.mjs']);
    const spawners = files
      .filter((f) => f.endsWith('.ts'))
      .filter((f) => /new (Worker|Piscina)\(/.test(readFileSync(join(SRC, f), 'utf8')));
    expect(spawners).toEqual(['jobs/pool.ts']);
  });

  it('runs every kind on a thread with the result the handler gives in-process', async () => {
    const cases: Array<[string, unknown]> = [
      ['selftest.hash', { seed: 5, iterations: 500 }],
      ['mse.estimate', { kind: 'world', N: 300, lists: 2, capture: 0.3, sigma: 0.5, seed: 2 }],
      [
        'report.render',
        {
          spec: {
            view: 'mse',
            data: { series: [], sources: [], observations: [] },
            result: {
              name: 'x',
              lists: ['a', 'b'],
              observed: 10,
              spread: null,
              failures: [],
              results: [],
              pairwise: [],
              overlap: {},
              warnings: [],
            },
          },
          format: 'csv',
          width: 400,
          height: 300,
        },
      ],
    ];
    for (const [kind, payload] of cases) {
      const there = await pool.run(kind, payload).catch((e: Error) => `error: ${e.message}`);
      const here = await runHandler(kind, payload).catch((e: Error) => `error: ${e.message}`);
      expect(String(there), kind).not.toMatch(/^error/);
      expect(there, kind).toEqual(here);
    }
    expect(Object.keys(handlers)).toEqual(
      expect.arrayContaining([
        'mse.estimate',
        'court.nowcast',
        'report.render',
        'sim.ensemble-run',
        'sim.calibrate',
        'linkage.pairs',
        'linkage.run',
      ]),
    );
  }, 60_000);

  it('an unknown kind fails with the known ones named', async () => {
    await expect(pool.run('no.such', {})).rejects.toThrow(/no handler for job kind "no.such".*mse.estimate/);
  });

  it('a signal cancels a running job; the pool goes on with the next', async () => {
    const ac = new AbortController();
    const slow = pool.run('selftest.hash', { sleepMs: 5000 }, ac.signal);
    setTimeout(() => ac.abort(), 100);
    const t0 = performance.now();
    await expect(slow).rejects.toThrow();
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(await pool.run('selftest.hash', { seed: 1, iterations: 10 })).toMatchObject({ seed: 1, iterations: 10 });
  }, 30_000);

  it('refuses work beyond its queue bound with PoolBusyError', async () => {
    const small = new JobPool({ threads: 1, maxQueue: 1 });
    try {
      const running = small.run('selftest.hash', { sleepMs: 300 });
      await new Promise((r) => setTimeout(r, 200)); // the first is on the thread
      const waiting = small.run('selftest.hash', { sleepMs: 10 });
      await expect(small.run('selftest.hash', {})).rejects.toBeInstanceOf(PoolBusyError);
      await Promise.all([running, waiting]);
    } finally {
      await small.close();
    }
  }, 30_000);

  it('runs a handler of a stage above jobs by reference: court classification keeps every bad line', async () => {
    const classify = new ClassifyPool(1, { secret: null, keepText: false, linkage: null });
    try {
      const items = await classify.classify('x.jsonl', ['{"broken', 'not json'], 7);
      expect(items.map((i) => i.line)).toEqual([7, 8]);
      expect(items.every((i) => i.issues.length > 0 && !i.rows)).toBe(true);
    } finally {
      await classify.close();
    }
  }, 30_000);
});
