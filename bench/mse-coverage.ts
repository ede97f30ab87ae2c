// Coverage study: the 95% intervals of every MSE method on simulated worlds with a known N
// (3–5 lists, heterogeneous capture, optional list dependence). Usage:
//   npx tsx bench/mse-coverage.ts [--worlds 200] [--jobs 2] [--seed 2026] [--family standard|hard|simulation|simulation-separate] [--resume] [--summarise]
// Families: `standard` and `hard` are the generator of src/mse/simulate-world.ts (latent classes or logit-normal
// propensities, direct dependence between lists 1 and 2); `simulation` runs the desertion model itself with
// parameters drawn from the calibration priors and takes its lists (courts, NGO, wanted list, leaked unit lists,
// surrender applications) as capture histories over everyone who went AWOL — the lists the project exists for.
// `simulation` analyses them as docs/mse.md recommends: the court cases and the wanted list are two steps of one
// state pipeline (sought, caught, tried), so they are merged into one list; `simulation-separate` gives every
// source its own list, which breaks the latent-class model's assumption (see docs/mse.md).
// Each world is fully determined by (seed, index), so a study can be split across processes; every finished
// world is appended to bench/out/mse-coverage-<seed>.jsonl, so --resume continues and --summarise only prints.
import { fork } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMethod, type MseMethod } from '../src/mse/report.ts';
import { coverageWorld, simulateWorld, type WorldFamily } from '../src/mse/simulate-world.ts';
import { marginalTable, mergeLists, observedTotal, type PatternTable } from '../src/mse/table.ts';
import { parseCalibrationConfig } from '../src/calibrate/config.ts';
import { type ParamPrior, samplePrior } from '../src/calibrate/prior.ts';
import { awolCaptureHistories, defaultParams, simulate } from '../src/sim/index.ts';
import { createRng } from '../src/mse/random/rng.ts';

const METHODS: MseMethod[] = ['chapman', 'loglinear', 'stepwise', 'dga', 'lcmcr'];

