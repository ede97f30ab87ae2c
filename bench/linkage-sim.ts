// The simulation's individual lists, linked without names and counted by capture–recapture
// (run: npx tsx bench/linkage-sim.ts [seed] [agents] [threshold]; defaults 2026, 20000, 0.7).
// A baseline run keeps its event logs; src/sim/identity draws the lists (courts, NGO, surrender
// programme, wanted list, a leaked unit list) with per-source damage; each holder encodes its own list
// with identitySchema and the shared secret; the CLKs are deduplicated per list and linked; the linked
// capture histories go to capture–recapture beside the true ones from the answer key, with every method's
// own model choice and with the model chosen on the true histories held fixed (the linkage's effect alone).
// The known population: everyone who left his unit at least once (ever AWOL) — every list but the NGO's
// records only such men, and the NGO's few others are counted and printed.
import { tableFromPatternCounts } from '../src/mse/table.ts';
import { runMethod, runMethods } from '../src/mse/report.ts';
import { linkSimulated, simulatedLists } from '../test/linkage/sim-lists.ts';

const SEED = Number(process.argv[2] ?? 2026);
const AGENTS = Number(process.argv[3] ?? 20_000);
const THRESHOLD = Number(process.argv[4] ?? 0.7);
const GRID = [
  ...new Set(
    [THRESHOLD - 0.04, THRESHOLD - 0.02, THRESHOLD, THRESHOLD + 0.02, THRESHOLD + 0.04].map(
      (t) => Math.round(t * 100) / 100,
    ),
  ),
];
const f3 = (x: number) => x.toFixed(3);
const cpuSeconds = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1e6;

let c0 = process.cpuUsage();
const s = simulatedLists(SEED, AGENTS);
console.log(
  `baseline run, seed ${SEED}, ${AGENTS} agents, 2022-02-24..2025-12-31; simulate + lists + encode ${cpuSeconds(process.cpuUsage(c0)).toFixed(1)} CPU-s`,
);
console.log(`lists: ${s.sources.map((x, l) => `${x} ${s.packed[l]!.n}`).join(', ')} rows`);
const observed = (h: Record<string, number>) => Object.values(h).reduce((a, b) => a + b, 0);
const N = s.everAwol;
console.log(
  `known population N = ${N} (ever AWOL); on the lists: ${observed(s.trueHistories)} people, ${s.outsidePopulation} of them never AWOL (NGO requests)`,
);

const rows: string[][] = [];
// The log-linear model selected on the true histories, also fitted, unchanged, to each linked table: its
// ratio is the linkage's effect alone, without model selection flipping between near-equal models.
let trueModel = '';
function estimate(label: string, h: Record<string, number>, reference?: Map<string, number>): Map<string, number> {
  const table = tableFromPatternCounts(s.sources, h);
  const rep = runMethods(table, ['loglinear', 'dga', 'lcmcr'], { seed: 1 });
  trueModel ||= rep.results.find((r) => r.method === 'loglinear')?.model ?? '';
  const fixed = { ...runMethod(table, 'loglinear', { model: trueModel }), method: `fixed ${trueModel}` };
  const out = new Map<string, number>();
  for (const r of [...rep.results, fixed]) {
    out.set(r.method, r.estimate);
    const ref = reference?.get(r.method);
    rows.push([
      label,
      r.method,
      String(Math.round(r.estimate)),
      `[${Math.round(r.interval[0])}, ${Math.round(r.interval[1])}]`,
      r.interval[0] <= N && N <= r.interval[1] ? 'inside' : 'OUTSIDE',
      ref ? f3(r.estimate / ref) : '—',
      r.warnings.length ? r.warnings.map((w) => w.split(':')[0]).join('; ') : '',
    ]);
  }
  for (const f of rep.failures) rows.push([label, f.method, 'failed', f.error, '', '', '']);
  return out;
}

c0 = process.cpuUsage();
const fromTruth = estimate('true histories', s.trueHistories);
console.log(
  '\nthreshold  precision  recall  F1     history error  people observed (true ' + observed(s.trueHistories) + ')',
);
for (const t of GRID) {
  const r = await linkSimulated(s, t);
  const q = r.quality;
  console.log(
    `${t.toFixed(2).padEnd(9)}  ${f3(q.precision).padEnd(9)}  ${f3(q.recall).padEnd(6)}  ${f3(q.f1)}  ${f3(r.historyError).padEnd(13)}  ${observed(r.linked.captureHistories)}`,
  );
  estimate(`linked t=${t.toFixed(2)}`, r.linked.captureHistories, fromTruth);
}
console.log(
  `\ncapture–recapture (95% intervals; N = ${N}; ratio = N̂ from linked / N̂ from true histories), ${cpuSeconds(process.cpuUsage(c0)).toFixed(1)} CPU-s for linkage and estimates:`,
);
const head = ['histories', 'method', 'N̂', 'interval', 'N inside?', 'ratio', 'warnings'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (r: string[]) =>
  r
    .map((c, i) => c.padEnd(widths[i]!))
    .join('  ')
    .trimEnd();
console.log(line(head));
for (const r of rows) console.log(line(r));
