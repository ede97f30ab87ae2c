import type { Observation } from '../domain/observation.ts';
import type { Series } from '../domain/series.ts';
import type { Source } from '../domain/source.ts';
import { citationText, figureTooltipHtml } from './citation.ts';
import { observationRows, type ChartSpec, type ViewData } from './dataset.ts';
import { qualifierSymbol, TOPIC_COLOURS } from './style.ts';
import { escapeHtml, formatFigure, formatPeriod } from './text.ts';

/** The recorded fragments the overview puts on one timeline, in display order. */
export const RECORDED_TOPICS = [
  { topic: 'court', label: 'Court cases and verdicts' },
  { topic: 'ngo', label: 'NGO help requests' },
  { topic: 'surrender', label: 'Surrenders' },
  { topic: 'leak', label: 'Leaked lists' },
] as const;

/** Counts go on the timeline; rates, shares and ratios are in other units and stay in the series explorer. */
export const TIMELINE_KINDS = new Set(['cumulative', 'interval_count', 'level']);

export interface Headline {
  topic: string;
  label: string;
  /** The largest most recent figure of the topic, with its series and source; none when the topic has no data. */
  figure?: { text: string; unit: string; period: string; seriesTitle: string; citation: string; url?: string; observationId: string };
  seriesCount: number;
  figureCount: number;
}

/**
 * Figures on the overview timeline: positive counts of the recorded topics (the axis is logarithmic;
 * a published zero stays in the series explorer).
 */
export function timelineObservations(data: ViewData): Observation[] {
  const topics = new Map(data.series.map((s) => [s.id, s.topic]));
  const wanted = new Set<string>(RECORDED_TOPICS.map((t) => t.topic));
  return data.observations.filter((o) => wanted.has(topics.get(o.seriesId) ?? '') && TIMELINE_KINDS.has(o.valueKind) && o.value > 0);
}

/** One headline per recorded topic: what is recorded most recently, with its source. */
export function headlines(data: ViewData): Headline[] {
  const series = new Map(data.series.map((s) => [s.id, s]));
  const sources = new Map(data.sources.map((s) => [s.id, s]));
  const obs = timelineObservations(data);
  return RECORDED_TOPICS.map(({ topic, label }) => {
    const mine = obs.filter((o) => series.get(o.seriesId)?.topic === topic);
    const h: Headline = { topic, label, seriesCount: new Set(mine.map((o) => o.seriesId)).size, figureCount: mine.length };
    if (!mine.length) return h;
    const last = mine.reduce((a, b) => (b.periodEnd > a.periodEnd || (b.periodEnd === a.periodEnd && b.value > a.value) ? b : a));
    const src = sources.get(last.sourceId);
    h.figure = {
      text: formatFigure(last),
      unit: last.unit,
      period: formatPeriod(last),
      seriesTitle: series.get(last.seriesId)?.title ?? last.seriesId,
      citation: src ? citationText(src) : last.sourceId,
      url: src?.url,
      observationId: last.id,
    };
    return h;
  });
}

/**
 * The overview timeline: every recorded count (court, NGO, surrender, leaked lists) at the end of
 * its period, one colour per topic, on a log scale because the counts span orders of magnitude.
 */
export function overviewChart(data: ViewData, layout: { narrow?: boolean } = {}): ChartSpec {
  const series = new Map<string, Series>(data.series.map((s) => [s.id, s]));
  const sources = new Map<string, Source>(data.sources.map((s) => [s.id, s]));
  const obs = timelineObservations(data);
  const chartSeries = RECORDED_TOPICS.map(({ topic, label }) => ({
    type: 'scatter',
    name: label,
    symbolSize: 11,
    itemStyle: { color: TOPIC_COLOURS[topic], opacity: 0.85 },
    data: obs
      .filter((o) => series.get(o.seriesId)?.topic === topic)
      .map((o) => ({
        value: [o.periodEnd, o.value],
        name: o.id,
        ...qualifierSymbol(o.qualifier),
        tip: figureTooltipHtml({ observation: o, source: sources.get(o.sourceId) }, [`series: ${escapeHtml(series.get(o.seriesId)?.title ?? o.seriesId)}`, `recorded as published, not estimated: <a href="#/methods">methods and sources</a>`]),
      })),
  }));
  const option = {
    aria: { enabled: true },
    animation: false,
    title: { text: 'What is recorded', subtext: layout.narrow ? 'log scale; tap a point for its source' : 'each published count at the end of its period (log scale); hover for the source', left: 10, top: 0, textStyle: { fontSize: 15 } },
    legend: { top: layout.narrow ? 44 : 8, right: layout.narrow ? 10 : 10, left: layout.narrow ? 10 : undefined },
    tooltip: { trigger: 'item', enterable: true, confine: true, formatter: (p: { data?: { tip?: string } }) => p.data?.tip ?? '' },
    grid: { left: layout.narrow ? 58 : 70, right: layout.narrow ? 16 : 30, top: layout.narrow ? 120 : 70, bottom: 40 },
    xAxis: { type: 'time', splitNumber: 6, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'log', name: layout.narrow ? '' : 'count (log scale)', logBase: 10 },
    graphic: obs.length ? [] : [{ type: 'text', left: 'center', top: 'middle', style: { text: 'no recorded figures loaded', fill: '#777', fontSize: 14 } }],
    series: chartSeries,
  };
  return {
    id: 'overview-recorded',
    title: 'What is recorded',
    caption: 'Court cases and verdicts, NGO help requests, surrenders and leaked lists as published, each at the end of the period it covers. Different series count different things (cases, verdicts, people, requests): they are shown together, never added.',
    option,
    rows: observationRows(obs, sources, (o) => ({ topic: series.get(o.seriesId)?.topic ?? '', series_title: series.get(o.seriesId)?.title ?? '' })),
    points: Object.fromEntries(RECORDED_TOPICS.map(({ topic }) => [topic, obs.filter((o) => series.get(o.seriesId)?.topic === topic).length])),
  };
}
