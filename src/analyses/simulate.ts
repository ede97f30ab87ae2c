import { z } from 'zod';
import { Seed } from './seed.ts';
import { summariseScenario, type ScenarioResult } from '../report/index.ts';
import { runEnsemble } from '../jobs/index.ts';
import { addDays } from '../domain/index.ts';
import {
  simulate,
  type SimResult,
  reduceRuns,
  buildIndividualLists,
  casesByArticle,
  listEntries,
  sourceSeries,
  runSeed,
  summarise,
  TOTAL_NAMES,
  type RunSummary,
  resolveScenario,
  type ResolvedScenario,
} from '../sim/index.ts';
import { bundledScenarioNames, readScenario } from './scenario-files.ts';

export {
  reduceRuns,
  resolveScenario,
  runEnsemble,
  summarise,
  TOTAL_NAMES,
  type ResolvedScenario,
  type RunSummary,
  type ScenarioResult,
  type SimResult,
};

/**
 * Dates a model run may span: the war and a margin either side. Anything outside (year 1, year 9999) is
 * a mistake or an attempt to make the server work for days, refused as bad input rather than capped.
 */
export const EARLIEST_RUN_DATE = '2014-01-01';
export const LATEST_RUN_DATE = '2040-12-31';

export const RunDate = z.iso.date().refine((d) => d >= EARLIEST_RUN_DATE && d <= LATEST_RUN_DATE, {
  message: `dates must lie between ${EARLIEST_RUN_DATE} and ${LATEST_RUN_DATE}`,
});

/**
 * A comparison of bundled scenarios, each an ensemble of runs. Bounds here only refuse nonsense; a
 * shared server then lowers what is too big for it (its caps) and says so.
 */
export const SimulateRequest = z.strictObject({
  scenarios: z
    .array(z.string().regex(/^[a-z0-9-]+$/))
    .min(1)
    .max(6),
  runs: z.number().int().min(1).max(10_000).default(2),
  agents: z.number().int().min(1000).max(100_000_000).default(20_000),
  seed: Seed,
  start: RunDate.default('2022-02-24'),
  end: RunDate.default('2025-12-31'),
});
export type SimulateRequest = z.output<typeof SimulateRequest>;

/** Per scenario: its name, and totals and monthly series reduced over the runs (median and bands). */
export type SimulateResult = ScenarioResult[];

/** Checks the request's scenario names and dates (RangeError: the caller's fault); cheap, no file is parsed. */
export function checkSimulateRequest(req: Pick<SimulateRequest, 'scenarios' | 'start' | 'end'>): void {
  const known = new Set(bundledScenarioNames());
  const unknown = req.scenarios.filter((s) => !known.has(s));
  if (unknown.length)
    throw new RangeError(`unknown scenario(s): ${unknown.join(', ')}; bundled ones: ${[...known].join(', ')}`);
  if (req.end < req.start) throw new RangeError(`the run ends (${req.end}) before it starts (${req.start})`);
}

/**
 * Checks the request and resolves every scenario, so that one which does not fit the dates is refused
 * at once (RangeError: the caller's fault), before any run starts.
 */
export function resolveSimulateRequest(req: SimulateRequest): ResolvedScenario[] {
  checkSimulateRequest(req);
  return req.scenarios.map((name) => {
    const { json, file } = readScenario(name);
    try {
      return resolveScenario(json, file, req.start, req.end);
    } catch (e) {
      throw new RangeError((e as Error).message);
    }
  });
}

export interface SimulateDeps {
  /** Threads for the runs (1: in-process). */
  threads: number;
  signal?: AbortSignal;
  /** Runs finished so far, over all scenarios. */
  onProgress?: (done: number, total: number) => void;
  /** The scenarios already resolved (resolveSimulateRequest), if the caller checked them first. */
  resolved?: ResolvedScenario[];
}

