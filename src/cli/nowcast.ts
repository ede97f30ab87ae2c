import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import { dayNumber, fromDayNumber, isIsoDate } from '../domain/dates.ts';
import type { InputIssue } from '../domain/errors.ts';
import { BadInputError } from '../domain/errors.ts';
import { backtest, backtestDays } from '../nowcast/backtest.ts';
import { allocateCumulative, parseReadings } from '../nowcast/cumulative-totals.ts';
import type { OnBadRows, RawCaseRow } from '../nowcast/line-list.ts';
import { suggestMaxDelay, validateCaseRows } from '../nowcast/line-list.ts';
import type { Nowcast, NowcastMethod } from '../nowcast/nowcast-result.ts';
import { NOWCAST_METHODS } from '../nowcast/nowcast-result.ts';
import type { PeriodUnit } from '../nowcast/periods.ts';
import { PERIOD_UNITS, lastCompletePeriod, periodEndDay, periodOfDate, periodStartDay } from '../nowcast/periods.ts';
import type { DateKind, PeriodLabels } from '../nowcast/period-labels.ts';
import { DATE_KINDS, alignToLabels, detectPeriodLabels, relabel } from '../nowcast/period-labels.ts';
import { runNowcast } from '../nowcast/run-nowcast.ts';
import type { CaseRecord, ReportingTriangle } from '../nowcast/triangle.ts';
import { triangleFromCases } from '../nowcast/triangle.ts';
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

const argIssue = (field: string, message: string): BadInputError => new BadInputError([{ file: 'arguments', line: 0, field, message }]);

function parseCommon(opts: CommonOpts) {
  if (!PERIOD_UNITS.includes(opts.unit as PeriodUnit)) throw argIssue('--unit', `must be day, week or month (got "${opts.unit}")`);
  const methods: NowcastMethod[] =
    opts.method === 'all' ? [...NOWCAST_METHODS] : NOWCAST_METHODS.includes(opts.method as NowcastMethod) ? [opts.method as NowcastMethod] : [];
  if (methods.length === 0) throw argIssue('--method', `must be chainladder, baseline, bayes or all (got "${opts.method}")`);
  if (opts.now !== undefined && !isIsoDate(opts.now)) throw argIssue('--now', `not a date (YYYY-MM-DD): "${opts.now}"`);
  if (opts.onBad !== 'fail' && opts.onBad !== 'skip') throw argIssue('--on-bad', `must be fail or skip (got "${opts.onBad}")`);
  const maxDelay = opts.maxDelay === undefined ? undefined : Number(opts.maxDelay);
  if (maxDelay !== undefined && !(Number.isInteger(maxDelay) && maxDelay >= 1)) throw argIssue('--max-delay', `must be a whole number ≥ 1 (got "${opts.maxDelay}")`);
  const seed = Number(opts.seed);
  if (!Number.isInteger(seed)) throw argIssue('--seed', `must be an integer (got "${opts.seed}")`);
  return { unit: opts.unit as PeriodUnit, methods, maxDelay, seed, onBad: opts.onBad as OnBadRows };
}

function readCsv(file: string): { header: string[]; rows: Array<{ line: number; values: Record<string, string> }> } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new BadInputError([{ file, line: 0, message: `cannot read the file: ${err instanceof Error ? err.message : String(err)}` }]);
  }
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, { skip_empty_lines: true, trim: true, bom: true, info: true, relax_column_count: true }) as unknown as typeof records;
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 0;
    throw new BadInputError([{ file, line, message: `not valid CSV: ${err instanceof Error ? err.message : String(err)}` }]);
  }
  // Arrays, not objects: column names such as "0", "1" would be reordered as object keys.
  const header = records.length > 0 ? records[0].record : [];
  const rows = records.slice(1).map((r) => ({ line: r.info.lines, values: Object.fromEntries(header.map((h, i) => [h, r.record[i] ?? ''])) }));
  return { header, rows };
}

