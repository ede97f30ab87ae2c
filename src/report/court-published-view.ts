import { monthName } from '../domain/index.ts';
import type { PublishedNowcast } from './court-chart.ts';
import { formatBand, formatInterval, formatSig, roundNear, type TableModel } from './estimate-checks-view.ts';
import { formatNumber } from './text.ts';

/**
 * The nowcast of the published court series as words and tables: the line the court view leads with,
 * the months after the newest published total, and the out-of-sample check. Pure formatting.
 */

/** Three significant figures: the projection is of a count in the tens of thousands, not a model share. */
const SIG3 = 3;
const dayOf = (iso: string) => `${Number(iso.slice(8, 10))} ${monthName(iso.slice(0, 7))}`;
const band = (iv: { estimate: number; lo95: number; hi95: number }) =>
  formatBand({ median: iv.estimate, lo95: iv.lo95, hi95: iv.hi95 }, SIG3);

/** "Art. 337 … by 31 December 2025: ≈ 23,800 (20,500 – 31,000), derived by darkfigure; newest published total 18,159 on 31 May 2025 (Mediazona)." */
export function publishedNowcastLine(p: PublishedNowcast): string {
  const last = p.readings.at(-1)!;
  const pr = p.projection;
  return `Nowcast, derived by darkfigure: ${p.label} by ${dayOf(pr.now)}, ${band(pr.total)}, of which ${band(pr.added)} after the newest published total, ${formatNumber(last.value)} on ${dayOf(last.date)} (${p.organisation}). It assumes the monthly rate goes on as a random walk from its newest level (no trend); ${p.backtest.inside} of ${p.backtest.total} published totals fell inside the band predicted from the totals before them.`;
}

/** The months after the newest published total: the nowcast by month, and the running total. */
export function publishedNowcastTable(p: PublishedNowcast): TableModel {
  const pr = p.projection;
  let running = 0;
  return {
    id: 'court-published-nowcast',
    title: `Nowcast of the months after the newest published total (derived by darkfigure)`,
    intro: `${p.label}: ${p.organisation}'s newest total is ${formatNumber(pr.from.value)} on ${dayOf(pr.from.date)}; the dataset runs to ${dayOf(pr.now)}. Each month's cases are drawn from the rate of the newest interval (${formatNumber(pr.level.perMonth)} a month, ${dayOf(pr.level.intervalStart)} – ${dayOf(pr.level.intervalEnd)}), moved month by month as a random walk on the log scale whose volatility (${pr.volatility.used.toFixed(2)} per √month, from ${pr.volatility.pairs} pairs of intervals) the published totals give; medians with 95% intervals. A nowcast of figures not yet published, not a count.`,
    columns: ['Month', 'Cases received (nowcast)', '95% interval', 'Share of the month covered'],
    numeric: [1, 2, 3],
    rows: pr.periods.map((m) => {
      running += m.estimate;
      return {
        data: { month: m.period.slice(0, 7), estimate: String(m.estimate), running: String(running) },
        cells: [
          monthName(m.period.slice(0, 7)),
          formatSig(roundNear(m.estimate, SIG3), SIG3),
          formatInterval(m.lo95, m.hi95, SIG3),
          `${Math.round(m.covered * 100)}%`,
        ],
      };
    }),
  };
}

/** Each published total predicted from the totals before it alone: is it inside the 95% band? */
export function publishedBacktestTable(p: PublishedNowcast): TableModel {
  const b = p.backtest;
  return {
    id: 'court-published-backtest',
    title: 'Out-of-sample check of the nowcast',
    intro: `Each of ${p.organisation}'s published totals from the third on, predicted by the same method from the totals published before it alone, with the horizon it had to bridge. Inside: the published figure (its range, where it is "about" or "more than") meets the 95% band. ${b.inside} of ${b.total} inside.`,
    columns: ['Published total', 'On', 'Predicted from totals up to', 'Months ahead', 'Predicted (95%)', 'Inside?'],
    numeric: [0, 3, 4],
    rows: b.checks.map((c) => ({
      data: { date: c.date, inside: String(c.inside), published: String(c.published) },
      cells: [
        `${c.qualifier === '=' ? '' : c.qualifier === '~' ? '≈ ' : `${c.qualifier} `}${formatNumber(c.published)}`,
        dayOf(c.date),
        dayOf(c.from),
        c.horizonMonths.toFixed(1),
        band(c),
        c.inside ? 'yes' : 'no',
      ],
    })),
  };
}
