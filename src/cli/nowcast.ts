import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { checkLineListColumns } from '../analyses/index.ts';
import {
  DATE_KINDS,
  type DateKind,
  NOWCAST_METHODS,
  type NowcastMethod,
  nowcastJson,
  PERIOD_UNITS,
  type PeriodUnit,
  runBacktest,
  runCumulative,
  runNowcastAnalysis,
} from '../analyses/index.ts';
import { isIsoDate, BadInputError } from '../domain/index.ts';
import { formatTable } from './table.ts';

interface CommonOpts {
  eventCol?: string;
  reportCol?: string;
  now?: string;
  unit: string;
  maxDelay?: string;
  method: string;
  json?: boolean;
  onBad: string;
  seed: string;
  triangle?: boolean;
  dateKind?: string;
}

const argIssue = (field: string, message: string): BadInputError =>
  new BadInputError([{ file: 'arguments', line: 0, field, message }]);

function parseCommon(opts: CommonOpts) {
  if (!PERIOD_UNITS.includes(opts.unit as PeriodUnit))
    throw argIssue('--unit', `must be day, week or month (got "${opts.unit}")`);
  const methods: NowcastMethod[] =
    opts.method === 'all'
      ? [...NOWCAST_METHODS]
      : NOWCAST_METHODS.includes(opts.method as NowcastMethod)
        ? [opts.method as NowcastMethod]
        : [];
  if (methods.length === 0)
    throw argIssue('--method', `must be chainladder, baseline, bayes or all (got "${opts.method}")`);
  if (opts.now !== undefined && !isIsoDate(opts.now)) throw argIssue('--now', `not a date (YYYY-MM-DD): "${opts.now}"`);
  if (opts.onBad !== 'fail' && opts.onBad !== 'skip')
    throw argIssue('--on-bad', `must be fail or skip (got "${opts.onBad}")`);
  const maxDelay = opts.maxDelay === undefined ? undefined : Number(opts.maxDelay);
  if (maxDelay !== undefined && !(Number.isInteger(maxDelay) && maxDelay >= 1))
    throw argIssue('--max-delay', `must be a whole number ≥ 1 (got "${opts.maxDelay}")`);
  const seed = Number(opts.seed);
  if (!Number.isInteger(seed)) throw argIssue('--seed', `must be an integer (got "${opts.seed}")`);
  return { unit: opts.unit as PeriodUnit, methods, maxDelay, seed, onBad: opts.onBad as 'fail' | 'skip' };
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new BadInputError([
      { file, line: 0, message: `cannot read the file: ${err instanceof Error ? err.message : String(err)}` },
    ]);
  }
}

const fmt = (x: number) =>
  Number.isFinite(x) ? (Math.abs(x) >= 100 ? Math.round(x).toString() : x.toFixed(1)) : 'n/a';

