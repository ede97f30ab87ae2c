import { dayNumber } from '../domain/index.ts';
import { type SimResult, months, FLOW_NAMES, STOCK_NAMES } from '../sim/index.ts';
import type { SimOutput } from './abc-smc.ts';
import { perAgentByDay } from './observation-params.ts';

/**
 * Summary statistics are named by what they compute, so a targets file can ask for any of them:
 *   flow:<name>:<from>:<to>             sum of a daily flow over an inclusive date range
 *   stock:<name>:<date>                 a stock's level at the end of a day
 *   share:<flowA>:<flowB>:<from>:<to>   100 × A / B over a range
 *   unitListInCourt:<date>              of the men on their unit's AWOL list by that date, how many per
 *                                       1,010 had a case received by a court (the IStories leak ratio)
 *   unitListWanted:<date>               the same, for men declared wanted
 * Counts are scaled from the model's agents to the real force in theatre, day by day (`perAgent`).
 * The unit-list ratios are what a match of the list against the other register finds: the true
 * overlap times the match's recall (`obs.matchRecall`, 1 when not given).
 */
export function summaryValue(
  r: SimResult,
  name: string,
  perAgent: Float64Array,
  obs: Record<string, number> = {},
): number {
  const s0 = dayNumber(r.start);
  const idx = (iso: string) => dayNumber(iso) - s0;
  const sum = (a: Int32Array, from: string, to: string, scaled: boolean) => {
    let s = 0;
    for (let i = Math.max(0, idx(from)); i <= Math.min(a.length - 1, idx(to)); i++)
      s += scaled ? a[i]! * perAgent[i]! : a[i]!;
    return s;
  };
  // The name's shape was checked by summaryNameProblem when the targets were read.
  const [kind, ...args] = name.split(':');
  const flow = (n: string) => {
    if (!(FLOW_NAMES as readonly string[]).includes(n)) throw new Error(`unknown flow "${n}" in summary "${name}"`);
    return r.flows[n as (typeof FLOW_NAMES)[number]];
  };
  switch (kind) {
    case 'flow':
      return sum(flow(args[0]!), args[1]!, args[2]!, true);
    case 'stock': {
      if (!(STOCK_NAMES as readonly string[]).includes(args[0]!))
        throw new Error(`unknown stock "${args[0]}" in summary "${name}"`);
      const a = r.stocks[args[0] as (typeof STOCK_NAMES)[number]];
      const i = Math.max(0, Math.min(a.length - 1, idx(args[1]!)));
      return a[i]! * perAgent[Math.min(i, perAgent.length - 1)]!;
    }
    case 'share': {
      const b = sum(flow(args[1]!), args[2]!, args[3]!, false);
      return b > 0 ? (100 * sum(flow(args[0]!), args[2]!, args[3]!, false)) / b : 0;
    }
    case 'unitListInCourt':
    case 'unitListWanted': {
      if (!r.events) throw new Error(`${kind} needs a run with individual events`);
      const day = idx(args[0]!);
      const awol = new Set<number>();
      for (const e of r.events.awol) if (e.day <= day) awol.add(e.personId);
      const found = new Set<number>();
      if (kind === 'unitListInCourt') {
        for (const c of r.cases)
          if (c.receivedDay >= 0 && c.receivedDay <= day && awol.has(c.personId)) found.add(c.personId);
      } else {
        for (const e of r.events.wanted) if (e.day <= day && awol.has(e.personId)) found.add(e.personId);
      }
      return awol.size > 0 ? ((obs['obs.matchRecall'] ?? 1) * 1010 * found.size) / awol.size : 0;
    }
    default:
      throw new Error(`unknown summary "${name}" (use flow:, stock:, share:, unitListInCourt: or unitListWanted:)`);
  }
}

/** The unseen totals the calibration is for, as cumulative monthly series scaled to the force. */
export const UNSEEN_SERIES = {
  awolEver: 'awolFirst',
  desertedAbroad: 'arrivedAbroad',
  returnedWithoutCase: 'returnedWithoutCase',
} as const;

export function calibrationOutput(
  r: SimResult,
  summaries: string[],
  force: number,
  obs: Record<string, number> = {},
): SimOutput {
  const perAgent = perAgentByDay(r.start, r.flows.awolFirst.length, r.agents, force, obs);
  const out: SimOutput = { summaries: {}, series: {} };
  for (const s of summaries) out.summaries[s] = summaryValue(r, s, perAgent, obs);
  const ms = months(r);
  for (const [name, flow] of Object.entries(UNSEEN_SERIES)) {
    const daily = r.flows[flow];
    let acc = 0;
    out.series![name] = ms.map(({ from, to }) => {
      for (let i = from; i < to; i++) acc += daily[i]! * perAgent[i]!;
      return Math.round(acc);
    });
  }
  return out;
}
