// npm run bench:mse — log-linear search on 5 lists, dga on 5 lists, and LCMCR sweeps per second (K=10, 4 lists).
import { estimateDga } from '../src/mse/dga.ts';
import { LcmcrChain } from '../src/mse/lcmcr.ts';
import { rankModels } from '../src/mse/model-selection.ts';
import { createRng } from '../src/mse/random/rng.ts';
import { marginalTable, tableFromDgaOrder } from '../src/mse/table.ts';

const MY5 = [
  0, 27, 37, 19, 4, 4, 1, 1, 97, 22, 37, 25, 2, 1, 3, 5, 83, 36, 34, 18, 3, 5, 0, 2, 30, 5, 23, 8, 0, 3, 0, 2,
];
const five = tableFromDgaOrder(MY5);
const four = marginalTable(five, [0, 1, 2, 3]);

// Wall time, plus CPU time of this process: on a shared machine the CPU time is the fairer figure.
function time<T>(f: () => T): [T, number, number] {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = f();
  const c = process.cpuUsage(c0);
  return [r, (performance.now() - t0) / 1000, (c.user + c.system) / 1e6];
}

const rows: Array<[string, string, string, string]> = [];

// 1. Full hierarchical log-linear search, 5 lists, interactions up to order 3.
const [ranking, tSearch, cSearch] = time(() => rankModels(five));
const nModels = ranking.ranked.length + ranking.rejected.length;
rows.push([
  `log-linear search, 5 lists (${nModels} models, ${ranking.ranked.length} admissible)`,
  `${tSearch.toFixed(2)} s wall, ${cSearch.toFixed(2)} s CPU`,
  'no published timing',
  '—',
]);

// 2. dga, 5 lists, 822 graphs, grid 1:300.
const [, tDga, cDga] = time(() =>
  estimateDga(five, { delta: 0.5, nMissing: Array.from({ length: 300 }, (_, i) => i + 1) }),
);
rows.push([
  'dga, 5 lists (822 graphs × 300 grid values)',
  `${tDga.toFixed(3)} s wall, ${cDga.toFixed(3)} s CPU`,
  'no published timing',
  '—',
]);

// 3. LCMCR sweeps, K = 10, on the 4-list margin of the M&Y table (15 cells).
const chain = new LcmcrChain(four, 10, createRng(1));
for (let i = 0; i < 2000; i++) chain.sweep(); // warm the JIT
const sweeps = 100_000;
const [, tSweeps, cSweeps] = time(() => {
  for (let i = 0; i < sweeps; i++) chain.sweep();
});
rows.push([
  `LCMCR ${sweeps.toLocaleString('en-US')} sweeps (K=10, 4 lists)`,
  `${tSweeps.toFixed(2)} s wall, ${cSweeps.toFixed(2)} s CPU`,
  'target < 3 s',
  `${(tSweeps / 3).toFixed(2)} wall, ${(cSweeps / 3).toFixed(2)} CPU`,
]);
const perSec = sweeps / tSweeps;
const perCpuSec = sweeps / cSweeps;
// The research note's vectorised numpy port: about 110k sweeps in 8 s on a 4-list, 15-cell table (K=10).
const numpy = 110_000 / 8;
rows.push([
  'LCMCR sweeps per second (K=10, 4 lists)',
  `${Math.round(perSec).toLocaleString('en-US')} wall, ${Math.round(perCpuSec).toLocaleString('en-US')} CPU`,
  `${Math.round(numpy).toLocaleString('en-US')} (numpy port, research note)`,
  `${(perSec / numpy).toFixed(2)} wall, ${(perCpuSec / numpy).toFixed(2)} CPU`,
]);

const w = [0, 1, 2, 3].map((i) =>
  Math.max(...rows.map((r) => r[i]!.length), ['figure', 'ours', 'reference', 'ratio'][i]!.length),
);
const line = (r: string[]) => r.map((c, i) => c.padEnd(w[i]!)).join('  ');
console.log(line(['figure', 'ours', 'reference', 'ratio']));
console.log(w.map((x) => '-'.repeat(x)).join('  '));
for (const r of rows) console.log(line(r));
