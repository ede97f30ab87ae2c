// npm run bench:nowcast — known answers and speed of the nowcasting methods.
// Prints our figure, the reference figure and the ratio, as every bench does.
import { readFileSync } from 'node:fs';
import { estimateDelayPmf, chainLadderFill } from '../src/nowcast/baseline.ts';
import { chainLadder } from '../src/nowcast/chain-ladder.ts';
import { suggestMaxDelay } from '../src/nowcast/line-list.ts';
import { NOWCAST_METHODS } from '../src/nowcast/nowcast-result.ts';
import { lastCompletePeriod } from '../src/nowcast/periods.ts';
import { runNowcast } from '../src/nowcast/run-nowcast.ts';
import { simulateLineList, trueCountsByPeriod } from '../src/nowcast/simulate-line-list.ts';
import { incrementalFromCumulative, triangleFromCases, triangleFromRows } from '../src/nowcast/triangle.ts';

const reference = (name: string) =>
  JSON.parse(readFileSync(new URL(`../test/fixtures/reference/nowcast/${name}`, import.meta.url), 'utf8'));
const rows: Array<[string, number, number]> = [];
const add = (what: string, ours: number, ref: number) => rows.push([what, ours, ref]);

// Known answers.
const raa = reference('raa.json');
const fit = chainLadder(triangleFromRows(incrementalFromCumulative(raa.cumulative_rows), { maxDelay: 9 }).counts);
add('RAA total IBNR', fit.totalIbnr, raa.reference.total_ibnr);
add('RAA Mack total SE', fit.totalSe, raa.reference.mack_total_se);
fit.factors.forEach((f, j) => add(`RAA factor ${j + 1}-${j + 2}`, f, raa.reference.development_factors[j]));
const ex = reference('baselinenowcast-example.json');
const exTri = triangleFromRows(ex.incremental_rows);
chainLadderFill(exTri.counts).forEach((r, i) =>
  add(
    `baselinenowcast example row ${i + 1} total`,
    r.reduce((a, b) => a + b, 0),
    ex.reference.filled_row_totals[i],
  ),
);
estimateDelayPmf(exTri.counts).forEach((p, d) =>
  add(`baselinenowcast example pmf[${d}]`, p, ex.reference.delay_pmf[d]),
);

// Speed: a 20-year weekly court line list of about 50,000 cases, every method.
const years = 20;
let t = performance.now();
const sim = simulateLineList({
  seed: 2024,
  start: '2005-01-03',
  days: Math.round(years * 365.25),
  expectedCases: 50_000,
});
const simMs = performance.now() - t;
const nowDay = sim.firstDay + Math.round(years * 365.25) - 1;
const cases = sim.cases.filter((c) => c.report <= nowDay);
t = performance.now();
const maxDelay = suggestMaxDelay(cases, 'week');
const { triangle } = triangleFromCases(cases, {
  unit: 'week',
  lastPeriod: lastCompletePeriod(nowDay, 'week'),
  maxDelay,
});
const triMs = performance.now() - t;
const truth = trueCountsByPeriod(sim, 'week');
const speed: Array<[string, number, number]> = [];
const newest: string[] = [];
for (const m of NOWCAST_METHODS) {
  t = performance.now();
  const r = runNowcast(triangle, m, { baseline: { seed: 1 }, bayes: { seed: 1 } });
  const ms = performance.now() - t;
  speed.push([`${m} nowcast (s)`, ms / 1000, m === 'bayes' ? 10 : Number.NaN]);
  const p = r.periods[r.periods.length - 1]!;
  const y = truth.get(triangle.firstPeriod + triangle.counts.length - 1) ?? 0;
  // A method may decline the newest week (nothing reported yet while cases are still to come): say why.
  const figure = p.note
    ? `no estimate (${p.note})`
    : `estimate ${p.estimate.toFixed(1)} [95% ${p.lo95.toFixed(1)}–${p.hi95.toFixed(1)}]`;
  newest.push(`${m.padEnd(12)} newest week ${p.period}: reported ${p.reported}, ${figure}, truth ${y}`);
}

const pad = (s: string, n: number) => s.padEnd(n);
const num = (x: number) => (Number.isFinite(x) ? (Math.abs(x) >= 1000 ? x.toFixed(2) : x.toPrecision(6)) : '—');
console.log('nowcast bench: known answers');
console.log(`${pad('figure', 42)}${pad('ours', 14)}${pad('reference', 14)}ratio`);
for (const [w, o, r] of rows) console.log(`${pad(w, 42)}${pad(num(o), 14)}${pad(num(r), 14)}${(o / r).toFixed(6)}`);
console.log(
  `\nspeed: ${cases.length} cases over ${years} years, weekly, ${triangle.counts.length} rows, max delay ${maxDelay} weeks (simulate ${(simMs / 1000).toFixed(2)} s, triangle ${(triMs / 1000).toFixed(2)} s)`,
);
console.log(`${pad('figure', 42)}${pad('ours', 14)}${pad('limit', 14)}ratio`);
for (const [w, o, r] of speed)
  console.log(
    `${pad(w, 42)}${pad(o.toFixed(3), 14)}${pad(Number.isFinite(r) ? r.toFixed(1) : '—', 14)}${Number.isFinite(r) ? (o / r).toFixed(3) : '—'}`,
  );
console.log('');
for (const l of newest) console.log(l);
