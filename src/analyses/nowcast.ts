import { z } from 'zod';
import { BadInputError, type InputIssue, fromDayNumber } from '../domain/index.ts';
import type { HandlerRef, JobHandler } from '../jobs/index.ts';
import {
  NOWCAST_METHODS,
  type Nowcast,
  type NowcastMethod,
  alignToLabels,
  DATE_KINDS,
  relabel,
  type DateKind,
  type PeriodLabels,
  lastCompletePeriod,
  PERIOD_UNITS,
  periodEndDay,
  periodStartDay,
  type PeriodUnit,
  backtest,
  backtestDays,
  type BacktestResult,
  allocateCumulative,
  parseReadings,
  type CumulativeAllocation,
  runNowcast,
  triangleFromCases,
  type ReportingTriangle,
  backtestProjection,
  projectTotals,
  type TotalsProjection,
} from '../nowcast/index.ts';
import type { JobsDep } from './deps.ts';
import { checkLineListColumns, parseCsvText, periodLabels, readLineList, readTriangle } from './nowcast-input.ts';

/** A nowcast of a delayed series: a line list (one row per case) or a reporting triangle, as CSV text. */
export const NowcastRequest = z.strictObject({
  /** The file or upload the text came from (named in errors). */
  name: z.string().max(500).default('upload'),
  // An upload as large as POST /api/mse takes (the CLI reads its file without this bound).
  text: z.string().min(1).max(5_000_000),
  triangle: z.boolean().default(false),
  eventCol: z.string().optional(),
  reportCol: z.string().optional(),
  now: z.iso.date().optional(),
  unit: z.enum(PERIOD_UNITS as [PeriodUnit, ...PeriodUnit[]]).default('month'),
  maxDelay: z.number().int().min(1).optional(),
  methods: z
    .array(z.enum(NOWCAST_METHODS as [NowcastMethod, ...NowcastMethod[]]))
    .min(1)
    .default(['bayes']),
  onBad: z.enum(['fail', 'skip']).default('fail'),
  seed: z.number().int().default(1),
  dateKind: z.enum(DATE_KINDS as [DateKind, ...DateKind[]]).default('auto'),
});
export type NowcastRequest = z.output<typeof NowcastRequest>;

/** What the JSON adds for a line list: rows left out as not yet known on now, and how the dates were read. */
export interface LineListInfo {
  reportedAfterNow: number;
  dates: 'day' | 'period-start';
}

export interface NowcastAnalysis {
  /** One result per method asked for. */
  results: Nowcast[];
  triangle: ReportingTriangle;
  /** The date of the nowcast. */
  now: string;
  info?: LineListInfo;
  /** About the input and every method's own warnings. */
  warnings: string[];
}

function toJson(n: Nowcast, now: string, info?: LineListInfo) {
  return { method: n.method, now, unit: n.unit, periods: n.periods, ...info };
}

/** The JSON body of a nowcast (`darkfigure nowcast --json`): one method's, or every method's under `methods`. */
export function nowcastJson(a: NowcastAnalysis): unknown {
  return a.results.length === 1
    ? toJson(a.results[0]!, a.now, a.info)
    : { methods: a.results.map((r) => toJson(r, a.now)), ...a.info };
}

