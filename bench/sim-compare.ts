// Old engine against new, in one run: `npx tsx bench/sim-compare.ts [OLD_TREE]`.
// OLD_TREE is a checkout of the reference commit outside the repository, e.g.
//   git worktree add --detach /tmp/sim-old d74a4f5 && ln -s "$PWD/node_modules" /tmp/sim-old/node_modules
// Each measurement is one simulation in a fresh child process (no JIT state shared between trees),
// old and new alternating so that load on the machine hits both alike. Prints the median wall and CPU
// seconds of each and the ratio new / old (below 1: the new tree is faster). Both runs must give the
// same bytes; the check is part of the bench.
// Environment: SIM_COMPARE_AGENTS (default 100000), SIM_COMPARE_ROUNDS (5), SIM_COMPARE_END (2025-12-31).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const START = '2022-02-24';
const END = process.env.SIM_COMPARE_END ?? '2025-12-31';
const agents = Number(process.env.SIM_COMPARE_AGENTS ?? 100_000);
const rounds = Number(process.env.SIM_COMPARE_ROUNDS ?? 5);

interface Timing {
  wall: number;
  cpu: number;
  hash: string;
}

if (process.argv[2] === '--child') {
  const root = process.argv[3]!;
  const { simulate } = await import(pathToFileURL(resolve(root, 'src/sim/engine.ts')).href);
  const { baselineScenario } = await import(pathToFileURL(resolve(root, 'src/sim/scenario.ts')).href);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = simulate({ seed: 1, agents, start: START, end: END, scenario: baselineScenario() });
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const h = createHash('sha256');
  for (const k of Object.keys(r.flows).sort()) h.update(new Uint8Array(r.flows[k].buffer));
  for (const k of Object.keys(r.stocks).sort()) h.update(new Uint8Array(r.stocks[k].buffer));
  const out: Timing = { wall, cpu: (c.user + c.system) / 1e6, hash: h.digest('hex').slice(0, 16) };
  process.stdout.write(`${JSON.stringify(out)}\n`);
  process.exit(0);
}

const self = fileURLToPath(import.meta.url);
const NEW = fileURLToPath(new URL('..', import.meta.url));
const OLD = resolve(process.argv[2] ?? '/tmp/sim-old');
if (!existsSync(resolve(OLD, 'src/sim/engine.ts'))) {
  console.error(
    `no old tree at ${OLD}: git worktree add --detach ${OLD} d74a4f5 && ln -s "$PWD/node_modules" ${OLD}/node_modules`,
  );
  process.exit(2);
}

function measure(root: string): Timing {
  const r = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', root], {
    encoding: 'utf8',
    cwd: NEW,
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0) throw new Error(`child for ${root} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Timing;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const f = (x: number) => x.toFixed(3);

console.log(
  `sim compare: ${agents.toLocaleString('en')} soldiers, ${START} to ${END}, ${rounds} rounds, old ${OLD}, new ${NEW}`,
);
const old: Timing[] = [];
const cur: Timing[] = [];
for (let i = 0; i < rounds; i++) {
  // Alternate which goes first, so neither always runs on a warmer machine.
  if (i % 2 === 0) {
    old.push(measure(OLD));
    cur.push(measure(NEW));
  } else {
    cur.push(measure(NEW));
    old.push(measure(OLD));
  }
  console.log(
    `  round ${i + 1}: old ${f(old[i]!.wall)} s wall / ${f(old[i]!.cpu)} s CPU, new ${f(cur[i]!.wall)} s / ${f(cur[i]!.cpu)} s`,
  );
}
const same = old.every((o) => o.hash === cur[0]!.hash) && cur.every((c) => c.hash === cur[0]!.hash);
const ow = median(old.map((t) => t.wall));
const nw = median(cur.map((t) => t.wall));
const oc = median(old.map((t) => t.cpu));
const nc = median(cur.map((t) => t.cpu));
console.log(`old: median ${f(ow)} s wall, ${f(oc)} s CPU`);
console.log(`new: median ${f(nw)} s wall, ${f(nc)} s CPU`);
console.log(
  `ratio new/old: ${(nw / ow).toFixed(3)} (wall), ${(nc / oc).toFixed(3)} (CPU); output ${same ? 'identical' : 'DIFFERENT'} (${cur[0]!.hash})`,
);
if (!same) process.exit(1);
