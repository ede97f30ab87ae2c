// Coverage of the nowcast of a published running total (src/nowcast/project-totals.ts) on simulated worlds
// with a known truth: for each volatility and horizon, the share of worlds whose true total at "now" lies in
// the 95% interval, next to the nominal 95% and their ratio; then a short series (three or four totals)
// with its volatility pooled over series that move alike, against its own. Usage:
//   npx tsx bench/nowcast-published-coverage.ts [--worlds 400] [--draws 800]
import { borrowedVolatility, projectTotals } from '../src/nowcast/project-totals.ts';
import { simulatePooledTotals, simulateRunningTotals } from '../src/nowcast/simulate-totals.ts';
import { formatTable } from '../src/cli/table.ts';

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
process.stdout.write(
  `${formatTable(['σ per √month', 'horizon (days)', 'worlds', 'ours: 95% covers', 'nominal', 'ratio', 'below / above', 'mean width / total'], rows)}\n`,
);

// A short series (three or four totals) pooled with two long ones that share its volatility, against its own.
const pooledRows: string[][] = [];
for (const sigma of [0.1, 0.25]) {
  const tally = { pooled: 0, own: 0, n: 0, wPooled: 0, wOwn: 0 };
  for (let w = 1; w <= worlds; w++) {
    const { long, short } = simulatePooledTotals({ seed: w, sigma });
    if (!short) continue;
    const pool = [...long, short].map((x) => ({ readings: x.readings, start: x.start }));
    const volatility = borrowedVolatility(short.readings, { start: short.start, pool });
    const opts = { now: short.now, start: short.start, draws, seed: w };
    const pooled = projectTotals(short.readings, { ...opts, volatility });
    const own = projectTotals(short.readings, opts);
    tally.n++;
    const inside = (t: typeof pooled) => short.truth >= t.total.lo95 && short.truth <= t.total.hi95;
    if (inside(pooled)) tally.pooled++;
    if (inside(own)) tally.own++;
    tally.wPooled += pooled.total.hi95 / Math.max(1, pooled.total.lo95);
    tally.wOwn += own.total.hi95 / Math.max(1, own.total.lo95);
  }
  pooledRows.push([
    String(sigma),
    String(tally.n),
    `${((tally.pooled / tally.n) * 100).toFixed(1)}%`,
    (tally.pooled / tally.n / 0.95).toFixed(3),
    `${((tally.own / tally.n) * 100).toFixed(1)}%`,
    (tally.wPooled / tally.n).toFixed(2),
    (tally.wOwn / tally.n).toExponential(2),
  ]);
}
process.stdout.write(
  `\n${formatTable(['σ per √month', 'short series', 'pooled: 95% covers', 'ratio to 95%', 'own: 95% covers', 'pooled: mean hi/lo', 'own: mean hi/lo'], pooledRows)}\n`,
);
process.stdout.write(`${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
