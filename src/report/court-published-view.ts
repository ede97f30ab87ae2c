import { monthName } from '../domain/index.ts';
import type { PublishedNowcast } from './court-chart.ts';
import { formatBand, formatInterval, formatSig, roundNear, type TableModel } from './estimate-checks-view.ts';
import { formatNumber } from './text.ts';

/**
 * The nowcasts of the published court series as words and tables: the line the court view leads with
 * (the headline series, art. 337 cases), its months, every series' nowcast side by side, and the
 * out-of-sample check. Pure formatting.
 */

/** Three significant figures: the projection is of a count in the thousands, not a model share. */
const SIG3 = 3;
const dayOf = (iso: string) => `${Number(iso.slice(8, 10))} ${monthName(iso.slice(0, 7))}`;
const band = (iv: { estimate: number; lo95: number; hi95: number }) =>
  formatBand({ median: iv.estimate, lo95: iv.lo95, hi95: iv.hi95 }, SIG3);
const qualified = (q: string, v: number) => `${q === '=' ? '' : q === '~' ? '≈ ' : `${q} `}${formatNumber(v)}`;

/** "cases, art. 337" / "verdicts, arts 332, 337, 338": a series in a table cell. */
export function publishedShortName(p: Pick<PublishedNowcast, 'seriesId' | 'articles'>): string {
  const what = p.seriesId === 'court.sentences' ? 'verdicts' : 'cases received';
  return `${what}, ${p.articles.length > 1 ? 'arts' : 'art.'} ${p.articles.join(', ')}`;
}

/** "Nowcast, derived by darkfigure: art. 337 … by 31 December 2025, ≈ 23,800 (20,500 – 31,000), …" of the headline series. */
export function publishedNowcastLine(pubs: ReadonlyArray<PublishedNowcast>): string {
  const p = pubs[0]!;
  const last = p.readings.at(-1)!;
  const pr = p.projection;
  const others =
    pubs.length > 1
      ? ` The other ${pubs.length - 1} published series are nowcast the same way in the table below.`
      : '';
  return `Nowcast, derived by darkfigure: ${p.label} by ${dayOf(pr.now)}, ${band(pr.total)}, of which ${band(pr.added)} after the newest published total, ${formatNumber(last.value)} on ${dayOf(last.date)} (${p.organisation}). It assumes the monthly rate goes on as a random walk from its newest level (no trend); ${p.backtest.inside} of ${p.backtest.total} published totals fell inside the band predicted from the totals before them.${others}`;
}

/** The headline series' months after its newest published total: the nowcast by month. */
export function publishedNowcastTable(p: PublishedNowcast): TableModel {
  const pr = p.projection;
  return {
    id: 'court-published-nowcast',
    title: `Nowcast of the months after the newest published total (derived by darkfigure)`,
    intro: `${p.label}: ${p.organisation}'s newest total is ${formatNumber(pr.from.value)} on ${dayOf(pr.from.date)}; the dataset runs to ${dayOf(pr.now)}. Each month's figure is drawn from the rate of the newest interval (${formatNumber(pr.level.perMonth)} a month, ${dayOf(pr.level.intervalStart)} – ${dayOf(pr.level.intervalEnd)}), moved month by month as a random walk on the log scale whose volatility (${pr.volatility.used.toFixed(2)} per √month, from ${pr.volatility.pairs} pairs of intervals) the published totals give; medians with 95% intervals. A nowcast of figures not yet published, not a count.`,
    columns: [
      'Month',
      `${p.seriesId === 'court.sentences' ? 'Verdicts' : 'Cases received'} (nowcast)`,
      '95% interval',
      'Share of the month covered',
    ],
    numeric: [1, 2, 3],
    rows: pr.periods.map((m) => ({
      data: { month: m.period.slice(0, 7), estimate: String(m.estimate) },
      cells: [
        monthName(m.period.slice(0, 7)),
        formatSig(roundNear(m.estimate, SIG3), SIG3),
        formatInterval(m.lo95, m.hi95, SIG3),
        `${Math.round(m.covered * 100)}%`,
      ],
    })),
  };
}

/** Every published series' nowcast side by side: the newest total, the total by the dataset's newest date, what it adds. */
export function publishedSummaryTable(pubs: ReadonlyArray<PublishedNowcast>): TableModel {
  return {
    id: 'court-published-series',
    title: 'Every published running total, nowcast to the newest date (derived by darkfigure)',
    intro: `Each nationwide running total since mobilisation that ${pubs[0]!.organisation} has published at least three times, continued by the same method to ${dayOf(pubs[0]!.projection.now)}. Series with fewer totals have no nowcast: two intervals are the least that shows how the rate moves. A series with fewer than three pairs of intervals of its own takes the volatility pooled over all of them (one counter's tallies of the same courts).`,
    columns: [
      'Series',
      'Newest published total',
      'On',
      `Nowcast by ${dayOf(pubs[0]!.projection.now)} (95%)`,
      'Added since (95%)',
      'Volatility per √month',
      'Out of sample',
    ],
    numeric: [1, 3, 4, 5],
    rows: pubs.map((p) => {
      const last = p.readings.at(-1)!;
      return {
        data: {
          series: p.seriesId,
          articles: p.articles.join('+'),
          estimate: String(p.projection.total.estimate),
          inside: String(p.backtest.inside),
          checks: String(p.backtest.total),
        },
        cells: [
          publishedShortName(p),
          qualified(last.qualifier, last.value),
          dayOf(last.date),
          band(p.projection.total),
          band(p.projection.added),
          `${p.projection.volatility.used.toFixed(2)} (${p.projection.volatility.pooled ? 'pooled' : 'own'}, ${p.projection.volatility.pairs} pairs)`,
          `${p.backtest.inside} of ${p.backtest.total} inside`,
        ],
      };
    }),
  };
}

/** Each published total predicted from the totals before it alone, for every series: is it inside the 95% band? */
export function publishedBacktestTable(pubs: ReadonlyArray<PublishedNowcast>): TableModel {
  const inside = pubs.reduce((s, p) => s + p.backtest.inside, 0);
  const total = pubs.reduce((s, p) => s + p.backtest.total, 0);
  return {
    id: 'court-published-backtest',
    title: 'Out-of-sample check of the nowcast',
    intro: `Each published total from a series' third on, predicted by the same method from that series' totals published before it alone, with the horizon it had to bridge. Inside: the published figure (its range, where it is "about" or "more than") meets the 95% band. ${inside} of ${total} inside.`,
    columns: [
      'Series',
      'Published total',
      'On',
      'Predicted from totals up to',
      'Months ahead',
      'Predicted (95%)',
      'Inside?',
    ],
    numeric: [1, 4, 5],
    rows: pubs.flatMap((p) =>
      p.backtest.checks.map((c) => ({
        data: { series: p.seriesId, articles: p.articles.join('+'), date: c.date, inside: String(c.inside) },
        cells: [
          publishedShortName(p),
          qualified(c.qualifier, c.published),
          dayOf(c.date),
          dayOf(c.from),
          c.horizonMonths.toFixed(1),
          band(c),
          c.inside ? 'yes' : 'no',
        ],
      })),
    ),
  };
}

/** The court view's tables for the published series' nowcasts, in the order the page shows them. */
export function publishedNowcastTables(pubs: ReadonlyArray<PublishedNowcast>): TableModel[] {
  if (!pubs.length) return [];
  return [publishedNowcastTable(pubs[0]!), publishedSummaryTable(pubs), publishedBacktestTable(pubs)];
}