/** Reads a line list and builds the triangle as of now. */
function lineListTriangle(file: string, opts: CommonOpts, unit: PeriodUnit, onBad: OnBadRows, maxDelayArg?: number) {
  if (!opts.eventCol || !opts.reportCol) throw argIssue('--event-col', 'a line list needs --event-col and --report-col (or give --triangle)');
  const { header, rows } = readCsv(file);
  for (const [flag, col] of [['--event-col', opts.eventCol], ['--report-col', opts.reportCol]] as const)
    if (rows.length > 0 && !header.includes(col)) throw new BadInputError([{ file, line: 1, field: col, message: `no column "${col}" (${flag}); columns: ${header.join(', ')}` }]);
  const raw: RawCaseRow[] = rows.map((r) => ({ line: r.line, event: r.values[opts.eventCol!] ?? '', report: r.values[opts.reportCol!] ?? '' }));
  const v = validateCaseRows(raw, { file, now: opts.now, onBad, eventField: opts.eventCol, reportField: opts.reportCol });
  if (v.cases.length === 0) throw new BadInputError([{ file, line: 0, message: 'no usable rows' }]);
  const warnings: string[] = [];
  if (v.skipped > 0) warnings.push(`skipped ${v.skipped} bad row(s) (first: ${v.issues[0].file} line ${v.issues[0].line}: ${v.issues[0].message})`);
  if (v.afterNow > 0) warnings.push(`${v.afterNow} row(s) reported after now (${opts.now}) were not yet known then and are left out`);
  const nowDay = opts.now ? dayNumber(opts.now) : Math.max(...v.cases.map((c) => c.report));
  const maxDelay = maxDelayArg ?? suggestMaxDelay(v.cases, unit);
  return { cases: v.cases, nowDay, maxDelay, warnings, afterNow: v.afterNow };
}

/** A triangle CSV: first column the period start date, then one column per delay 0, 1, …; empty = not yet observed. */
function readTriangle(file: string, unit: PeriodUnit): ReportingTriangle {
  const { header, rows } = readCsv(file);
  const issues: InputIssue[] = [];
  const counts: number[][] = [];
  let first = 0;
  rows.forEach((r, i) => {
    const date = r.values[header[0]];
    if (!isIsoDate(date)) issues.push({ file, line: r.line, field: header[0], message: `not a date (YYYY-MM-DD): "${date}"` });
    else if (i === 0) first = periodOfDate(date, unit);
    else if (periodOfDate(date, unit) !== first + i) issues.push({ file, line: r.line, field: header[0], message: `rows must be consecutive ${unit}s` });
    const row = header.slice(1).map((h) => {
      const s = r.values[h];
      if (s === '' || s === undefined || s.toUpperCase() === 'NA') return Number.NaN;
      const x = Number(s);
      if (!Number.isFinite(x) || x < 0) issues.push({ file, line: r.line, field: h, message: `not a count: "${s}"` });
      return x;
    });
    counts.push(row);
  });
  if (issues.length > 0) throw new BadInputError(issues);
  if (counts.length === 0) throw new BadInputError([{ file, line: 0, message: 'no rows' }]);
  return { unit, firstPeriod: first, maxDelay: header.length - 2, counts };
}

/** What the JSON adds for a line list: rows left out as not yet known on now, and how the dates were read. */
interface LineListInfo {
  reportedAfterNow: number;
  dates: 'day' | 'period-start';
}

function toJson(n: Nowcast, now: string, info?: LineListInfo) {
  return { method: n.method, now, unit: n.unit, periods: n.periods, ...info };
}

/** How the dates of the list are read: --date-kind, or detected; an explicit period-start that does not fit is bad input. */
function periodLabels(file: string, cases: ReadonlyArray<CaseRecord>, unit: PeriodUnit, kind: DateKind): PeriodLabels {
  if (kind === 'day') return { periodStart: false, shift: 0 };
  const found = detectPeriodLabels(cases, unit);
  if (kind === 'period-start' && !found.periodStart && unit !== 'day')
    throw new BadInputError([{ file, line: 0, field: '--date-kind', message: `period-start: the dates are not all the first day of a ${unit}${unit === 'week' ? ' on one weekday' : ''} (e.g. ${found.counterexample ?? 'only one date'})` }]);
  return found;
}

