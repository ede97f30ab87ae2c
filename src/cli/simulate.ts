import type { Command } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import cliProgress from 'cli-progress';
import { BadInputError, isIsoDate } from '../domain/index.ts';
import { readScenario } from '../analyses/index.ts';
import {
  bandTable,
  jsonSummary,
  reduceRuns,
  resolveScenario,
  type ResolvedScenario,
  resolveSimulateRequest,
  runEnsemble,
  runSimulate,
  runTables,
  simulateRun,
  type RunSummary,
  type SimResult,
  SimulateRequest,
  summarise,
  TOTAL_NAMES,
} from '../analyses/index.ts';

export { jsonSummary };

interface SimulateOptions {
  scenario: string;
  runs: string;
  seed: string;
  agents: string;
  start: string;
  end: string;
  out?: string;
  json?: boolean;
  threads?: string;
  leakedUnits?: string;
  compare?: string;
}

function int(name: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new BadInputError([
      {
        file: 'command line',
        line: 0,
        field: `--${name}`,
        message: `must be a whole number from ${min} to ${max}, got "${value}"`,
      },
    ]);
  }
  return n;
}

function date(name: string, value: string): string {
  if (!isIsoDate(value))
    throw new BadInputError([
      { file: 'command line', line: 0, field: `--${name}`, message: `not a date in the form YYYY-MM-DD: "${value}"` },
    ]);
  return value;
}

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function writeCsv(file: string, header: string[], rows: unknown[][]): void {
  const lines = [header.map(csvCell).join(','), ...rows.map((r) => r.map(csvCell).join(','))];
  writeFileSync(file, `${lines.join('\n')}\n`);
}

/** --out: one CSV per table the run gives (daily series, cases by article, the lists, the answer key). */
function writeRunFiles(dir: string, r: SimResult, leakedUnits: number | undefined): string[] {
  return runTables(r, leakedUnits).map((t) => {
    writeCsv(join(dir, t.file), t.header, t.rows);
    return t.file;
  });
}

/** --compare: the simulate analysis, the same code and result as the server's simulation jobs. */
async function compare(o: SimulateOptions): Promise<void> {
  if (o.out || o.leakedUnits)
    throw new BadInputError([
      {
        file: 'command line',
        line: 0,
        field: '--compare',
        message: 'writes no files: leave out --out and --leaked-units',
      },
    ]);
  const parsed = SimulateRequest.safeParse({
    scenarios: o
      .compare!.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    runs: int('runs', o.runs, 1, 10_000),
    agents: int('agents', o.agents, 1000, 100_000_000),
    seed: int('seed', o.seed, 0, 2 ** 32 - 1),
    start: date('start', o.start),
    end: date('end', o.end),
  });
  if (!parsed.success)
    throw new BadInputError(
      parsed.error.issues.map((i) => ({
        file: 'command line',
        line: 0,
        field: `--${i.path[0] === 'scenarios' ? 'compare' : String(i.path[0] ?? '')}`,
        message: i.message,
      })),
    );
  const req = parsed.data;
  let resolved;
  try {
    resolved = resolveSimulateRequest(req);
  } catch (e) {
    if (e instanceof RangeError)
      throw new BadInputError([{ file: 'command line', line: 0, field: '--compare', message: e.message }]);
    throw e;
  }
  const threads = o.threads ? int('threads', o.threads, 1, 1024) : Math.min(availableParallelism(), req.runs);
  const results = await runSimulate({ threads, resolved }, req);
  if (o.json) return void process.stdout.write(`${JSON.stringify({ results })}\n`);
  for (const r of results)
    process.stdout.write(
      `${r.scenario.padEnd(24)} ${r.runs} run(s): ever AWOL ${r.share.median.toFixed(1)}% of those who served [${r.share.lo90.toFixed(1)} – ${r.share.hi90.toFixed(1)}]\n`,
    );
}

