import type { Observation, Source } from '../domain/index.ts';
import { figureTooltipHtml } from './citation.ts';
import { observationRows, type ChartSpec, type ViewData } from './dataset.ts';
import { DERIVED_LABEL, isDerived, resolveHeadlines, type HeadlineDef } from './headlines.ts';
import { scopeText } from './scope-text.ts';
import { qualifierSymbol, topicColour } from './style.ts';
import { escapeHtml } from './text.ts';
import { monthTimeAxis } from './time-axis.ts';

export interface Headline {
  /** The headline's id in data/headlines.json. */
  id: string;
  topic: string;
  label: string;
  seriesId: string;
  unit: string;
  definition: string;
  excludes: string;
  /** The newest figure of the headline's rows, with its source; none when the dataset has none. */
  figure?: {
    text: string;
    unit: string;
    period: string;
    seriesTitle: string;
    citation: string;
    url?: string;
    observationId: string;
    value: number;
    derived: boolean;
  };
  figureCount: number;
}

/** What a headline's axis measures: its unit and how the rows count (running total, per month, on a list). */
export function headlineAxisName(def: HeadlineDef): string {
  if (def.select.valueKind === 'cumulative') return `${def.unit}, running total`;
  if (def.select.valueKind === 'interval_count')
    return def.select.scope === 'month' ? `${def.unit} per month` : `${def.unit} per period`;
  return `${def.unit} on the list`;
}

/** Figures on the overview's "recorded" chart: the headline series' rows and no other. */
export function timelineObservations(data: ViewData): Observation[] {
  return resolveHeadlines(data).flatMap((h) => h.observations);
}

/** One card per headline indicator: its newest figure, with its definition and source. */
export function headlines(data: ViewData): Headline[] {
  return resolveHeadlines(data).map((r) => ({
    id: r.def.id,
    topic: r.def.topic,
    label: r.def.label,
    seriesId: r.def.seriesId,
    unit: r.def.unit,
    definition: r.def.definition,
    excludes: r.def.excludes,
    figureCount: r.observations.length,
    figure: r.figure && { ...r.figure, seriesTitle: r.series?.title ?? r.def.seriesId },
  }));
}

/**
 * The overview's "What is recorded": one small panel per headline indicator, each with its own axis
 * in its own unit (cases, requests per month, persons), so that no two kinds of count share a scale.
 */
export function overviewChart(data: ViewData, layout: { narrow?: boolean } = {}): ChartSpec {
  const sources = new Map<string, Source>(data.sources.map((s) => [s.id, s]));
  const resolved = resolveHeadlines(data);
  const narrow = !!layout.narrow;
  const n = resolved.length;
  const cols = narrow ? 1 : 2;
  const rowsN = Math.ceil(n / cols);
  // Panel boxes in percent of the chart: a title line above each.
  const top0 = 8;
  const cellH = (100 - top0 - 2) / rowsN;
  const box = (i: number) => {
    const c = i % cols;
    const r = Math.floor(i / cols);
    const w = 100 / cols;
    return {
      left: `${c * w + (narrow ? 15 : 7)}%`,
      width: `${w - (narrow ? 20 : 11)}%`,
      top: `${top0 + r * cellH + cellH * 0.2}%`,
      height: `${cellH * 0.62}%`,
      titleLeft: `${c * w + 1}%`,
      titleTop: `${top0 + r * cellH + cellH * 0.02}%`,
    };
  };
  const allDates = resolved.flatMap((r) => r.observations.map((o) => o.periodEnd));
  const titles: Record<string, unknown>[] = [
    {
      text: 'What is recorded',
      subtext: 'the headline figures as published, each on its own axis',
      left: 10,
      top: 0,
      textStyle: { fontSize: 15 },
    },
  ];
  const grid: Record<string, unknown>[] = [];
  const xAxis: Record<string, unknown>[] = [];
  const yAxis: Record<string, unknown>[] = [];
  const series = resolved.map((r, i) => {
    const b = box(i);
    titles.push({
      text: r.def.label,
      subtext: headlineAxisName(r.def),
      left: b.titleLeft,
      top: b.titleTop,
      textStyle: { fontSize: 12, lineHeight: 14 },
      subtextStyle: { fontSize: 11, lineHeight: 13 },
      itemGap: 6,
    });
    grid.push({ left: b.left, width: b.width, top: b.top, height: b.height, containLabel: false });
    // One date range for every panel, so that the panels line up in time.
    xAxis.push(monthTimeAxis(allDates, { gridIndex: i, splitNumber: narrow ? 3 : 4 }));
    yAxis.push({ type: 'value', gridIndex: i, min: 0, splitNumber: 3, axisLabel: { hideOverlap: true } });
    return {
      // Points, never joined: a line would suggest figures between the published ones.
      type: 'scatter',
      name: r.def.label,
      xAxisIndex: i,
      yAxisIndex: i,
      symbolSize: 9,
      itemStyle: { color: topicColour(r.def.topic) },
      data: r.observations.map((o) => ({
        value: [o.periodEnd, o.value],
        name: o.id,
        ...qualifierSymbol(o.qualifier),
        tip: figureTooltipHtml({ observation: o, source: sources.get(o.sourceId) }, [
          `headline: ${escapeHtml(r.def.label)} (${escapeHtml(scopeText(o.scope))})`,
          isDerived(o)
            ? `<strong>${DERIVED_LABEL}</strong>: ${escapeHtml(o.formula ?? '')}`
            : 'as published, not estimated',
          '<a href="#/methods">methods and sources</a>',
        ]),
      })),
    };
  });
  const option = {
    aria: { enabled: true },
    animation: false,
    title: titles,
    tooltip: {
      trigger: 'item',
      enterable: true,
      confine: true,
      formatter: (p: { data?: { tip?: string } }) => p.data?.tip ?? '',
    },
    grid,
    xAxis,
    yAxis,
    graphic: resolved.some((r) => r.observations.length)
      ? []
      : [
          {
            type: 'text',
            left: 'center',
            top: 'middle',
            style: { text: 'no headline figures loaded', fill: '#777', fontSize: 14 },
          },
        ],
    series,
  };
  const all = resolved.flatMap((r) => r.observations);
  const byObs = new Map(resolved.flatMap((r) => r.observations.map((o) => [o.id, r.def] as const)));
  return {
    id: 'overview-recorded',
    title: 'What is recorded',
    caption: `The ${n} headline figures (data/headlines.json), each as published at the end of the period it covers, in its own panel and unit: ${resolved.map((r) => `${r.def.label} (${headlineAxisName(r.def)})`).join('; ')}. They count different things and are never added up. Rows marked “${DERIVED_LABEL}” are our arithmetic on published figures.`,
    option,
    rows: observationRows(all, sources, (o) => ({
      headline: byObs.get(o.id)?.id ?? '',
      headline_label: byObs.get(o.id)?.label ?? '',
      derived_by_darkfigure: isDerived(o),
    })),
    points: Object.fromEntries(resolved.map((r) => [r.def.id, r.observations.length])),
  };
}
