// Import benchmark: a 100,000-row observations CSV into a fresh SQLite store.
// Target (foundation issue): under 10 s. Prints our figure, the target and the ratio.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { addDays } from '../src/domain/dates.ts';
import { importObservationFiles } from '../src/ingest/import-observations.ts';
import { Store } from '../src/store/index.ts';

const ROWS = Number(process.env.ROWS ?? 100_000);
const TARGET_S = 10;

const dir = mkdtempSync(join(tmpdir(), 'df-bench-import-'));
try {
  const file = join(dir, 'obs.csv');
  const lines = ['id,series_id,source_id,articles,scope,period_start,period_end,value_kind,value,qualifier,unit,notes'];
  for (let i = 0; i < ROWS; i++) {
    const start = addDays('2020-01-01', i % 2000);
    lines.push(
      `b-${i},bench.counts,bench-src,337;338,region:${i % 85},${start},${addDays(start, 30)},interval_count,${(i * 7919) % 1000},=,cases,row ${i}`,
    );
  }
  writeFileSync(file, `${lines.join('\n')}\n`);

  const store = await Store.open({ url: join(dir, 'bench.db') });
  await store.write({
    sources: [{ id: 'bench-src', organisation: 'bench', confidence: 'C', partyToConflict: false }],
    series: [
      {
        id: 'bench.counts',
        title: 'bench',
        unit: 'cases',
        counts: 'synthetic',
        excludes: 'everything real',
        topic: 'court',
      },
    ],
  });
  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  const r = await importObservationFiles(store, [file]);
  const s = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const again = await importObservationFiles(store, [file]);
  const s2 = (performance.now() - t1) / 1000;
  await store.close();
  console.log(
    `rows: ${ROWS}, inserted ${r.inserted}; re-import inserted ${again.inserted} (unchanged ${again.unchanged})`,
  );
  console.log(
    `import ${ROWS} rows: ${s.toFixed(2)} s (${Math.round(ROWS / s).toLocaleString('en-US')} rows/s), rss +${Math.round((process.memoryUsage().rss - rss0) / 1e6)} MB`,
  );
  console.log(`re-import (idempotent check): ${s2.toFixed(2)} s`);
  console.log(
    `target: < ${TARGET_S} s; ours/target = ${(s / TARGET_S).toFixed(2)} (${s < TARGET_S ? 'meets' : 'MISSES'} the target)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
