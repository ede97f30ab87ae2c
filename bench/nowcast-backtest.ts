// Coverage study of the nowcasting methods on simulated court line lists with a known delay
// distribution and known true counts: `npx tsx bench/nowcast-backtest.ts [worlds] [dates] [unit]`.
// Each world is a seeded 10-year list (~120 cases a month, verdicts ~5 months after the offence);
// each is backtested at many past dates; every recent period is scored against the true count.
import { backtest, backtestDays, type BacktestScore } from '../src/nowcast/backtest.ts';
import { NOWCAST_METHODS } from '../src/nowcast/nowcast-result.ts';
import type { PeriodUnit } from '../src/nowcast/periods.ts';
import { simulateLineList, trueCountsByPeriod } from '../src/nowcast/simulate-line-list.ts';

const worlds = Number(process.argv[2] ?? 5);
const datesPerWorld = Number(process.argv[3] ?? 40);
const unit = (process.argv[4] ?? 'month') as PeriodUnit;
const maxDelay = unit === 'month' ? 12 : unit === 'week' ? 52 : 365;

type Acc = { n: number; c50: number; c95: number; wis: number; rel: number; undef: number };
const total = new Map<string, Acc>();
const t0 = performance.now();
for (let w = 0; w < worlds; w++) {
  const sim = simulateLineList({ seed: 1000 + w, start: '2012-01-01', days: 3652, expectedCases: 120 * 12 * 10 });
  const truth = trueCountsByPeriod(sim, unit);
  const days = backtestDays(sim.cases, unit, maxDelay, datesPerWorld);
  const res = backtest(sim.cases, {
    unit,
    maxDelay,
    methods: [...NOWCAST_METHODS],
    nowDays: days,
    truth: (p) => truth.get(p) ?? 0,
    methodOptions: { baseline: { seed: w }, bayes: { seed: w } },
  });
  for (const s of res.scores) accumulate(s);
  process.stderr.write(
    `world ${w + 1}/${worlds}: ${res.dates.length} dates (${((performance.now() - t0) / 1000).toFixed(0)} s)\n`,
  );
}

function accumulate(s: BacktestScore) {
  const key = `${s.method}|${s.horizon}`;
  const a = total.get(key) ?? { n: 0, c50: 0, c95: 0, wis: 0, rel: 0, undef: 0 };
  const defined = s.n - s.undefinedCount;
  a.n += s.n;
  a.c50 += s.coverage50 * s.n;
  a.c95 += s.coverage95 * s.n;
  if (defined > 0) {
    a.wis += s.wis * defined;
    a.rel += s.meanRelError * defined;
  }
  a.undef += s.undefinedCount;
  total.set(key, a);
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
console.log(
  `nowcast backtest: ${worlds} simulated court worlds × ${datesPerWorld} dates, unit ${unit}, max delay ${maxDelay}; horizon 0 = newest period`,
);
console.log('| method | horizon | n | cover 50% | cover 95% | mean WIS | mean rel. error | no estimate |');
console.log('|---|---|---|---|---|---|---|---|');
for (const m of [...NOWCAST_METHODS, 'reported']) {
  for (const h of [0, 1, 2, 3, 6, 'all']) {
    const a = total.get(`${m}|${h}`);
    if (!a) continue;
    const def = a.n - a.undef;
    console.log(
      `| ${m} | ${h} | ${a.n} | ${pct(a.c50 / a.n)} | ${pct(a.c95 / a.n)} | ${def ? (a.wis / def).toFixed(2) : 'n/a'} | ${def ? pct(a.rel / def) : 'n/a'} | ${a.undef} |`,
    );
  }
}
const b0 = total.get('bayes|0')!;
console.log(
  `\nbayes, newest period: 95% interval covers the truth on ${pct(b0.c95 / b0.n)} of backtest dates (target ≥ 90%); mean relative error ${pct(b0.rel / (b0.n - b0.undef))} (target ≤ +10%)`,
);
console.log(`total time ${((performance.now() - t0) / 1000).toFixed(1)} s`);