const fmt = (x: number) => (Number.isFinite(x) ? (Math.abs(x) >= 100 ? Math.round(x).toString() : x.toFixed(1)) : 'n/a');

export function register(program: Command): void {
  // `nowcast` and `nowcast backtest` share flag names; without positional options the root command
  // splits argv so that `nowcast` swallows the sub-command's flags. The root has only -V/-h.
  program.enablePositionalOptions();
  const nowcast = program
    .command('nowcast')
    .description('estimate what the recent periods of a delayed series will show once all cases are in (chain ladder, baseline, bayes)')
    .argument('<file>', 'CSV line list (one row per case) or, with --triangle, a reporting triangle')
    .option('--event-col <column>', 'column with the event date (offence or case received)')
    .option('--report-col <column>', 'column with the report date (verdict)')
    .option('--now <date>', 'the date of the nowcast (YYYY-MM-DD; default: the latest report date): rows reported after it are not yet known and are left out (counted); with day dates the unfinished period containing it is left out, with period-start dates it is estimated')
    .option('--unit <unit>', 'period unit: day, week or month', 'month')
    .option('--max-delay <n>', 'longest delay in periods (default: the 99th percentile of the observed delays)')
    .option('--method <method>', 'chainladder, baseline, bayes or all', 'bayes')
    .option('--on-bad <mode>', 'bad rows: fail (list them all and stop) or skip (leave them out and count them)', 'fail')
    .option('--seed <n>', 'random seed of the sampling methods', '1')
    .option('--triangle', 'FILE is a reporting triangle: first column the period start, then delay columns 0..D (empty = not observed)')
    .option('--date-kind <kind>', 'auto, day or period-start: whether the dates are days or period labels (every date the first day of its week or month, as NobBS data are); with labels the period that starts on --now is estimated', 'auto')
    .option('--json', 'print JSON: {method, now, unit, periods: [{period, reported, estimate, lo50, hi50, lo95, hi95, note?}], reportedAfterNow, dates}')
    // The backtest sub-command has flags of the same names: these must not swallow them.
    .enablePositionalOptions()
    .action((file: string, opts: CommonOpts) => {
      const c = parseCommon(opts);
      const dateKind = (opts.dateKind ?? 'auto') as DateKind;
      if (!DATE_KINDS.includes(dateKind)) throw argIssue('--date-kind', `must be auto, day or period-start (got "${opts.dateKind}")`);
      let tri: ReportingTriangle;
      let now: string;
      let labels: PeriodLabels = { periodStart: false, shift: 0 };
      let info: LineListInfo | undefined;
      const warnings: string[] = [];
      if (opts.triangle) {
        tri = readTriangle(file, c.unit);
        now = fromDayNumber(periodEndDay(tri.firstPeriod + tri.counts.length - 1, c.unit));
      } else {
        const ll = lineListTriangle(file, opts, c.unit, c.onBad, c.maxDelay);
        warnings.push(...ll.warnings);
        labels = periodLabels(file, ll.cases, c.unit, dateKind);
        const aligned = alignToLabels(ll.cases, ll.nowDay, c.unit, labels);
        const built = triangleFromCases(aligned.cases, { unit: c.unit, lastPeriod: aligned.lastPeriod, maxDelay: ll.maxDelay });
        tri = built.triangle;
        now = fromDayNumber(ll.nowDay);
        info = { reportedAfterNow: ll.afterNow, dates: labels.periodStart ? 'period-start' : 'day' };
        if (labels.periodStart)
          warnings.push(`the dates are ${c.unit} starts: the ${c.unit} of ${fromDayNumber(periodStartDay(aligned.lastPeriod, c.unit) + labels.shift)} (containing now) is the newest estimated (--date-kind day reads them as days)`);
        if (built.beyondMaxDelay > 0) warnings.push(`${built.beyondMaxDelay} case(s) reported more than ${ll.maxDelay} ${c.unit}s after the event are left out (raise --max-delay to include them)`);
        if (built.outside > 0) warnings.push(`${built.outside} case(s) in the unfinished ${c.unit} of now are left out`);
      }
      if (tri.counts.length < tri.maxDelay + 2) throw new BadInputError([{ file, line: 0, message: `${tri.counts.length} ${c.unit}s of data cannot inform a maximum delay of ${tri.maxDelay}` }]);
      const results = c.methods.map((m) => relabel(runNowcast(tri, m, { baseline: { seed: c.seed }, bayes: { seed: c.seed } }), labels));
      for (const r of results) warnings.push(...r.warnings);
      for (const w of warnings) process.stderr.write(`darkfigure nowcast: ${w}\n`);
      if (opts.json) {
        const out = results.length === 1 ? toJson(results[0], now, info) : { methods: results.map((r) => toJson(r, now)), ...info };
        process.stdout.write(`${JSON.stringify(out)}\n`);
        return;
      }
      const show = Math.min(tri.counts.length, tri.maxDelay + 3);
      for (const r of results) {
        process.stdout.write(`\n${r.method}: nowcast as of ${now}, unit ${r.unit}, max delay ${tri.maxDelay}\n`);
        const shown = r.periods.slice(-show);
        const notes = shown.some((p) => p.note);
        const rows = shown.map((p) => (p.note ? [p.period, p.reported, 'none', '', '', p.note] : [p.period, p.reported, fmt(p.estimate), `${fmt(p.lo50)}–${fmt(p.hi50)}`, `${fmt(p.lo95)}–${fmt(p.hi95)}`, ...(notes ? [''] : [])]));
        process.stdout.write(`${formatTable(['period', 'reported', 'estimate', '50% interval', '95% interval', ...(notes ? ['note'] : [])], rows)}\n`);
      }
    });

  nowcast
    .command('backtest')
    .description('nowcast as of many past dates and score each method against what eventually arrived (coverage, weighted interval score)')
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
    .option('--json', 'print JSON: {dates, skippedDates, scores: [{method, horizon, n, coverage50, coverage95, wis, meanRelError, undefinedCount}]}')
    .action((file: string, opts: CommonOpts & { dates: string }) => {
      const c = parseCommon(opts);
      const nDates = Number(opts.dates);
      if (!(Number.isInteger(nDates) && nDates >= 1)) throw argIssue('--dates', `must be a whole number ≥ 1 (got "${opts.dates}")`);
      const ll = lineListTriangle(file, opts, c.unit, c.onBad, c.maxDelay);
      for (const w of ll.warnings) process.stderr.write(`darkfigure nowcast backtest: ${w}\n`);
      const days = backtestDays(ll.cases, c.unit, ll.maxDelay, nDates, ll.nowDay);
      if (days.length === 0)
        throw new BadInputError([{ file, line: 0, message: `too short to backtest: needs more than ${3 * (ll.maxDelay + 1)} ${c.unit}s of data with max delay ${ll.maxDelay}` }]);
      const progress = !opts.json && process.stderr.isTTY;
      const res = backtest(ll.cases, {
        unit: c.unit,
        maxDelay: ll.maxDelay,
        methods: c.methods,
        nowDays: days,
        finalDay: ll.nowDay,
        methodOptions: { baseline: { seed: c.seed }, bayes: { seed: c.seed } },
        onProgress: progress ? (done, total) => process.stderr.write(`\rbacktest ${done}/${total}`) : undefined,
      });
      if (progress) process.stderr.write('\n');
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(res)}\n`);
        return;
      }
      const firstStart = fromDayNumber(periodStartDay(lastCompletePeriod(days[0], c.unit), c.unit));
      process.stdout.write(`backtest: ${res.dates.length} dates from ${firstStart}, unit ${c.unit}, max delay ${ll.maxDelay}; horizon 0 = the newest period\n`);
      const rows = res.scores
        .filter((s) => s.horizon === 'all' || s.horizon === 0 || s.horizon === 1)
        .map((s) => [s.method, String(s.horizon), s.n, pct(s.coverage50), pct(s.coverage95), fmt(s.wis), pct(s.meanRelError), s.undefinedCount]);
      process.stdout.write(`${formatTable(['method', 'horizon', 'n', 'cover 50%', 'cover 95%', 'WIS', 'mean rel. error', 'no estimate'], rows)}\n`);
    });

  nowcast
    .command('cumulative')
    .description('turn cumulative totals published at irregular dates into counts per period, with the uncertainty the spacing implies')
    .argument('<file>', 'CSV with a date column and a cumulative value column (values may carry ~ > < qualifiers, e.g. ">1,200")')
    .requiredOption('--date-col <column>', 'column with the date of each reading')
    .requiredOption('--value-col <column>', 'column with the cumulative total')
    .option('--qualifier-col <column>', 'column with the qualifier (= ~ > < >= <=), if not written in front of the value')
    .option('--start <date>', 'the day the count started from zero (adds a reading of 0 the day before)')
    .option('--unit <unit>', 'period unit: day, week or month', 'month')
    .option('--smoothness <k>', 'how smooth the rate is between readings (Dirichlet concentration per month; CV about 1/sqrt(k))', '10')
    .option('--on-bad <mode>', 'bad rows: fail or skip', 'fail')
    .option('--seed <n>', 'random seed', '1')
    .option('--json', 'print JSON: {unit, intervals: [...], periods: [{period, estimate, lo50, hi50, lo95, hi95, covered}]}')
    .action((file: string, opts: { dateCol: string; valueCol: string; qualifierCol?: string; start?: string; unit: string; smoothness: string; onBad: string; seed: string; json?: boolean }) => {
      if (!PERIOD_UNITS.includes(opts.unit as PeriodUnit)) throw argIssue('--unit', `must be day, week or month (got "${opts.unit}")`);
      if (opts.onBad !== 'fail' && opts.onBad !== 'skip') throw argIssue('--on-bad', `must be fail or skip (got "${opts.onBad}")`);
      if (opts.start !== undefined && !isIsoDate(opts.start)) throw argIssue('--start', `not a date (YYYY-MM-DD): "${opts.start}"`);
      const smoothness = Number(opts.smoothness);
      if (!(smoothness > 0)) throw argIssue('--smoothness', `must be a positive number (got "${opts.smoothness}")`);
      const { header, rows } = readCsv(file);
      for (const col of [opts.dateCol, opts.valueCol, opts.qualifierCol].filter((c): c is string => !!c))
        if (!header.includes(col)) throw new BadInputError([{ file, line: 1, field: col, message: `no column "${col}"; columns: ${header.join(', ')}` }]);
      const parsed = parseReadings(
        rows.map((r) => ({ line: r.line, date: r.values[opts.dateCol], value: r.values[opts.valueCol], qualifier: opts.qualifierCol ? r.values[opts.qualifierCol] : undefined })),
        { file, onBad: opts.onBad as OnBadRows, dateField: opts.dateCol, valueField: opts.valueCol },
      );
      if (parsed.skipped > 0) process.stderr.write(`darkfigure nowcast cumulative: skipped ${parsed.skipped} bad row(s)\n`);
      const res = allocateCumulative(parsed.readings, { unit: opts.unit as PeriodUnit, start: opts.start, smoothness, seed: Number(opts.seed) || 1 });
      for (const w of res.warnings) process.stderr.write(`darkfigure nowcast cumulative: ${w}\n`);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ unit: opts.unit, intervals: res.intervals, periods: res.periods })}\n`);
        return;
      }
      // The estimate, not the difference of the published figures: with '>' or '~' readings that
      // difference is one end of the range and can lie outside the interval.
      process.stdout.write(`${formatTable(['from', 'to', 'days', 'count', '95% interval', 'per month', 'per month 95%'], res.intervals.map((i) => [i.start, i.end, i.days, fmt(i.estimate), `${fmt(i.lo95)}–${fmt(i.hi95)}`, fmt(i.perMonthEstimate), `${fmt(i.perMonthLo95)}–${fmt(i.perMonthHi95)}`]))}\n\n`);
      process.stdout.write(`${formatTable(['period', 'estimate', '50% interval', '95% interval', 'covered'], res.periods.map((p) => [p.period, fmt(p.estimate), `${fmt(p.lo50)}–${fmt(p.hi50)}`, `${fmt(p.lo95)}–${fmt(p.hi95)}`, pct(p.covered)]))}\n`);
    });
}

const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : 'n/a');
