// npm run bench:sim — the desertion model at the size of the real force.
//  1. one run: 300,000 soldiers, 2022-02-24 to 2025-12-31, one core (in a child process, for a clean
//     peak-memory figure): soldier-days per second, wall and CPU time, peak memory;
//  2. a 16-run ensemble on all cores, with the speed-up over one core;
//  3. the NumPy reference (bench/sim_numpy.py): the core daily step vectorised; both speeds and the ratio.
// Environment: SIM_BENCH_AGENTS (default 300000), SIM_BENCH_RUNS (16), SIM_BENCH_ENSEMBLE_AGENTS
// (default = SIM_BENCH_AGENTS), SIM_BENCH_NUMPY_DAYS (default: the full run).
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { simulate } from '../src/sim/engine.ts';
import { baselineScenario } from '../src/sim/scenario.ts';
import { runEnsemble } from '../src/jobs/ensemble.ts';
import { calibrationTable } from '../src/sim/calibration.ts';
import { daysBetween } from '../src/domain/dates.ts';

const START = '2022-02-24';
const END = '2025-12-31';
const agents = Number(process.env.SIM_BENCH_AGENTS ?? 300_000);
const days = daysBetween(START, END) + 1;

interface OneRun {
  wall: number;
  cpu: number;
  maxRssMb: number;
  calibration: ReturnType<typeof calibrationTable>;
}

if (process.argv.includes('--child-one')) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = simulate({
    seed: 1,
    agents,
    start: START,
    end: END,
    scenario: baselineScenario(),
    keepEvents: process.argv.includes('--events'),
  });
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const out: OneRun = {
    wall,
    cpu: (c.user + c.system) / 1e6,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    calibration: r.events ? calibrationTable(r) : [],
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
  process.exit(0);
}

const self = fileURLToPath(import.meta.url);
const fmt = (x: number, d = 1) => x.toFixed(d);
const M = (x: number) => `${fmt(x / 1e6)} M`;

function childRun(extra: string[] = []): OneRun {
  const r = spawnSync(process.execPath, ['--import', 'tsx', self, '--child-one', ...extra], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0) throw new Error(`child run failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

console.log(
  `darkfigure sim bench: ${agents.toLocaleString('en')} soldiers, ${START} to ${END} (${days} days, ${M(agents * days)} soldier-days)`,
);
console.log(
  `machine: ${availableParallelism()} cores, node ${process.version}; load average ${(await import('node:os'))
    .loadavg()
    .map((x) => fmt(x))
    .join(' ')}`,
);

// 1. One run on one core.
const one = childRun();
const sd = agents * days;
console.log('\n1. one run, one core');
console.log(`   wall ${fmt(one.wall, 2)} s (target < 10 s), CPU ${fmt(one.cpu, 2)} s`);
console.log(`   ${M(sd / one.wall)} soldier-days/s (wall), ${M(sd / one.cpu)} soldier-days/s (CPU)`);
console.log(`   peak memory (max RSS of the process) ${fmt(one.maxRssMb, 0)} MB (target < 300 MB)`);

// 2. Ensemble on all cores, against the same runs one after another on one thread.
if (!process.env.SIM_BENCH_SKIP_ENSEMBLE) {
  const runs = Number(process.env.SIM_BENCH_RUNS ?? 16);
  const eAgents = Number(process.env.SIM_BENCH_ENSEMBLE_AGENTS ?? agents);
  const threads = availableParallelism();
  const eBase = { seed: 1, agents: eAgents, start: START, end: END, scenario: baselineScenario() };
  const serialRuns = Math.min(runs, threads);
  let t0 = performance.now();
  await runEnsemble(eBase, { runs: serialRuns, threads: 1 });
  const perRun1 = (performance.now() - t0) / 1000 / serialRuns;
  t0 = performance.now();
  let finished = 0;
  await runEnsemble(eBase, {
    runs,
    threads,
    onRunDone: (d) => {
      finished = d;
    },
  });
  const ensWall = (performance.now() - t0) / 1000;
  console.log(
    `\n2. ensemble: ${runs} runs of ${eAgents.toLocaleString('en')} soldiers on ${threads} threads (${finished} finished)`,
  );
  console.log(
    `   one thread: ${fmt(perRun1, 1)} s per run (mean of ${serialRuns}), so ${runs} runs ~${fmt(runs * perRun1, 1)} s`,
  );
  console.log(`   all threads: ${fmt(ensWall, 1)} s (worker start-up included)`);
  console.log(`   speed-up ${fmt((runs * perRun1) / ensWall, 2)}× on ${threads} cores (target ≥ 1.8× on 2 cores)`);
}

// 3. NumPy reference.
const npDays = Number(process.env.SIM_BENCH_NUMPY_DAYS ?? days);
const py = spawnSync(
  'python3',
  [fileURLToPath(new URL('./sim_numpy.py', import.meta.url)), String(agents), String(npDays)],
  { encoding: 'utf8' },
);
console.log('\n3. reference: the core daily step in vectorised NumPy (bench/sim_numpy.py)');
if (py.error || py.status !== 0) {
  console.log(
    `   skipped (python3 or numpy not available${py.stderr ? `: ${py.stderr.trim().split('\n').pop()}` : ''})`,
  );
} else {
  const np = JSON.parse(py.stdout.trim().split('\n').pop()!) as {
    soldierDaysPerSecond: number;
    soldierDaysPerCpuSecond: number;
    seconds: number;
    days: number;
  };
  // CPU-time speeds are the fairer comparison on a shared machine; both are printed.
  console.log(
    `   NumPy ${M(np.soldierDaysPerSecond)} soldier-days/s wall, ${M(np.soldierDaysPerCpuSecond)} per CPU-second (${np.days} days in ${fmt(np.seconds, 1)} s)`,
  );
  console.log(
    `   ours  ${M(sd / one.wall)} soldier-days/s wall, ${M(sd / one.cpu)} per CPU-second (full model, ${days} days)`,
  );
  console.log(
    `   ratio ours / NumPy = ${fmt(sd / one.wall / np.soldierDaysPerSecond, 2)}× (wall), ${fmt(sd / one.cpu / np.soldierDaysPerCpuSecond, 2)}× (CPU)`,
  );
}

// Calibration table (a second run with event logs, for the unit-list figure).
if (!process.env.SIM_BENCH_SKIP_CALIBRATION) {
  const cal = childRun(['--events']).calibration;
  console.log('\n4. default calibration: baseline vs the bundled figures (data/figures.json, data/observations.jsonl)');
  console.log(
    `   ${'figure'.padEnd(52)} ${'observed'.padStart(16)} ${'model'.padStart(9)} ${'ratio'.padStart(6)}  ref`,
  );
  for (const r of cal)
    console.log(
      `   ${r.what.padEnd(52)} ${r.observed.padStart(16)} ${String(r.model).padStart(9)} ${fmt(r.model / r.target, 2).padStart(6)}  ${r.ref}`,
    );
}