interface Row {
  world: number;
  lists: number;
  N: number;
  observed: number;
  results: Record<
    string,
    { estimate: number; lo: number; hi: number; seconds: number; rhat?: number; ess?: number } | { error: string }
  >;
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const familyIdx = process.argv.indexOf('--family');
const family = (familyIdx >= 0 ? process.argv[familyIdx + 1] : 'standard') as
  WorldFamily | 'simulation' | 'simulation-separate';
if (!['standard', 'hard', 'simulation', 'simulation-separate'].includes(family))
  throw new Error(`unknown --family ${family}`);
const fromModel = family.startsWith('simulation');

// The model's lists in the order they are added. Separate: 3 lists = courts, NGO, wanted; 4 adds the leaked unit
// lists; 5 the surrender applications. Merged (the same draws): courts+wanted, NGO, unit lists, and with 4–5
// drawn the surrender applications, so 3 or 4 lists: the model has no fifth source independent of these.
const SIM_LISTS = ['courts', 'ngo', 'wanted', 'unit_list', 'surrender_applications'];

function modelWorld(seed: number, index: number): { table: PatternTable; N: number; observed: number } {
  const file = new URL('../calibration/default.json', import.meta.url).pathname;
  const cfg = parseCalibrationConfig(file, JSON.parse(readFileSync(file, 'utf8')));
  const rng = createRng(seed, 300_000 + index);
  const lists = 3 + Math.floor(rng.next() * 3);
  const theta = Object.fromEntries((cfg.priors as ParamPrior[]).map((p) => [p.name, samplePrior(p, rng.next())]));
  const agents = 8000 + Math.floor(rng.next() * 12000);
  const r = simulate({
    seed: seed * 1000 + index,
    agents,
    start: cfg.run.start,
    end: cfg.run.end,
    keepEvents: true,
    scenario: { name: 'coverage', description: 'prior draw', base: { ...defaultParams(), ...theta }, changes: [] },
  });
  const h = awolCaptureHistories(r, SIM_LISTS, { leakedUnits: Math.max(1, Math.round(r.units / 50)) });
  const all = { lists: h.lists, counts: h.counts };
  const table =
    family === 'simulation-separate'
      ? marginalTable(all, [...Array(lists).keys()])
      : mergeLists(marginalTable(all, [...Array(lists === 3 ? 4 : 5).keys()]), [['courts', 'wanted']]);
  return { table, N: h.N, observed: observedTotal(table) };
}

function runWorld(seed: number, index: number): Row {
  const world = fromModel ? modelWorld(seed, index) : simulateWorld(coverageWorld(seed, index, family as WorldFamily));
  const spec = { lists: world.table.lists.length };
  const results: Row['results'] = {};
  for (const m of METHODS) {
    const t0 = performance.now();
    try {
      const r = runMethod(world.table, m, { seed: index + 1, loglinear: { replicates: 200 } });
      results[m] = {
        estimate: r.estimate,
        lo: r.interval[0],
        hi: r.interval[1],
        seconds: (performance.now() - t0) / 1000,
        rhat: r.diagnostics.rhat as number | undefined,
        ess: r.diagnostics.ess as number | undefined,
      };
    } catch (e) {
      results[m] = { error: e instanceof Error ? e.message : String(e) };
    }
  }
  return { world: index, lists: spec.lists, N: world.N, observed: world.observed, results };
}

const worlds = arg('worlds', 200);
const seed = arg('seed', 2026);
const rowsIdx = process.argv.indexOf('--rows');
const rowsFile = rowsIdx >= 0 ? process.argv[rowsIdx + 1]! : `bench/out/mse-coverage-${family}-${seed}.jsonl`;

if (process.argv.includes('--child')) {
  const list = process.argv[process.argv.indexOf('--list') + 1]!.split(',').map(Number);
  for (const i of list) {
    const row = runWorld(seed, i);
    appendFileSync(rowsFile, `${JSON.stringify(row)}\n`);
    process.send!(row);
  }
  process.exit(0);
}

const readRows = (): Row[] =>
  existsSync(rowsFile)
    ? readFileSync(rowsFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Row)
    : [];
mkdirSync(dirname(rowsFile), { recursive: true });
const jobs = Math.max(1, arg('jobs', 2));
const started = performance.now();
if (!process.argv.includes('--summarise')) {
  const done = new Set(process.argv.includes('--resume') ? readRows().map((r) => r.world) : []);
  const todo = Array.from({ length: worlds }, (_, i) => i).filter((i) => !done.has(i));
  let finished = 0;
  await Promise.all(
    Array.from(
      { length: jobs },
      (_, j) =>
        new Promise<void>((resolve, reject) => {
          const mine = todo.filter((_, k) => k % jobs === j);
          if (mine.length === 0) return resolve();
          const child = fork(
            fileURLToPath(import.meta.url),
            ['--child', '--list', mine.join(','), '--seed', String(seed), '--rows', rowsFile, '--family', family],
            { execArgv: process.execArgv },
          );
          child.on('message', () => {
            finished++;
            if (finished % 10 === 0)
              process.stderr.write(
                `${finished}/${todo.length} worlds (${((performance.now() - started) / 1000).toFixed(0)} s)\n`,
              );
          });
          child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`child ${j} exited with ${code}`))));
        }),
    ),
  );
}
// The last row per world wins (a rerun replaces earlier rows); only worlds below --worlds count.
const byWorld = new Map<number, Row>();
for (const r of readRows()) if (r.world < worlds) byWorld.set(r.world, r);
const rows = [...byWorld.values()];
rows.sort((a, b) => a.world - b.world);
const header = ['method', 'worlds', 'covered', 'coverage', 'median width/N', 'median |error|/N', 'failed', 's/world'];
const table: string[][] = [];
for (const m of METHODS) {
  let ok = 0,
    covered = 0,
    failed = 0,
    secs = 0;
  const widths: number[] = [];
  const errors: number[] = [];
  for (const r of rows) {
    const x = r.results[m];
    if (!x || 'error' in x || !Number.isFinite(x.lo) || !Number.isFinite(x.hi)) {
      failed++;
      continue;
    }
    ok++;
    secs += x.seconds;
    if (x.lo <= r.N && r.N <= x.hi) covered++;
    widths.push((x.hi - x.lo) / r.N);
    errors.push(Math.abs(x.estimate - r.N) / r.N);
  }
  const med = (v: number[]) => (v.length ? [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]! : NaN);
  table.push([
    m === 'chapman' ? 'chapman (lists 1–2)' : m,
    String(ok),
    String(covered),
    ok ? `${((100 * covered) / ok).toFixed(1)}%` : '—',
    med(widths).toFixed(3),
    med(errors).toFixed(3),
    String(failed),
    ok ? (secs / ok).toFixed(2) : '—',
  ]);
}
const w = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
const line = (r: string[]) => r.map((c, i) => c.padEnd(w[i]!)).join('  ');
console.log(
  `coverage of nominal 95% intervals on ${rows.length} simulated worlds (family ${family}, seed ${seed}; ${family === 'simulation' ? '3–4' : '3–5'} lists, heterogeneous capture, ${family === 'simulation' ? "the desertion model's own lists with courts and the wanted list merged, parameters from the calibration priors" : family === 'simulation-separate' ? "the desertion model's own lists, every source separate, parameters from the calibration priors" : 'list dependence in about half'})`,
);
console.log(line(header));
console.log(w.map((x) => '-'.repeat(x)).join('  '));
for (const r of table) console.log(line(r));
// Coverage of every method by kind of world: what breaks which assumption.
const covers = (r: Row, m: string) => {
  const x = r.results[m];
  return !!x && !('error' in x) && x.lo <= r.N && r.N <= x.hi;
};
const generated = (r: Row) => coverageWorld(seed, r.world, family as WorldFamily);
const groups: Array<[string, (r: Row) => boolean]> = [
  ...(fromModel
    ? []
    : ([
        ['latent classes', (r) => generated(r).heterogeneity.type === 'classes'],
        ['logit-normal', (r) => generated(r).heterogeneity.type === 'logit-normal'],
        ['independent lists', (r) => (generated(r).dependence ?? []).length === 0],
        ['lists 1–2 dependent', (r) => (generated(r).dependence ?? []).length > 0],
      ] as Array<[string, (r: Row) => boolean]>)),
  ['3 lists', (r) => r.lists === 3],
  ['4 lists', (r) => r.lists === 4],
  ['5 lists', (r) => r.lists === 5],
];
const gHeader = ['worlds', ...METHODS];
const gRows = groups.map(([name, pick]) => {
  const sub = rows.filter(pick);
  return [
    `${name} (${sub.length})`,
    ...METHODS.map((m) =>
      sub.length ? `${((100 * sub.filter((r) => covers(r, m)).length) / sub.length).toFixed(0)}%` : '—',
    ),
  ];
});
const gw = gHeader.map((h, i) => Math.max(h.length, ...gRows.map((r) => r[i]!.length)));
console.log('\ncoverage by kind of world');
console.log(gHeader.map((c, i) => c.padEnd(gw[i]!)).join('  '));
console.log(gw.map((x) => '-'.repeat(x)).join('  '));
for (const r of gRows) console.log(r.map((c, i) => c.padEnd(gw[i]!)).join('  '));
// Convergence of the latent-class sampler by number of lists (ESS is recorded only by rows written since it was added).
for (const lists of [3, 4, 5]) {
  const xs = rows
    .filter((r) => r.lists === lists)
    .map((r) => r.results.lcmcr)
    .filter((x) => x && !('error' in x)) as Array<{ rhat?: number; ess?: number }>;
  const withEss = xs.filter((x) => x.ess !== undefined);
  if (!xs.length) continue;
  const badRhat = xs.filter((x) => !((x.rhat ?? NaN) < 1.05)).length;
  const lowEss = withEss.filter((x) => !((x.ess ?? NaN) >= 400)).length;
  console.log(
    `lcmcr, ${lists} lists: split-R-hat ≥ 1.05 in ${badRhat} of ${xs.length} worlds; ESS < 400 in ${withEss.length ? `${lowEss} of ${withEss.length}` : '— (not recorded)'}`,
  );
}
const secs = rows.map((r) => Object.values(r.results).reduce((a, x) => a + ('seconds' in x ? x.seconds : 0), 0));
console.log(
  `${rows.length} of ${worlds} worlds done; mean ${(secs.reduce((a, b) => a + b, 0) / Math.max(rows.length, 1)).toFixed(1)} s of wall time per world (rows in ${rowsFile})`,
);
