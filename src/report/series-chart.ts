import { dayNumber, fromDayNumber, type Observation, type Series, type Source } from '../domain/index.ts';
import { intervalCounts, rate } from '../indicators/index.ts';
import { figureTooltipHtml } from './citation.ts';
import { conflictIndex, findConflicts } from './conflicts.ts';
import { observationRows, type ChartSpec, type DataRow } from './dataset.ts';
import { CONFLICT_BORDER, PALETTE, qualifierSymbol } from './style.ts';
import { DERIVED_LABEL } from './headlines.ts';
import { scopeText } from './scope-text.ts';
import { escapeHtml, formatFigure, formatNumber } from './text.ts';
import { monthTimeAxis } from './time-axis.ts';

export interface SeriesChartInput {
  series: Series;
  observations: Observation[];
  sources: Source[];
}

export interface LayoutOptions {
  /** Stack the panels (phones) instead of placing them side by side. */
  narrow?: boolean;
}

/** A point per month-equivalent count, plotted at the middle of its period. */
export interface MonthlyPoint {
  date: string;
  perMonth: number;
  kind: 'reported' | 'derived';
  start: string;
  end: string;
  count: number;
  formula: string;
  observationId?: string;
  scope: string;
}

function midpoint(a: string, b: string): string {
  return fromDayNumber(Math.round((dayNumber(a) + dayNumber(b)) / 2));
}

/**
 * Counts per month: reported counts over a period as their monthly equivalent, and counts derived by
 * differencing cumulative totals of the same scope (an indicator, not an estimate).
 */
