// Coverage of the nowcast of a published running total (src/nowcast/project-totals.ts) on simulated worlds
// with a known truth: for each volatility and horizon, the share of worlds whose true total at "now" lies in
// the 95% interval, next to the nominal 95% and their ratio. Usage:
//   npx tsx bench/nowcast-published-coverage.ts [--worlds 400] [--draws 800]
import { projectTotals } from '../src/nowcast/project-totals.ts';
import { simulateRunningTotals } from '../src/nowcast/simulate-totals.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const worlds = arg('worlds', 400);
const draws = arg('draws', 800);
const rows: string[][] = [];
const t0 = performance.now();
for (const sigma of [0.03, 0.1, 0.25, 0.5])
  for (const horizonDays of [60, 180, 365]) {
    let inside = 0;
    let below = 0;
    let above = 0;
    let widthSum = 0;
    for (let w = 1; w <= worlds; w++) {
      const world = simulateRunningTotals({ seed: w * 13 + 1, sigma, horizonDays });
      const p = projectTotals(world.readings, { now: world.now, start: world.start, draws, seed: w });
      widthSum += (p.total.hi95 - p.total.lo95) / Math.max(1, p.total.estimate);
      if (world.truth < p.total.lo95) below++;
      else if (world.truth > p.total.hi95) above++;
      else inside++;
    }
    const cover = inside / worlds;
    rows.push([
      String(sigma),
      String(horizonDays),
      String(worlds),
      `${(cover * 100).toFixed(1)}%`,
      '95.0%',
      (cover / 0.95).toFixed(3),
      `${below} / ${above}`,
      `${((widthSum / worlds) * 100).toFixed(1)}%`,
    ]);
  }
const head = [
  'σ per √month',
  'horizon (days)',
  'worlds',
  'ours: 95% covers',
  'nominal',
  'ratio',
  'below / above',
  'mean width / total',
];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ');
process.stdout.write(`${line(head)}\n${line(widths.map((w) => '-'.repeat(w)))}\n${rows.map(line).join('\n')}\n`);
process.stdout.write(`${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
