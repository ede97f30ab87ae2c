/**
 * Server benchmark: the series endpoints under 100 concurrent connections (autocannon), and the time
 * until the overview page is interactive in Chromium. The server runs in a child process started the
 * way `npm start` starts it (the CLI's serve command, bundled data), so the load generator does not
 * share its event loop.
 *
 *   npm run bench:server            (DURATION=10 seconds per endpoint, TTI_RUNS=5)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { readDataset } from '../src/ingest/bundled.ts';
import { CHROMIUM_ARGS, chromiumPath } from '../src/analyses/pdf-render.ts';
import { buildWeb } from '../test/browser/harness.ts';
import { startServeChild } from './serve-child.ts';

const DURATION = Number(process.env.DURATION ?? 10);
const TTI_RUNS = Number(process.env.TTI_RUNS ?? 5);
const P95_TARGET_MS = 50;
const TTI_TARGET_MS = 2000;

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

function line(what: string, ours: number, target: number, unit: string): void {
  process.stdout.write(
    `${what.padEnd(44)} ours ${ours.toFixed(1).padStart(8)} ${unit}   target < ${target} ${unit}   ratio ${(ours / target).toFixed(2)} ${ours < target ? 'PASS' : 'FAIL'}\n`,
  );
}

const startChild = (dir: string, webDir: string) =>
  startServeChild({ DARKFIGURE_DB: join(dir, 'bench.db'), DARKFIGURE_WEB_DIR: webDir });

/** A bare node:http server answering every request with the same bytes: what this machine allows at best. */
async function startBaseline(body: Buffer): Promise<{ url: string; child: ChildProcess }> {
  const code = `const b=Buffer.from(process.env.BODY,'base64');require('http').createServer((q,r)=>{r.writeHead(200,{'content-type':'application/json','content-length':b.length});r.end(b)}).listen(0,'127.0.0.1',function(){console.log('http://127.0.0.1:'+this.address().port)})`;
  const child = spawn(process.execPath, ['-e', code], {
    env: { ...process.env, BODY: body.toString('base64') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.once('data', (b: Buffer) => resolve(b.toString().trim()));
    child.on('exit', (c) => reject(new Error(`baseline exited with ${c}`)));
  });
  return { url, child };
}

/** CPU seconds (user + system, all threads) a process has used so far, from /proc (Linux); NaN elsewhere. */
function processCpu(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

interface LoadResult {
  p95: number;
  p50: number;
  rps: number;
  errors: number;
  n: number;
  /** CPU the server and the load generator used during the run (s), and the 1-minute load average after it. */
  serverCpu: number;
  clientCpu: number;
  load: number;
}

/**
 * Latency on a shared machine depends on what else runs: each line also says how much CPU the server spent
 * per response (its own cost, whatever the load) and the load average, so a quiet re-run can be compared.
 */
function cpuLine(what: string, r: LoadResult): string {
  return `${what.padEnd(21)} server CPU ${(r.serverCpu * 1000).toFixed(0)} ms for ${r.n} responses = ${((r.serverCpu * 1e6) / r.n).toFixed(0)} µs/response; load generator CPU ${(r.clientCpu * 1000).toFixed(0)} ms; load average ${r.load.toFixed(2)} on ${navigatorCores()} core(s)\n`;
}

const navigatorCores = () => availableParallelism();

async function load(url: string, paths: string[], pid?: number): Promise<LoadResult> {
  const times: number[] = [];
  const cpu0 = processCpu(pid);
  const client0 = process.cpuUsage();
  let i = 0;
  const inst = autocannon({
    url,
    connections: 100,
    duration: DURATION,
    requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, path: paths[i++ % paths.length] }) }],
  });
  inst.on('response', (_c: unknown, _status: number, _bytes: number, ms: number) => times.push(ms));
  const r = await inst;
  const client = process.cpuUsage(client0);
  return {
    p95: percentile(times, 95),
    p50: percentile(times, 50),
    rps: r.requests.average,
    errors: r.errors + r.non2xx,
    n: times.length,
    serverCpu: processCpu(pid) - cpu0,
    clientCpu: (client.user + client.system) / 1e6,
    load: loadavg()[0]!,
  };
}

async function tti(url: string): Promise<number[]> {
  const exe = chromiumPath();
  if (!exe) return [];
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: exe, args: CHROMIUM_ARGS, headless: true });
  const out: number[] = [];
  try {
    for (let k = 0; k < TTI_RUNS; k++) {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } }); // cold cache each run
      const page = await ctx.newPage();
      await page.goto(`${url}/#/overview`);
      await page.waitForFunction(() => performance.getEntriesByName('darkfigure-ready').length > 0, undefined, {
        timeout: 30_000,
      });
      out.push(await page.evaluate(() => performance.getEntriesByName('darkfigure-ready')[0]!.startTime));
      await ctx.close();
    }
  } finally {
    await browser.close();
  }
  return out;
}

const dir = mkdtempSync(join(tmpdir(), 'df-bench-'));
const webDir = join(dir, 'dist');
buildWeb(webDir);
const { url, child } = await startChild(dir, webDir);
try {
  const data = await readDataset();
  const ids = data.series.map((s) => s.id);
  process.stdout.write(
    `server ${url}; ${data.series.length} series, ${data.observations.length} observations; ${DURATION} s per endpoint, 100 connections\n`,
  );
  // Warm up the child (JIT, SQLite page cache) before measuring.
  await load(url, ['/api/series']).catch(() => undefined);
  const list = await load(url, ['/api/series'], child.pid);
  const one = await load(
    url,
    ids.map((id) => `/api/series/${encodeURIComponent(id)}`),
    child.pid,
  );
  process.stdout.write(
    `GET /api/series      ${list.n} responses, ${list.rps.toFixed(0)} req/s, p50 ${list.p50.toFixed(1)} ms, errors ${list.errors}\n`,
  );
  process.stdout.write(
    `GET /api/series/:id  ${one.n} responses, ${one.rps.toFixed(0)} req/s, p50 ${one.p50.toFixed(1)} ms, errors ${one.errors}\n`,
  );
  process.stdout.write(cpuLine('GET /api/series', list));
  process.stdout.write(cpuLine('GET /api/series/:id', one));
  line('p95 latency, GET /api/series (100 conn)', list.p95, P95_TARGET_MS, 'ms');
  line('p95 latency, GET /api/series/:id (100 conn)', one.p95, P95_TARGET_MS, 'ms');
  // Reference: bare node:http sending the same /api/series bytes, on the same (shared) cores right now.
  const body = Buffer.from(await (await fetch(`${url}/api/series`)).arrayBuffer());
  const base = await startBaseline(body);
  try {
    const b = await load(base.url, ['/'], base.child.pid);
    process.stdout.write(
      `bare node:http, same ${body.length}-byte body: ${b.rps.toFixed(0)} req/s, p50 ${b.p50.toFixed(1)} ms, p95 ${b.p95.toFixed(1)} ms; our /api/series p95 is ${(list.p95 / b.p95).toFixed(2)}x that\n`,
    );
    process.stdout.write(cpuLine('bare node:http', b));
  } finally {
    base.child.kill('SIGTERM');
  }
  const t = await tti(url);
  if (t.length) {
    process.stdout.write(
      `overview time to interactive, ${t.length} cold loads: ${t.map((x) => x.toFixed(0)).join(', ')} ms\n`,
    );
    line('overview interactive (median of cold loads)', percentile(t, 50), TTI_TARGET_MS, 'ms');
  } else process.stdout.write('overview time to interactive: skipped (no Chromium)\n');
} finally {
  child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