/** Reads the input, builds the reporting triangle as of now, and nowcasts it with each method. Bad input throws BadInputError. */
export function runNowcastAnalysis(req: NowcastRequest): NowcastAnalysis {
  const file = req.name;
  const unit = req.unit;
  if (!req.triangle) checkLineListColumns(req);
  const csv = parseCsvText(req.text, file);
  let tri: ReportingTriangle;
  let now: string;
  let labels: PeriodLabels = { periodStart: false, shift: 0 };
  let info: LineListInfo | undefined;
  const warnings: string[] = [];
  if (req.triangle) {
    tri = readTriangle(csv, file, unit);
    now = fromDayNumber(periodEndDay(tri.firstPeriod + tri.counts.length - 1, unit));
  } else {
    const ll = readLineList(csv, file, {
      eventCol: req.eventCol,
      reportCol: req.reportCol,
      now: req.now,
      unit,
      onBad: req.onBad,
      maxDelay: req.maxDelay,
    });
    warnings.push(...ll.warnings);
    labels = periodLabels(file, ll.cases, unit, req.dateKind);
    const aligned = alignToLabels(ll.cases, ll.nowDay, unit, labels);
    const built = triangleFromCases(aligned.cases, { unit, lastPeriod: aligned.lastPeriod, maxDelay: ll.maxDelay });
    tri = built.triangle;
    now = fromDayNumber(ll.nowDay);
    info = { reportedAfterNow: ll.afterNow, dates: labels.periodStart ? 'period-start' : 'day' };
    if (labels.periodStart)
      warnings.push(
        `the dates are ${unit} starts: the ${unit} of ${fromDayNumber(periodStartDay(aligned.lastPeriod, unit) + labels.shift)} (containing now) is the newest estimated (--date-kind day reads them as days)`,
      );
    if (built.beyondMaxDelay > 0)
      warnings.push(
        `${built.beyondMaxDelay} case(s) reported more than ${ll.maxDelay} ${unit}s after the event are left out (raise --max-delay to include them)`,
      );
    if (built.outside > 0) warnings.push(`${built.outside} case(s) in the unfinished ${unit} of now are left out`);
  }
  if (tri.counts.length < tri.maxDelay + 2)
    throw new BadInputError([
      {
        file,
        line: 0,
        message: `${tri.counts.length} ${unit}s of data cannot inform a maximum delay of ${tri.maxDelay}`,
      },
    ]);
  const results = req.methods.map((m) =>
    relabel(runNowcast(tri, m, { baseline: { seed: req.seed }, bayes: { seed: req.seed } }), labels),
  );
  for (const r of results) warnings.push(...r.warnings);
  return { results, triangle: tri, now, info, warnings };
}

/** A nowcast as `POST /api/nowcast` answers it: the JSON of `nowcast --json`, and the warnings the CLI writes to stderr. */
export interface NowcastAnswer {
  json: unknown;
  warnings: string[];
}

/** A result, or the input's fault as plain data (errors cross threads without their class). */
export type NowcastOutcome = { ok: true; answer: NowcastAnswer } | { ok: false; issues: InputIssue[] };

export function nowcastOutcome(req: NowcastRequest): NowcastOutcome {
  try {
    const a = runNowcastAnalysis(req);
    return { ok: true, answer: { json: nowcastJson(a), warnings: a.warnings } };
  } catch (e) {
    if (e instanceof BadInputError) return { ok: false, issues: e.issues };
    throw e;
  }
}

/** The nowcast as a job: the Bayesian nowcast takes seconds, so the server runs it on a worker thread. */
export const nowcastJob: JobHandler = (payload) => nowcastOutcome(payload as NowcastRequest);

// By reference: src/jobs may not import this stage, so the worker loads this module by its URL.
const NOWCAST_JOB: HandlerRef = { module: new URL(import.meta.url), export: 'nowcastJob' };

/** The nowcast on the job pool when one is given (the nowcastJob handler), else in-process; bad input throws BadInputError. */
export async function runNowcastJson(
  deps: { jobs?: JobsDep; signal?: AbortSignal },
  req: NowcastRequest,
): Promise<NowcastAnswer> {
  const out = deps.jobs ? await deps.jobs.run<NowcastOutcome>(NOWCAST_JOB, req, deps.signal) : nowcastOutcome(req);
  if (!out.ok) throw new BadInputError(out.issues);
  return out.answer;
}

export { DATE_KINDS, NOWCAST_METHODS, PERIOD_UNITS, type DateKind, type NowcastMethod, type PeriodUnit };

