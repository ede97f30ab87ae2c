/**
 * Flood benchmark (issue 19): 50 concurrent POST /api/sim-jobs of big requests (6 scenarios × 20 runs ×
 * 200,000 agents) with a valid token, against a server started as `darkfigure serve` in a child process on
 * loopback. Meanwhile /api/health is asked every 50 ms (its latency, p95) and the server's resident memory
 * is sampled every 100 ms (peak). Then every accepted job is cancelled (DELETE) and the server stopped.
 * Then PDF_FLOOD (20) concurrent PDF exports of different reports: how many Chromium browsers the server
 * starts and the memory of the server with all its child processes.
 * Bounded: one flood of FLOOD requests, WATCH_S seconds of watching (default 12), one PDF flood whose
 * requests wait at most PDF_WAIT_S (25) seconds; about a minute in all, two at most (then it stops).
 *
 *   npm run bench:flood          (FLOOD=50 WATCH_S=12 PDF_FLOOD=20 PDF_WAIT_S=25)
 *
 * "Before" is the measurement of the code without roles, queue or caps (all 50 accepted, health
 * p95 757 ms, 3.4 GB); it cannot be rerun here, so it is quoted, not measured.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundledScenarioNames } from '../src/analyses/scenario-files.ts';
import { loadBundled } from '../src/ingest/bundled.ts';
import { createToken } from '../src/analyses/tokens.ts';
import { Store } from '../src/store/index.ts';
import { startServeChild } from './serve-child.ts';

const FLOOD = Number(process.env.FLOOD ?? 50);
const WATCH_S = Math.min(40, Number(process.env.WATCH_S ?? 12));
const PDF_FLOOD = Number(process.env.PDF_FLOOD ?? 20);
const PDF_WAIT_S = Number(process.env.PDF_WAIT_S ?? 25);
const BEFORE = { accepted: 50, healthP95Ms: 757, rssMb: 3.4 * 1024, pdfBrowsers: 20, pdfExtraMb: 3.4 * 1024 };
const TARGET = { healthP95Ms: 50, rssMb: 1024 };

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};

/** Resident memory of a process in MB, from /proc (Linux): now and its peak. */
function rssMb(pid: number): { now: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { now: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** Proportional set size of a process in MB (shared pages divided among their sharers), from /proc; NaN when unreadable. */
function pssMb(pid: number): number {
  try {
    return Number(/Pss:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? NaN) / 1024;
  } catch {
    return Number.NaN;
  }
}

/** The process and all its descendants (Chromium's processes under the server): count of browsers, summed PSS in MB. */
function tree(pid: number): { browsers: number; rssMb: number } {
  const parent = new Map<number, number>();
  const comm = new Map<number, string>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      comm.set(Number(d), stat.slice(stat.indexOf('(') + 1, close));
      parent.set(Number(d), Number(stat.slice(close + 2).split(' ')[1]));
    } catch {
      /* ended */
    }
  }
  const inTree = (p: number): boolean => p === pid || (parent.has(p) && p > 1 && inTree(parent.get(p)!));
  let browsers = 0;
  let rss = 0;
  for (const p of parent.keys()) {
    if (!inTree(p)) continue;
    // A browser is a Chromium process whose parent is not Chromium (its own children are its renderers, GPU…).
    if (/chrom/i.test(comm.get(p) ?? '') && !/chrom/i.test(comm.get(parent.get(p)!) ?? '')) browsers++;
    const r = pssMb(p);
    if (Number.isFinite(r)) rss += r; // an ended process or a zombie has none
  }
  return { browsers, rssMb: rss };
}