/** The scenarios' ensembles, one after another, on the job pool's threads; a stopped run throws. */
export async function runSimulate(deps: SimulateDeps, req: SimulateRequest): Promise<SimulateResult> {
  const scenarios = deps.resolved ?? resolveSimulateRequest(req);
  const total = req.runs * scenarios.length;
  const results: ScenarioResult[] = [];
  let base = 0;
  for (const [i, scenario] of scenarios.entries()) {
    const out = await runEnsemble(
      { seed: req.seed, agents: req.agents, start: req.start, end: req.end, scenario },
      {
        runs: req.runs,
        threads: deps.threads,
        signal: deps.signal,
        onRunDone: (done) => deps.onProgress?.(base + done, total),
      },
    );
    if (out.stopped || deps.signal?.aborted) throw new Error('stopped');
    base += req.runs;
    results.push(summariseScenario(req.scenarios[i]!, out.summaries));
  }
  return results;
}

/** One run of a scenario: the run's own seed is derived from (seed, run), as in an ensemble. */
export function simulateRun(
  o: {
    seed: number;
    run: number;
    agents: number;
    start: string;
    end: string;
    scenario: ResolvedScenario;
    keepEvents?: boolean;
  },
  onDay?: (day: number, days: number) => void,
): SimResult {
  return simulate(
    {
      seed: runSeed(o.seed, o.run),
      agents: o.agents,
      start: o.start,
      end: o.end,
      scenario: o.scenario,
      keepEvents: o.keepEvents,
    },
    onDay,
  );
}

/** A table for a CSV file. */
export interface RunTable {
  file: string;
  header: string[];
  rows: unknown[][];
}

/** A run's tables: daily series, court cases by article, individual-level lists (one per source) and the answer key. */
export function runTables(r: SimResult, leakedUnits: number | undefined): RunTable[] {
  const out: RunTable[] = [];
  const series = {
    ...sourceSeries(r),
    ...Object.fromEntries(Object.entries(casesByArticle(r)).map(([a, v]) => [`courts.casesReceived.${a}`, v])),
  };
  const names = Object.keys(series);
  const rows: unknown[][] = [];
  for (let d = 0; d < r.days; d++) rows.push([addDays(r.start, d), ...names.map((n) => series[n]![d])]);
  out.push({ file: 'series.csv', header: ['date', ...names], rows });
  const lists = buildIndividualLists(r.seed, listEntries(r, { leakedUnits }));
  for (const [source, list] of Object.entries(lists.lists)) {
    if (list.length === 0) continue;
    const header = Object.keys(list[0]!);
    out.push({ file: `list-${source}.csv`, header, rows: list.map((row) => header.map((h) => row[h])) });
  }
  out.push({
    file: 'answer-key.csv',
    header: ['source', 'row', 'person_id'],
    rows: lists.answerKey.map((a) => [a.source, a.row, a.personId]),
  });
  return out;
}

/** Monthly bands of every series of an ensemble. */
export function bandTable(s: ReturnType<typeof reduceRuns>): RunTable {
  const rows: unknown[][] = [];
  for (const [name, v] of Object.entries(s.series))
    s.months.forEach((m, i) => rows.push([name, m, v.bands.p10[i], v.bands.p50[i], v.bands.p90[i]]));
  return { file: 'bands-monthly.csv', header: ['series', 'month', 'p10', 'p50', 'p90'], rows };
}

/** The --json summary: totals (medians), series (monthly, with bands when runs > 1), scenario, seed, runs. */
export function jsonSummary(summaries: RunSummary[], scenario: string, seed: number): Record<string, unknown> {
  const red = reduceRuns(summaries);
  const many = red.runs > 1;
  const series: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(red.series)) {
    series[name] = many
      ? { period: 'month', months: red.months, median: v.median, bands: v.bands }
      : { period: 'month', months: red.months, median: v.median };
  }
  const totals = Object.fromEntries(TOTAL_NAMES.map((k) => [k, red.totals[k]]));
  return { totals, ...(many ? { bands: red.totalBands } : {}), series, scenario, seed, runs: red.runs };
}
