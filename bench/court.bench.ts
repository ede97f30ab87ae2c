// npm run bench:court — import a 1,000,000-record SUDRFScraper dump (generated on the fly into a temp
// folder, never committed) into a fresh SQLite store; the targets: < 60 s and < 1 GB peak RSS.
// Then re-import the same dump (must change nothing). COURT_BENCH_N overrides the size.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { legalRecord } from '../test/court/corpus-legal/generate.ts';
import { generateRecord } from '../test/court/corpus/generate.ts';

const N = Number(process.env.COURT_BENCH_N ?? 1_000_000);
const LEGAL_EVERY = Number(process.env.COURT_BENCH_LEGAL_EVERY ?? 10);
const dir = mkdtempSync(join(tmpdir(), 'df-court-bench-'));
const dump = join(dir, 'dump.jsonl');
const secret = join(dir, 'secret');
writeFileSync(secret, 'bench-secret-0123456789abcdef\n');

async function writeDump(): Promise<void> {
  const out = createWriteStream(dump);
  let buf: string[] = [];
  for (let i = 0; i < N; i++) {
    // Scraped dumps mostly lack judgment texts; 30% carry one here. One record in ten (COURT_BENCH_LEGAL_EVERY,
    // 0 for none) comes from the legal-forms corpus generator (several defendants, every sentence form).
    if (LEGAL_EVERY > 0 && i % LEGAL_EVERY === 0) {
      const json = legalRecord(i).json;
      buf.push(JSON.stringify({ ...json, caseNumber: `L${String(json.caseNumber)}` }));
    } else buf.push(JSON.stringify(generateRecord(i, { textShare: 0.3 }).json));
    if (buf.length === 5000) {
      if (!out.write(buf.join('\n') + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = [];
    }
  }
  if (buf.length) out.write(buf.join('\n') + '\n');
  await new Promise<void>((r) => out.end(r));
}

function runImport(label: string): { seconds: number; cpuSeconds: number; maxRssMb: number; out: string } {
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      new URL('./court-import-run.ts', import.meta.url).pathname,
      'import',
      'court',
      dump,
      '--secret-file',
      secret,
      '--scraped-at',
      '2025-06-01',
      '--json',
    ],
    {
      env: { ...process.env, DARKFIGURE_DB: join(dir, 'bench.db'), DARKFIGURE_TIMING: '1' },
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    },
  );
  const line = r.stderr.split('\n').find((l) => l.startsWith('BENCH '));
  if (r.status !== 0 || !line) throw new Error(`${label} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  for (const t of r.stderr.split('\n').filter((l) => l.startsWith('timing: ')))
    process.stdout.write(`  ${label} ${t}\n`);
  return {
    ...(JSON.parse(line.slice(6)) as { seconds: number; cpuSeconds: number; maxRssMb: number }),
    out: r.stdout.trim(),
  };
}

try {
  const g0 = performance.now();
  await writeDump();
  const size = statSync(dump).size;
  process.stdout.write(
    `generated ${N.toLocaleString('en-US')} records, ${(size / 2 ** 20).toFixed(0)} MiB, in ${((performance.now() - g0) / 1000).toFixed(1)} s\n`,
  );
  const first = runImport('first import');
  const s1 = JSON.parse(first.out) as { inserted: number; observations: number };
  const again = runImport('re-import');
  const s2 = JSON.parse(again.out) as { inserted: number; updated: number; files: Array<{ alreadyImported: boolean }> };
  const dbMb = statSync(join(dir, 'bench.db')).size / 2 ** 20;
  const row = (what: string, ours: number, ref: number, unit: string) =>
    process.stdout.write(
      `${what.padEnd(34)} ours ${ours.toFixed(1).padStart(8)} ${unit.padEnd(3)}  reference ${String(ref).padStart(5)} ${unit.padEnd(3)}  ratio ${(ours / ref).toFixed(3)}\n`,
    );
  process.stdout.write(
    `\ncourt import, ${N.toLocaleString('en-US')} records (${s1.inserted.toLocaleString('en-US')} cases stored, ${s1.observations} derived observations, db ${dbMb.toFixed(0)} MiB)\n`,
  );
  row('import time (target < 60 s)', first.seconds, 60, 's');
  row('import CPU time, all threads', first.cpuSeconds, 60, 's');
  row('import peak RSS (target < 1 GB)', first.maxRssMb, 1024, 'MB');
  row('re-import time', again.seconds, 60, 's');
  process.stdout.write(
    `load average during the run: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} on ${availableParallelism()} cores (the machine is shared)\n`,
  );
  process.stdout.write(
    `re-import changed nothing: ${s2.files.every((f) => f.alreadyImported) && !s2.inserted ? 'yes' : 'NO'}\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