export function register(program: Command): void {
  program
    .command('simulate')
    .description('run the desertion model (docs/model.md) for a scenario, one run or an ensemble')
    .option('--scenario <name|file>', 'bundled scenario name (see `darkfigure scenarios`) or a JSON file', 'baseline')
    .option('--runs <n>', 'number of runs in the ensemble', '1')
    .option('--seed <s>', 'random seed (run r uses a seed derived from it)', '1')
    .option('--agents <n>', 'agent slots: the force in theatre when full', '300000')
    .option('--start <date>', 'first day', '2022-02-24')
    .option('--end <date>', 'last day', '2025-12-31')
    .option('--out <dir>', 'write series (CSV), individual-level lists (CSV per source) and the answer key')
    .option('--json', 'print a JSON summary: totals, monthly series (with bands when runs > 1), scenario, seed, runs')
    .option('--threads <n>', 'worker threads for ensembles (default: all cores)')
    .option('--leaked-units <n>', 'units whose AWOL list leaks (default: 1 in 100)')
    .option(
      '--compare <names>',
      'compare bundled scenarios (comma-separated) as the dashboard does; --json prints {"results"} as a finished POST /api/sim-jobs job holds them',
    )
    .action(async (o: SimulateOptions) => {
      if (o.compare !== undefined) return compare(o);
      const runs = int('runs', o.runs, 1, 100_000);
      const seed = int('seed', o.seed, 0, 2 ** 32 - 1);
      const agents = int('agents', o.agents, 100, 20_000_000);
      const start = date('start', o.start);
      const end = date('end', o.end);
      if (end < start)
        throw new BadInputError([
          {
            file: 'command line',
            line: 0,
            field: '--end',
            message: `the run ends (${end}) before it starts (${start})`,
          },
        ]);
      const threads = o.threads ? int('threads', o.threads, 1, 1024) : Math.min(availableParallelism(), runs);
      const leaked = o.leakedUnits ? int('leaked-units', o.leakedUnits, 0, 1_000_000) : undefined;
      const { json, file } = readScenario(o.scenario);
      const scenario: ResolvedScenario = resolveScenario(json, file, start, end);

      const tty = process.stderr.isTTY === true;
      const bar = tty
        ? new cliProgress.SingleBar(
            {
              stream: process.stderr,
              format: ' {bar} {percentage}% | {value}/{total} {what} | ETA {eta}s',
              hideCursor: true,
            },
            cliProgress.Presets.shades_classic,
          )
        : null;
      // Ctrl-C: an ensemble stops and keeps its finished runs. A single run keeps Node's default
      // (it exits at once; nothing has been written, since files are written only at the end).
      const controller = new AbortController();
      const onSigint = () => controller.abort();
      if (runs > 1) process.once('SIGINT', onSigint);
      let summaries: RunSummary[] = [];
      let single: SimResult | null = null;
      let stopped = false;
      try {
        if (runs === 1) {
          let days = 0;
          single = simulateRun({ seed, run: 0, agents, start, end, scenario, keepEvents: Boolean(o.out) }, (d, n) => {
            if (!bar) return;
            if (d === 0) bar.start(n, 0, { what: 'days' });
            if (d % 30 === 29 || d === n - 1) bar.update(d + 1);
            days = n;
          });
          if (bar && days) bar.stop();
          summaries = [summarise(single, 0)];
        } else {
          bar?.start(runs, 0, { what: 'runs' });
          const out = await runEnsemble(
            { seed, agents, start, end, scenario },
            {
              runs,
              threads,
              signal: controller.signal,
              onRunDone: (done) => bar?.update(done),
            },
          );
          bar?.stop();
          summaries = out.summaries;
          stopped = out.stopped;
          if (stopped)
            process.stderr.write(`darkfigure: stopped; keeping ${summaries.length} finished run(s) of ${runs}\n`);
          if (summaries.length === 0) {
            process.exitCode = 130;
            return;
          }
        }
      } finally {
        process.removeListener('SIGINT', onSigint);
        bar?.stop();
      }

      if (o.out) {
        mkdirSync(o.out, { recursive: true });
        // The lists come from run 0 (re-run with event logs when it ran in a worker).
        const r0 = single ?? simulateRun({ seed, run: 0, agents, start, end, scenario, keepEvents: true });
        const files = writeRunFiles(o.out, r0, leaked);
        if (runs > 1) {
          const bands = bandTable(reduceRuns(summaries));
          writeCsv(join(o.out, bands.file), bands.header, bands.rows);
          files.push('bands-monthly.csv');
        }
        writeFileSync(
          join(o.out, 'summary.json'),
          `${JSON.stringify(jsonSummary(summaries, scenario.name, seed), null, 1)}\n`,
        );
        files.push('summary.json');
        if (!o.json) process.stderr.write(`wrote ${files.length} files to ${o.out}: ${files.join(', ')}\n`);
      }
      if (o.json) process.stdout.write(`${JSON.stringify(jsonSummary(summaries, scenario.name, seed))}\n`);
      else {
        const red = reduceRuns(summaries);
        process.stdout.write(
          `scenario ${scenario.name}, seed ${seed}, ${red.runs} run(s), ${agents} agents, ${start} to ${end}\n`,
        );
        for (const k of TOTAL_NAMES) {
          const b = red.totalBands[k];
          process.stdout.write(
            `  ${k.padEnd(20)} ${String(Math.round(red.totals[k])).padStart(9)}${red.runs > 1 ? `   [${Math.round(b.p10)} – ${Math.round(b.p90)}]` : ''}\n`,
          );
        }
      }
      if (stopped) process.exitCode = 130;
    });
}
