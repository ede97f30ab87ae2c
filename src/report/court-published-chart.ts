import { monthEnd } from '../domain/index.ts';
import type { PublishedNowcast } from './court-chart.ts';
import type { DataRow } from './dataset.ts';
import { escapeHtml, formatNumber } from './text.ts';

/** Where and how a published series' nowcast is drawn: its group's colour and panel, the panel's unit, the legend name. */
export interface NowcastLayerStyle {
  colour: (seriesId: string, articles: string[]) => string;
  panel: (seriesId: string) => number;
  unit: (seriesId: string) => string;
  name: (pub: PublishedNowcast) => string;
}

/**
 * The nowcasts of published running totals as chart layers on the court view's published panels: per
 * month (a partial month scaled to a whole one, as the derived averages are), a dotted line with diamonds
 * in the colour of the series it continues (the first on each panel with its 95% band as two dashed
 * edges), and a CSV row per month, with its interval, marked derived with its formula and the totals it rests on.
 */
export function publishedNowcastLayers(pubs: ReadonlyArray<PublishedNowcast>, style: NowcastLayerStyle) {
  const series: Array<Record<string, unknown>> = [];
  const rows: DataRow[] = [];
  const dates: string[] = [];
  const points: Record<string, number> = {};
  const banded = new Set<number>();
  for (const pub of pubs) {
    const gi = style.panel(pub.seriesId);
    if (gi < 0 || !pub.projection.periods.length) continue;
    // One band per panel (its first series, the headline on the cases panel): more would crowd the
    // published points into the axis floor; the others' intervals are in the tooltip, tables and CSV.
    const withBand = !banded.has(gi);
    banded.add(gi);
    const colour = style.colour(pub.seriesId, pub.articles);
    const unit = style.unit(pub.seriesId);
    const name = style.name(pub);
    const pm = pub.projection.periods.map((p) => {
      const k = p.covered > 0 ? 1 / p.covered : 1;
      return { ...p, at: `${p.period.slice(0, 7)}-15`, est: p.estimate * k, lo: p.lo95 * k, hi: p.hi95 * k };
    });
    dates.push(...pm.map((p) => p.at));
    points[name] = pm.length;
    const edge = (key: 'lo' | 'hi') => ({
      type: 'line',
      name: `${name}: 95% band`,
      xAxisIndex: gi,
      yAxisIndex: gi,
      symbol: 'none',
      lineStyle: { type: 'dashed', color: colour, width: 1, opacity: 0.8 },
      data: pm.map((p) => [p.at, Math.round(p[key])]),
    });
    series.push(
      {
        type: 'line',
        name,
        xAxisIndex: gi,
        yAxisIndex: gi,
        symbol: 'diamond',
        symbolSize: 8,
        lineStyle: { type: 'dotted', color: colour, width: 2 },
        itemStyle: { color: colour },
        data: pm.map((p) => ({
          value: [p.at, Math.round(p.est)],
          tip: `<div class="df-tip"><strong>${escapeHtml(formatNumber(p.est))} ${escapeHtml(unit)}</strong> (95% ${escapeHtml(formatNumber(p.lo))} – ${escapeHtml(formatNumber(p.hi))})<br>${escapeHtml(pub.label)}, ${escapeHtml(p.period.slice(0, 7))}: <strong>nowcast derived by darkfigure</strong>, not a published count; from ${escapeHtml(pub.organisation)}'s totals up to ${escapeHtml(pub.projection.from.date)}</div>`,
        })),
      },
      ...(withBand ? [edge('hi'), edge('lo')] : []),
    );
    const ids = pub.readings.map((r) => r.observationId).join(' ');
    for (const p of pm)
      rows.push({
        panel: unit,
        series_id: pub.seriesId,
        articles: pub.articles.join(';'),
        period_start: p.period,
        period_end: p.covered < 1 && p === pm.at(-1) ? pub.projection.now : monthEnd(p.period),
        per_month: Math.round(p.est),
        lo95: Math.round(p.lo),
        hi95: Math.round(p.hi),
        count: p.estimate,
        unit,
        derivation: 'derived',
        formula: `nowcast: random walk on the log monthly rate from ${pub.organisation}'s running totals (volatility ${pub.projection.volatility.used.toFixed(3)} per √month), median of ${String(pub.projection.settings.draws)} draws`,
        observation_id: ids,
        source_id: pub.readings.at(-1)!.sourceId,
      });
  }
  return { series, rows, dates, points };
}