export function register(program: Command): void {
  // `nowcast` and `nowcast backtest` share flag names; without positional options the root command
  // splits argv so that `nowcast` swallows the sub-command's flags. The root has only -V/-h.
  program.enablePositionalOptions();
  const nowcast = program
    .command('nowcast')
    .description(
      'estimate what the recent periods of a delayed series will show once all cases are in (chain ladder, baseline, bayes)',
    )
    .argument('<file>', 'CSV line list (one row per case) or, with --triangle, a reporting triangle')
    .option('--event-col <column>', 'column with the event date (offence or case received)')
    .option('--report-col <column>', 'column with the report date (verdict)')
    .option(
      '--now <date>',
      'the date of the nowcast (YYYY-MM-DD; default: the latest report date): rows reported after it are not yet known and are left out (counted); with day dates the unfinished period containing it is left out, with period-start dates it is estimated',
    )
    .option('--unit <unit>', 'period unit: day, week or month', 'month')
    .option('--max-delay <n>', 'longest delay in periods (default: the 99th percentile of the observed delays)')
    .option('--method <method>', 'chainladder, baseline, bayes or all', 'bayes')
    .option(
      '--on-bad <mode>',
      'bad rows: fail (list them all and stop) or skip (leave them out and count them)',
      'fail',
    )
    .option('--seed <n>', 'random seed of the sampling methods', '1')
    .option(
      '--triangle',
      'FILE is a reporting triangle: first column the period start, then delay columns 0..D (empty = not observed)',
    )
    .option(
      '--date-kind <kind>',
      'auto, day or period-start: whether the dates are days or period labels (every date the first day of its week or month, as NobBS data are); with labels the period that starts on --now is estimated',
      'auto',
    )
    .option(
      '--json',
      'print JSON: {method, now, unit, periods: [{period, reported, estimate, lo50, hi50, lo95, hi95, note?}], reportedAfterNow, dates}',
    )
    // The backtest sub-command has flags of the same names: these must not swallow them.
    .enablePositionalOptions()
    .action((file: string, opts: CommonOpts) => {
      const c = parseCommon(opts);
      const dateKind = (opts.dateKind ?? 'auto') as DateKind;
      if (!DATE_KINDS.includes(dateKind))
        throw argIssue('--date-kind', `must be auto, day or period-start (got "${opts.dateKind}")`);
      if (!opts.triangle) checkLineListColumns(opts);
      const a = runNowcastAnalysis({
        name: file,
        text: readText(file),
        triangle: opts.triangle === true,
        eventCol: opts.eventCol,
        reportCol: opts.reportCol,
        now: opts.now,
        unit: c.unit,
        maxDelay: c.maxDelay,
        methods: c.methods,
        onBad: c.onBad,
        seed: c.seed,
        dateKind,
      });
      for (const w of a.warnings) process.stderr.write(`darkfigure nowcast: ${w}\n`);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(nowcastJson(a))}\n`);
        return;
      }
      const { triangle: tri, now, results } = a;
      const show = Math.min(tri.counts.length, tri.maxDelay + 3);
      for (const r of results) {
        process.stdout.write(`\n${r.method}: nowcast as of ${now}, unit ${r.unit}, max delay ${tri.maxDelay}\n`);
        const shown = r.periods.slice(-show);
        const notes = shown.some((p) => p.note);
        const rows = shown.map((p) =>
          p.note
            ? [p.period, p.reported, 'none', '', '', p.note]
            : [
                p.period,
                p.reported,
                fmt(p.estimate),
                `${fmt(p.lo50)}–${fmt(p.hi50)}`,
                `${fmt(p.lo95)}–${fmt(p.hi95)}`,
                ...(notes ? [''] : []),
              ],
        );
        process.stdout.write(
          `${formatTable(['period', 'reported', 'estimate', '50% interval', '95% interval', ...(notes ? ['note'] : [])], rows)}\n`,
        );
      }
    });

  nowcast
    .command('backtest')
    .description(
      'nowcast as of many past dates and score each method against what eventually arrived (coverage, weighted interval score)',
    )
    .argument('<file>', 'CSV line list, complete enough that the recent periods of each backtest date have all arrived')
    .requiredOption('--event-col <column>', 'column with the event date')
    .requiredOption('--report-col <column>', 'column with the report date')
    .option('--now <date>', 'the date the data were extracted; default: the latest report date')
    .option('--unit <unit>', 'period unit: day, week or month', 'month')
    .option('--max-delay <n>', 'longest delay in periods (default: the 99th percentile of the observed delays)')
    .option('--method <method>', 'chainladder, baseline, bayes or all', 'all')
    .option('--dates <n>', 'number of backtest dates, spread over the usable span', '20')
    .option('--on-bad <mode>', 'bad rows: fail or skip', 'fail')
    .option('--seed <n>', 'random seed', '1')
    .option(
      '--json',
      'print JSON: {dates, skippedDates, scores: [{method, horizon, n, coverage50, coverage95, wis, meanRelError, undefinedCount}]}',
    )
    .action((file: string, opts: CommonOpts & { dates: string }) => {
      const c = parseCommon(opts);
      const nDates = Number(opts.dates);
      if (!(Number.isInteger(nDates) && nDates >= 1))
        throw argIssue('--dates', `must be a whole number ≥ 1 (got "${opts.dates}")`);
      const progress = !opts.json && process.stderr.isTTY;
      const {
        result: res,
        maxDelay,
        firstStart,
      } = runBacktest({
        name: file,
        text: readText(file),
        eventCol: opts.eventCol!,
        reportCol: opts.reportCol!,
        now: opts.now,
        unit: c.unit,
        maxDelay: c.maxDelay,
        methods: c.methods,
        onBad: c.onBad,
        seed: c.seed,
        dates: nDates,
        onProgress: progress ? (done, total) => process.stderr.write(`\rbacktest ${done}/${total}`) : undefined,
        onWarnings: (ws) => ws.forEach((w) => process.stderr.write(`darkfigure nowcast backtest: ${w}\n`)),
      });
      if (progress) process.stderr.write('\n');
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(res)}\n`);
        return;
      }
      process.stdout.write(
        `backtest: ${res.dates.length} dates from ${firstStart}, unit ${c.unit}, max delay ${maxDelay}; horizon 0 = the newest period\n`,
      );
      const rows = res.scores
        .filter((s) => s.horizon === 'all' || s.horizon === 0 || s.horizon === 1)
        .map((s) => [
          s.method,
          String(s.horizon),
          s.n,
          pct(s.coverage50),
          pct(s.coverage95),
          fmt(s.wis),
          pct(s.meanRelError),
          s.undefinedCount,
        ]);
      process.stdout.write(
        `${formatTable(['method', 'horizon', 'n', 'cover 50%', 'cover 95%', 'WIS', 'mean rel. error', 'no estimate'], rows)}\n`,
      );
    });

  nowcast
    .command('cumulative')
    .description(
      'turn cumulative totals published at irregular dates into counts per period, with the uncertainty the spacing implies',
    )
    .argument(
      '<file>',
      'CSV with a date column and a cumulative value column (values may carry ~ > < qualifiers, e.g. ">1,200")',
    )
    .requiredOption('--date-col <column>', 'column with the date of each reading')
    .requiredOption('--value-col <column>', 'column with the cumulative total')
    .option(
      '--qualifier-col <column>',
      'column with the qualifier (= ~ > < >= <=), if not written in front of the value',
    )
    .option('--start <date>', 'the day the count started from zero (adds a reading of 0 the day before)')
    .option('--unit <unit>', 'period unit: day, week or month', 'month')
    .option(
      '--smoothness <k>',
      'how smooth the rate is between readings (Dirichlet concentration per month; CV about 1/sqrt(k))',
      '10',
    )
    .option('--on-bad <mode>', 'bad rows: fail or skip', 'fail')
    .option('--seed <n>', 'random seed', '1')
    .option(
      '--now <date>',
      'also nowcast the periods after the newest reading up to this date (random walk on the log rate), with an out-of-sample check of each reading',
    )
    .option(
      '--json',
      'print JSON: {unit, intervals: [...], periods: [{period, estimate, lo50, hi50, lo95, hi95, covered}]}, with --now also projection and backtest',
    )
    .action(
      (
        file: string,
        opts: {
          dateCol: string;
          valueCol: string;
          qualifierCol?: string;
          start?: string;
          unit: string;
          smoothness: string;
          onBad: string;
          seed: string;
          now?: string;
          json?: boolean;
        },
      ) => {
        if (opts.now !== undefined && !isIsoDate(opts.now))
          throw argIssue('--now', `not a date (YYYY-MM-DD): "${opts.now}"`);
        if (!PERIOD_UNITS.includes(opts.unit as PeriodUnit))
          throw argIssue('--unit', `must be day, week or month (got "${opts.unit}")`);
        if (opts.onBad !== 'fail' && opts.onBad !== 'skip')
          throw argIssue('--on-bad', `must be fail or skip (got "${opts.onBad}")`);
        if (opts.start !== undefined && !isIsoDate(opts.start))
          throw argIssue('--start', `not a date (YYYY-MM-DD): "${opts.start}"`);
        const smoothness = Number(opts.smoothness);
        if (!(smoothness > 0)) throw argIssue('--smoothness', `must be a positive number (got "${opts.smoothness}")`);
        const {
          result: res,
          skipped,
          projection,
          backtest,
        } = runCumulative({
          name: file,
          text: readText(file),
          dateCol: opts.dateCol,
          valueCol: opts.valueCol,
          qualifierCol: opts.qualifierCol,
          start: opts.start,
          unit: opts.unit as PeriodUnit,
          smoothness,
          onBad: opts.onBad as 'fail' | 'skip',
          seed: Number(opts.seed) || 1,
          now: opts.now,
        });
        if (skipped > 0) process.stderr.write(`darkfigure nowcast cumulative: skipped ${skipped} bad row(s)\n`);
        for (const w of [...res.warnings, ...(projection?.warnings ?? [])])
          process.stderr.write(`darkfigure nowcast cumulative: ${w}\n`);
        if (opts.json) {
          process.stdout.write(
            `${JSON.stringify({ unit: opts.unit, intervals: res.intervals, periods: res.periods, ...(projection && { projection, backtest }) })}\n`,
          );
          return;
        }
        // The estimate, not the difference of the published figures: with '>' or '~' readings that
        // difference is one end of the range and can lie outside the interval.
        process.stdout.write(
          `${formatTable(
            ['from', 'to', 'days', 'count', '95% interval', 'per month', 'per month 95%'],
            res.intervals.map((i) => [
              i.start,
              i.end,
              i.days,
              fmt(i.estimate),
              `${fmt(i.lo95)}–${fmt(i.hi95)}`,
              fmt(i.perMonthEstimate),
              `${fmt(i.perMonthLo95)}–${fmt(i.perMonthHi95)}`,
            ]),
          )}\n\n`,
        );
        process.stdout.write(
          `${formatTable(
            ['period', 'estimate', '50% interval', '95% interval', 'covered'],
            res.periods.map((p) => [
              p.period,
              fmt(p.estimate),
              `${fmt(p.lo50)}–${fmt(p.hi50)}`,
              `${fmt(p.lo95)}–${fmt(p.hi95)}`,
              pct(p.covered),
            ]),
          )}\n`,
        );
        if (projection && backtest) {
          const t = projection.total;
          process.stdout.write(
            `\nnowcast after the newest reading (${projection.from.date}, ${fmt(projection.from.value)}) to ${projection.now}: total ${fmt(t.estimate)} (95% ${fmt(t.lo95)}–${fmt(t.hi95)}); added ${fmt(projection.added.estimate)} (95% ${fmt(projection.added.lo95)}–${fmt(projection.added.hi95)})\n` +
              `model: random walk on the log rate from the newest interval's ${fmt(projection.level.perMonth)} a month, volatility ${projection.volatility.used.toFixed(3)} per √month (${projection.volatility.pairs} pairs of intervals)\n`,
          );
          process.stdout.write(
            `${formatTable(
              ['period', 'estimate', '95% interval', 'covered'],
              projection.periods.map((p) => [
                p.period,
                fmt(p.estimate),
                `${fmt(p.lo95)}–${fmt(p.hi95)}`,
                pct(p.covered),
              ]),
            )}\n\nout-of-sample: each reading predicted from the readings before it (${backtest.inside} of ${backtest.total} inside the 95% band)\n`,
          );
          process.stdout.write(
            `${formatTable(
              ['reading', 'published', 'from', 'months ahead', 'estimate', '95% interval', 'inside'],
              backtest.checks.map((c) => [
                c.date,
                `${c.qualifier === '=' ? '' : c.qualifier}${fmt(c.published)}`,
                c.from,
                c.horizonMonths.toFixed(1),
                fmt(c.estimate),
                `${fmt(c.lo95)}–${fmt(c.hi95)}`,
                c.inside ? 'yes' : 'no',
              ]),
            )}\n`,
          );
        }
      },
    );
}

const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : 'n/a');