export interface BacktestRequest {
  name: string;
  text: string;
  eventCol: string;
  reportCol: string;
  now?: string;
  unit: PeriodUnit;
  maxDelay?: number;
  methods: NowcastMethod[];
  onBad: 'fail' | 'skip';
  seed: number;
  /** Backtest dates, spread over the usable span. */
  dates: number;
  onProgress?: (done: number, total: number) => void;
  /** Told about the input before the backtest runs (or is refused). */
  onWarnings?: (warnings: string[]) => void;
}

/** Nowcasts as of many past dates, each scored against what eventually arrived. */
export function runBacktest(req: BacktestRequest): { result: BacktestResult; maxDelay: number; firstStart: string } {
  const file = req.name;
  const ll = readLineList(parseCsvText(req.text, file), file, {
    eventCol: req.eventCol,
    reportCol: req.reportCol,
    now: req.now,
    unit: req.unit,
    onBad: req.onBad,
    maxDelay: req.maxDelay,
  });
  req.onWarnings?.(ll.warnings);
  const days = backtestDays(ll.cases, req.unit, ll.maxDelay, req.dates, ll.nowDay);
  if (days.length === 0)
    throw new BadInputError([
      {
        file,
        line: 0,
        message: `too short to backtest: needs more than ${3 * (ll.maxDelay + 1)} ${req.unit}s of data with max delay ${ll.maxDelay}`,
      },
    ]);
  const result = backtest(ll.cases, {
    unit: req.unit,
    maxDelay: ll.maxDelay,
    methods: req.methods,
    nowDays: days,
    finalDay: ll.nowDay,
    methodOptions: { baseline: { seed: req.seed }, bayes: { seed: req.seed } },
    onProgress: req.onProgress,
  });
  return {
    result,
    maxDelay: ll.maxDelay,
    firstStart: fromDayNumber(periodStartDay(lastCompletePeriod(days[0]!, req.unit), req.unit)),
  };
}

export interface CumulativeRequest {
  name: string;
  text: string;
  dateCol: string;
  valueCol: string;
  qualifierCol?: string;
  start?: string;
  unit: PeriodUnit;
  smoothness: number;
  onBad: 'fail' | 'skip';
  seed: number;
  /** Also nowcast the periods after the newest reading up to this date, with the out-of-sample check. */
  now?: string;
}

/**
 * Cumulative totals published at irregular dates turned into counts per period, with the uncertainty the
 * spacing implies; with `now`, the periods after the newest reading are nowcast too (projectTotals).
 */
export function runCumulative(req: CumulativeRequest): {
  result: CumulativeAllocation;
  skipped: number;
  projection?: TotalsProjection;
  backtest?: ReturnType<typeof backtestProjection>;
} {
  const file = req.name;
  const { header, rows } = parseCsvText(req.text, file);
  for (const col of [req.dateCol, req.valueCol, req.qualifierCol].filter((c): c is string => !!c))
    if (!header.includes(col))
      throw new BadInputError([
        { file, line: 1, field: col, message: `no column "${col}"; columns: ${header.join(', ')}` },
      ]);
  const parsed = parseReadings(
    // Every row holds every header column (the columns were checked above).
    rows.map((r) => ({
      line: r.line,
      date: r.values[req.dateCol]!,
      value: r.values[req.valueCol]!,
      qualifier: req.qualifierCol ? r.values[req.qualifierCol] : undefined,
    })),
    { file, onBad: req.onBad, dateField: req.dateCol, valueField: req.valueCol },
  );
  return {
    result: allocateCumulative(parsed.readings, {
      unit: req.unit,
      start: req.start,
      smoothness: req.smoothness,
      seed: req.seed,
    }),
    skipped: parsed.skipped,
    ...(req.now !== undefined && {
      projection: projectTotals(parsed.readings, { now: req.now, unit: req.unit, start: req.start, seed: req.seed }),
      backtest: backtestProjection(parsed.readings, { unit: req.unit, start: req.start, seed: req.seed }),
    }),
  };
}