export function monthlyPoints(observations: Observation[]): MonthlyPoint[] {
  const out: MonthlyPoint[] = [];
  for (const o of observations) {
    if (o.valueKind !== 'interval_count' || !o.periodStart) continue;
    const r = rate(o.value, o.periodStart, o.periodEnd, 'month');
    out.push({
      date: midpoint(o.periodStart, o.periodEnd),
      perMonth: r.value,
      kind: 'reported',
      start: o.periodStart,
      end: o.periodEnd,
      count: o.value,
      formula: `${o.value} / ${r.inputs.days} days × 30.4375`,
      observationId: o.id,
      scope: o.scope,
    });
  }
  // Totals are differenced only against totals of the same scope and articles (all articles ≠ art. 337 alone).
  const byScope = new Map<string, Observation[]>();
  for (const o of observations) {
    if (o.valueKind !== 'cumulative') continue;
    const key = o.articles.length ? `${o.scope}; art. ${[...o.articles].sort().join('+')}` : o.scope;
    byScope.set(key, [...(byScope.get(key) ?? []), o]);
  }
  for (const [scope, obs] of byScope) {
    for (const c of intervalCounts(obs.map((o) => ({ date: o.periodEnd, value: o.value, id: o.id })))) {
      if (c.days <= 0) continue;
      out.push({
        date: midpoint(c.start, c.end),
        perMonth: c.perMonth,
        kind: 'derived',
        start: c.start,
        end: c.end,
        count: c.count,
        formula: c.formula,
        scope,
      });
    }
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

const tooltipFormatter = (p: { data?: { tip?: string } }) => p.data?.tip ?? '';

/**
 * One series: on the left every figure as published (one colour per source, conflicting figures
 * outlined in red and listed in each other's tooltips), on the right counts per month, reported
 * and derived by differencing cumulative totals.
 */
export function seriesChart(input: SeriesChartInput, layout: LayoutOptions = {}): ChartSpec {
  const { series } = input;
  const observations = input.observations.filter((o) => o.seriesId === series.id);
  const sources = new Map(input.sources.map((s) => [s.id, s]));
  const conflicts = conflictIndex(findConflicts(observations));
  const sourceIds = [...new Set(observations.map((o) => o.sourceId))];

  const published = sourceIds.map((sid, i) => {
    const src = sources.get(sid);
    return {
      type: 'scatter',
      name: src ? src.organisation + (src.outlet && src.outlet !== src.organisation ? ` via ${src.outlet}` : '') : sid,
      xAxisIndex: 0,
      yAxisIndex: 0,
      symbolSize: 10,
      itemStyle: { color: PALETTE[i % PALETTE.length] },
      data: observations
        .filter((o) => o.sourceId === sid)
        .map((o) => {
          const others = conflicts.get(o.id);
          const extra = others?.length
            ? [
                `<span class="df-conflict">conflicts with: ${others.map((x) => `${escapeHtml(formatFigure(x))} (${escapeHtml(sources.get(x.sourceId)?.organisation ?? x.sourceId)}${x.notes ? `: ${escapeHtml(x.notes)}` : ''})`).join('; ')}</span>`,
              ]
            : [];
          return {
            value: [o.periodEnd, o.value],
            name: o.id,
            ...qualifierSymbol(o.qualifier),
            ...(others?.length ? { itemStyle: { borderColor: CONFLICT_BORDER, borderWidth: 3 } } : {}),
            tip: figureTooltipHtml({ observation: o, source: src }, extra),
          };
        }),
    };
  });

  const monthly = monthlyPoints(observations);
  const monthlySeries = (['reported', 'derived'] as const)
    .map((kind) => {
      const pts = monthly.filter((m) => m.kind === kind);
      if (!pts.length) return null;
      return {
        type: 'scatter',
        name:
          kind === 'reported'
            ? 'counts per month (reported periods)'
            : `per month, ${DERIVED_LABEL} from cumulative totals`,
        xAxisIndex: 1,
        yAxisIndex: 1,
        symbol: kind === 'derived' ? 'emptyCircle' : 'circle',
        symbolSize: 8,
        itemStyle: { color: kind === 'derived' ? '#b22222' : '#444444' },
        data: pts.map((m) => ({
          value: [m.date, Number(m.perMonth.toFixed(2))],
          name: m.observationId ?? `${m.start}..${m.end}`,
          tip: `<div class="df-tip"><strong>${escapeHtml(formatNumber(m.perMonth))} ${escapeHtml(series.unit)} per month</strong><br>${escapeHtml(m.start)} – ${escapeHtml(m.end)}: ${escapeHtml(formatNumber(m.count))} ${escapeHtml(series.unit)} · ${escapeHtml(scopeText(m.scope))}<br>${m.kind === 'derived' ? `${DERIVED_LABEL}, by differencing published cumulative totals` : 'published count over the period, as a monthly average'}: ${escapeHtml(m.formula)}<br><a href="#/methods#method-${m.kind === 'derived' ? 'differencing' : 'rate'}">the method</a></div>`,
        })),
      };
    })
    .filter((s) => s !== null);

  const narrow = !!layout.narrow;
  const spanDates = [
    ...observations.flatMap((o) => [o.periodStart ?? o.periodEnd, o.periodEnd]),
    ...monthly.map((m) => m.date),
  ];
  const grids = narrow
    ? [
        { left: 60, right: 20, top: 100, height: '28%' },
        { left: 60, right: 20, top: '64%', bottom: 50 },
      ]
    : [
        { left: 70, right: '53%', top: 105, bottom: 50 },
        { left: '56%', right: 30, top: 105, bottom: 50 },
      ];
  const titlePos = narrow
    ? [
        { left: 10, top: 52 },
        { left: 10, top: '55%' },
      ]
    : [
        { left: 10, top: 52 },
        { left: '54%', top: 52 },
      ];

  const option = {
    aria: { enabled: true },
    animation: false,
    title: [
      {
        text: series.title,
        subtext: `${series.unit}; counts ${series.counts}; excludes ${series.excludes}`,
        left: 10,
        top: 0,
        textStyle: { fontSize: 15 },
        subtextStyle: { width: 600, overflow: 'truncate' },
      },
      { text: 'As published', ...titlePos[0], textStyle: { fontSize: 12, fontWeight: 'normal' } },
      { text: 'Per month', ...titlePos[1], textStyle: { fontSize: 12, fontWeight: 'normal' } },
    ],
    legend: { type: 'scroll', bottom: 0, left: 10, right: 10 },
    tooltip: { trigger: 'item', enterable: true, confine: true, formatter: tooltipFormatter },
    grid: grids,
    // Month and year ticks over at least a year, the same span in both panels.
    xAxis: [
      monthTimeAxis(spanDates, { gridIndex: 0, splitNumber: narrow ? 3 : 4 }),
      monthTimeAxis(spanDates, { gridIndex: 1, splitNumber: narrow ? 3 : 4 }),
    ],
    yAxis: [
      { type: 'value', gridIndex: 0, name: series.unit, scale: false },
      { type: 'value', gridIndex: 1, name: `${series.unit} / month` },
    ],
    graphic: monthlySeries.length
      ? []
      : [
          {
            type: 'text',
            left: narrow ? 'center' : '68%',
            top: narrow ? '78%' : 'middle',
            style: { text: 'no counts per period in this series', fill: '#777', fontSize: 12 },
          },
        ],
    series: [...published, ...monthlySeries],
  };

  const rows: DataRow[] = [
    ...observationRows(observations, sources, (o) => ({
      panel: 'as published',
      conflicts_with: (conflicts.get(o.id) ?? []).map((x) => x.id).join(' '),
    })),
    ...monthly.map((m) => ({
      panel: 'per month',
      series_id: series.id,
      observation_id: m.observationId ?? '',
      period_start: m.start,
      period_end: m.end,
      value_kind: 'rate',
      value: m.perMonth,
      unit: `${series.unit} per month`,
      scope: m.scope,
      derivation: m.kind === 'derived' ? 'derived' : 'reported',
      computed_by: m.kind === 'derived' ? DERIVED_LABEL : 'darkfigure (monthly average of a published count)',
      formula: m.formula,
    })),
  ];
  const srcList = sourceIds.map((s) => sources.get(s)).filter((s): s is Source => !!s);
  return {
    id: `series-${series.id}`,
    title: series.title,
    caption: `${observations.length} figure(s) from ${srcList.length} source(s) (${srcList
      .map((x) => x.organisation)
      .filter((v, i, a) => a.indexOf(v) === i)
      .join(
        ', ',
      )}). Per month: published counts over a period scaled to an average month, and differences of cumulative totals (${DERIVED_LABEL}); neither is an estimate of the unrecorded.`,
    option,
    rows,
    points: { published: observations.length, monthly: monthly.length },
  };
}