const startChild = (db: string) => startServeChild({ DARKFIGURE_DB: db });

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'darkfigure-flood-'));
  const db = join(dir, 'flood.db');
  let child: ChildProcess | undefined;
  const deadline = setTimeout(() => {
    process.stderr.write('flood bench: over 120 s, stopping\n');
    child?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    process.exit(1);
  }, 120_000);
  try {
    const store = await Store.open({ url: db });
    await loadBundled(store);
    // A generous quota, so that the server's own queue bound is what the flood meets.
    const { token } = await createToken(store, { scopes: ['sim'], maxJobs: 1000, note: 'flood bench' });
    await store.close();
    const started = await startChild(db);
    child = started.child;
    const { url } = started;
    const pid = child.pid!;
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const big = {
      scenarios: bundledScenarioNames().slice(0, 6),
      runs: 20,
      agents: 200_000,
      start: '2022-02-24',
      end: '2025-12-31',
    };
    // Warm the health path once.
    await fetch(`${url}/api/health`).then((r) => r.arrayBuffer());
    const rssBefore = rssMb(pid).now;

    let watching = true;
    let peak = rssBefore;
    const sampler = setInterval(() => {
      try {
        peak = Math.max(peak, rssMb(pid).now);
      } catch {
        /* the child ended */
      }
    }, 100);
    const latencies: number[] = [];
    const health = (async () => {
      while (watching) {
        const t0 = performance.now();
        const r = await fetch(`${url}/api/health`);
        await r.arrayBuffer();
        latencies.push(performance.now() - t0);
        await new Promise((res) => setTimeout(res, 50));
      }
    })();

    const t0 = performance.now();
    const answers = await Promise.all(
      Array.from({ length: FLOOD }, async () => {
        const r = await fetch(`${url}/api/sim-jobs`, { method: 'POST', headers: auth, body: JSON.stringify(big) });
        const body = (await r.json()) as { id?: string; capped?: unknown; retryAfter?: number };
        return { status: r.status, id: body.id, capped: body.capped, retryAfter: r.headers.get('retry-after') };
      }),
    );
    const floodMs = performance.now() - t0;
    await new Promise((res) => setTimeout(res, WATCH_S * 1000));
    watching = false;
    await health;
    clearInterval(sampler);
    const hwm = rssMb(pid).peak;
    const accepted = answers.filter((a) => a.status === 202);
    const refused = answers.filter((a) => a.status === 429);
    // Cancel what was accepted, so that the server stops promptly.
    await Promise.all(
      accepted.map((a) =>
        fetch(`${url}/api/sim-jobs/${a.id}`, { method: 'DELETE', headers: { authorization: auth.authorization } }).then(
          (r) => r.arrayBuffer(),
        ),
      ),
    );

    const p95 = percentile(latencies, 95);
    const peakMb = Math.max(peak, hwm);
    const out = (s: string) => process.stdout.write(`${s}\n`);
    const row = (what: string, before: string, ours: string, target: string, ratio: string, verdict = '') =>
      out(
        `${what.padEnd(24)}${before.padStart(18)}${ours.padStart(14)}${target.padStart(10)}${ratio.padStart(13)} ${verdict}`,
      );
    out(
      `flood: ${FLOOD} concurrent POST /api/sim-jobs (${big.scenarios.length} scenarios × ${big.runs} runs × ${big.agents} agents), ${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(1)}, watched ${WATCH_S} s`,
    );
    out(
      `  answers in ${floodMs.toFixed(0)} ms: ${accepted.length} accepted (202), ${refused.length} refused (429, Retry-After ${refused[0]?.retryAfter ?? '-'} s), ${FLOOD - accepted.length - refused.length} other`,
    );
    out(`  caps stated on an accepted job: ${JSON.stringify(accepted[0]?.capped ?? null)}`);
    out(
      `  health: ${latencies.length} requests, p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms`,
    );
    out(
      `  server RSS: ${rssBefore.toFixed(0)} MB before the flood, peak ${peakMb.toFixed(0)} MB (VmHWM ${hwm.toFixed(0)} MB)`,
    );
    out('');
    row('figure', 'before (issue 19)', 'after (ours)', 'target', 'ours/target');
    row(`jobs accepted of ${FLOOD}`, String(BEFORE.accepted), String(accepted.length), 'bounded', '');
    row(
      'health p95 (ms)',
      String(BEFORE.healthP95Ms),
      p95.toFixed(1),
      `< ${TARGET.healthP95Ms}`,
      (p95 / TARGET.healthP95Ms).toFixed(2),
      p95 < TARGET.healthP95Ms ? 'PASS' : 'FAIL',
    );
    row(
      'server peak RSS (MB)',
      BEFORE.rssMb.toFixed(0),
      peakMb.toFixed(0),
      `< ${TARGET.rssMb}`,
      (peakMb / TARGET.rssMb).toFixed(2),
      peakMb < TARGET.rssMb ? 'PASS' : 'FAIL',
    );

    // Let the cancelled jobs' threads end before the PDF flood.
    for (let i = 0; i < 100; i++) {
      const h = (await (await fetch(`${url}/api/health`)).json()) as { queue: { running: number } };
      if (h.queue.running === 0) break;
      await new Promise((res) => setTimeout(res, 100));
    }
    // PDF flood: different reports (one per series), so that no answer comes from the cache; each request
    // is given PDF_WAIT_S seconds (the machine may be loaded), which bounds the phase.
    const series = ((await (await fetch(`${url}/api/series`)).json()) as { series: Array<{ id: string }> }).series.map(
      (x) => x.id,
    );
    const beforePdf = tree(pid);
    let pdfPeak = beforePdf;
    const pdfSampler = setInterval(() => {
      const t = tree(pid);
      pdfPeak = { browsers: Math.max(pdfPeak.browsers, t.browsers), rssMb: Math.max(pdfPeak.rssMb, t.rssMb) };
    }, 200);
    const tPdf = performance.now();
    const pdfs = await Promise.all(
      Array.from({ length: PDF_FLOOD }, async (_, i) => {
        try {
          const r = await fetch(
            `${url}/api/report/series.pdf?series=${encodeURIComponent(series[i % series.length]!)}`,
            { signal: AbortSignal.timeout(PDF_WAIT_S * 1000) },
          );
          await r.arrayBuffer();
          return r.status;
        } catch {
          return 0; // not answered in time
        }
      }),
    );
    const pdfMs = performance.now() - tPdf;
    clearInterval(pdfSampler);
    const pdfOk = pdfs.filter((x) => x === 200).length;
    const pdfBusy = pdfs.filter((x) => x === 429).length;
    const late = pdfs.filter((x) => x === 0).length;
    row(
      'PDF: browsers at once',
      String(BEFORE.pdfBrowsers),
      String(pdfPeak.browsers),
      '1',
      '',
      pdfPeak.browsers <= 1 ? 'PASS' : 'FAIL',
    );
    row('PDF: extra memory (MB)', BEFORE.pdfExtraMb.toFixed(0), (pdfPeak.rssMb - beforePdf.rssMb).toFixed(0), '', '');
    out(
      `  PDF flood: ${PDF_FLOOD} concurrent exports over ${(pdfMs / 1000).toFixed(1)} s: ${pdfOk} printed, ${pdfBusy} refused (429), ${late} not answered within ${PDF_WAIT_S} s; server and children ${beforePdf.rssMb.toFixed(0)} MB before, peak ${pdfPeak.rssMb.toFixed(0)} MB (summed PSS: shared pages divided among the processes sharing them)`,
    );
  } finally {
    clearTimeout(deadline);
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((res) => child!.once('exit', res));
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
