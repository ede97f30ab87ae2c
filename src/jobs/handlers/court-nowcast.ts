import { dayNumber, fromDayNumber } from '../../domain/index.ts';
import {
  suggestMaxDelay,
  type NowcastMethod,
  lastCompletePeriod,
  runNowcast,
  simulateLineList,
  triangleFromCases,
  type CaseRecord,
} from '../../nowcast/index.ts';
import type { CourtView, MonthCount } from '../../report/index.ts';
import type { JobHandler } from '../types.ts';
import { nowcastPublished, type PublishedInput } from './court-published.ts';

/** The simulated line list shown when the store has no court records: seeded, so every load shows the same. */
export const COURT_SIMULATION = { seed: 1, start: '2022-09-21', now: '2025-06-30', expectedCases: 16_000 } as const;

/** Court records read from the store: each case's received day and verdict day (-1: no verdict yet), and the monthly counts. */
export interface StoreCourtRecords {
  origin: 'store';
  now: string;
  received: Int32Array;
  verdict: Int32Array;
  counts: Pick<CourtView, 'received' | 'verdicts' | 'byArticle' | 'bySentence'>;
}

export type CourtSource = StoreCourtRecords | { origin: 'simulated' };

export interface CourtTask {
  source: CourtSource;
  method: NowcastMethod;
  seed: number;
  /** The published running totals to nowcast as well (see nowcastPublished), when the dataset has any. */
  published?: PublishedInput;
}

const month = (day: number) => fromDayNumber(day).slice(0, 7);

function countByMonth(days: Iterable<number>): MonthCount[] {
  const by = new Map<string, number>();
  for (const d of days) by.set(month(d), (by.get(month(d)) ?? 0) + 1);
  return [...by.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([m, value]) => ({ month: m, value }));
}

/**
 * The court view: monthly counts and a nowcast of the cases that will end in a verdict, by month received
 * (event = received, report = verdict), as of the records' last day. Pure: it runs on a worker thread,
 * since the Bayesian nowcast of a long list takes seconds.
 */
export function computeCourtView(t: CourtTask): CourtView {
  let cases: CaseRecord[];
  let now: string;
  let view: Omit<CourtView, 'nowcast'>;
  if (t.source.origin === 'store') {
    const s = t.source;
    now = s.now;
    cases = [];
    for (let i = 0; i < s.received.length; i++)
      if (s.verdict[i]! >= 0) cases.push({ event: s.received[i]!, report: s.verdict[i]! });
    view = {
      origin: 'store',
      label: `Imported court records: ${s.received.length.toLocaleString('en-US')} case(s) in the store`,
      now,
      cases: s.received.length,
      ...s.counts,
    };
  } else {
    const sim = COURT_SIMULATION;
    now = sim.now;
    const nowDay = dayNumber(now);
    const world = simulateLineList({
      seed: sim.seed,
      start: sim.start,
      days: nowDay - dayNumber(sim.start) + 1,
      expectedCases: sim.expectedCases,
    });
    // Verdicts after "now" have not happened yet: those cases are received but pending.
    cases = world.cases.filter((c) => c.report <= nowDay);
    view = {
      origin: 'simulated',
      label: `SIMULATED line list, not real records (the store has no court records): ${world.cases.length.toLocaleString('en-US')} cases from a seeded model of offences and verdict delays (seed ${sim.seed}); import court records to see real ones`,
      now,
      cases: world.cases.length,
      received: countByMonth(world.cases.map((c) => c.event)),
      verdicts: countByMonth(cases.map((c) => c.report)),
      byArticle: [],
      bySentence: [],
    };
  }
  const published = t.published?.series.length ? nowcastPublished(t.published, t.seed) : [];
  if (published.length) view = { ...view, published };
  const nowDay = dayNumber(now);
  const maxDelay = suggestMaxDelay(cases, 'month');
  const warnings: string[] = [];
  if (!cases.length)
    return {
      ...view,
      nowcast: { method: t.method, maxDelay, periods: [], warnings: ['no case has a verdict yet: nothing to nowcast'] },
    };
  const built = triangleFromCases(cases, { unit: 'month', lastPeriod: lastCompletePeriod(nowDay, 'month'), maxDelay });
  if (built.beyondMaxDelay)
    warnings.push(
      `${built.beyondMaxDelay} case(s) whose verdict came more than ${maxDelay} months after receipt are left out of the nowcast`,
    );
  const nc = runNowcast(built.triangle, t.method, { bayes: { seed: t.seed }, baseline: { seed: t.seed } });
  return {
    ...view,
    nowcast: {
      method: t.method,
      maxDelay,
      periods: nc.periods.map((p) => ({ ...p })),
      warnings: [...warnings, ...nc.warnings],
    },
  };
}

/** The court view's counts and nowcast (the Bayesian nowcast of a long line list takes seconds). */
export const courtNowcast: JobHandler = (payload) => computeCourtView(payload as CourtTask);
