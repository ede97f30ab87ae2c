import { monthsBetween } from '../calibrate/run.ts';
import type { NowcastMethod, PeriodNowcast } from '../nowcast/nowcast-result.ts';
import type { ChartSpec, DataRow, ViewData } from './dataset.ts';
import { fanChart } from './fan-chart.ts';
import { monthlyPoints } from './series-chart.ts';
import { PALETTE, TOPIC_COLOURS } from './style.ts';
import { escapeHtml, formatNumber } from './text.ts';

/** A count for one month ("2024-03"), optionally of one group (an article and part, a sentence type). */
export interface MonthCount {
  month: string;
  value: number;
  group?: string;
}

/** What the court view draws, as plain data (it crosses threads and HTTP). */
export interface CourtView {
  /** Imported court records from the store, or a simulated line list when the store has none. */
  origin: 'store' | 'simulated';
  /** Which of the two is shown, in words, for the page and the reports. */
  label: string;
  /** The day the records are as of. */
  now: string;
  cases: number;
  /** Cases by the month the court received them, and verdicts by the month of the verdict. */
  received: MonthCount[];
  verdicts: MonthCount[];
  /** Defendants by article and part ("337|5") per month received, and by sentence type per month of verdict. */
  byArticle: MonthCount[];
  bySentence: MonthCount[];
  nowcast: { method: NowcastMethod; maxDelay: number; periods: PeriodNowcast[]; warnings: string[] };
}

const month = (iso: string) => iso.slice(0, 7);

function months(v: CourtView): string[] {
  const all = [...v.received, ...v.verdicts].map((c) => c.month).concat(v.nowcast.periods.map((p) => month(p.period)));
  if (!all.length) return [];
  return monthsBetween(`${all.reduce((a, b) => (b < a ? b : a))}-01`, v.now);
}

const perMonth = (rows: MonthCount[], axis: string[]) => {
  const by = new Map<string, number>();
  for (const r of rows) by.set(r.month, (by.get(r.month) ?? 0) + r.value);
  return axis.map((m) => by.get(m) ?? 0);
};

/**
 * The nowcast: cases that will end in a verdict, by the month the court received them. Bars: verdicts
 * known so far; line and bands: what the method expects once every verdict is in (50% and 95%).
 */
export function courtNowcastChart(v: CourtView): ChartSpec {
  const axis = months(v);
  const nc = v.nowcast;
  const name = `nowcast (${nc.method})`;
  const fan = fanChart([{ name, points: nc.periods.map((p) => ({ x: month(p.period), median: p.estimate, lo50: p.lo50, hi50: p.hi50, lo90: p.lo95, hi90: p.hi95 })), colour: '#b22222' }], {
    id: 'court-nowcast',
    title: 'Cases that will end in a verdict, by month received',
    unit: 'cases',
    xType: 'category',
    outerLevel: 95,
    nameColumn: 'method',
  });
  const reported = nc.periods.map((p) => p.reported);
  const option = fan.option as { series: unknown[]; legend: { data: string[]; top: number }; grid: { top: number }; xAxis: unknown; title: Record<string, unknown> };
  // Bars first, so that the bands are drawn over them.
  option.series.unshift({ type: 'bar', name: 'verdicts known so far', barMaxWidth: 16, itemStyle: { color: TOPIC_COLOURS.court, opacity: 0.55 }, data: nc.periods.map((p) => ({ value: [month(p.period), p.reported], tip: `${month(p.period)}: ${p.reported} case(s) received that month have a verdict so far` })) });
  option.legend.data = ['verdicts known so far', name];
  // Room for the subtitle that says which records these are.
  option.legend.top = 46;
  option.grid.top = 95;
  option.xAxis = { type: 'category', data: axis.filter((m) => nc.periods.some((p) => month(p.period) === m)), axisLabel: { hideOverlap: true } };
  option.title = { ...option.title, subtext: `${v.label}; as of ${v.now}`, subtextStyle: { width: 760, overflow: 'truncate' } };
  const rows: DataRow[] = nc.periods.map((p) => ({ month: month(p.period), method: nc.method, verdicts_known: p.reported, estimate: p.estimate, lo50: p.lo50, hi50: p.hi50, lo95: p.lo95, hi95: p.hi95, origin: v.origin, as_of: v.now }));
  const recent = nc.periods.filter((p) => p.estimate > p.reported);
  return {
    id: 'court-nowcast',
    title: fan.title,
    caption: `${v.label}. Bars: cases received that month whose verdict is known on ${v.now}. Red: what the ${nc.method} method expects once every verdict is in, with 50% and 95% bands${recent.length ? ` (${recent.length} recent month(s) still filling)` : ''}; delays up to ${nc.maxDelay} months.`,
    option: option as unknown as Record<string, unknown>,
    rows,
    points: { reported: reported.length, nowcast: nc.periods.length },
  };
}

/** Cases received per month (by month received) and verdicts per month (by month of the verdict). */
export function courtMonthlyChart(v: CourtView): ChartSpec {
  const axis = months(v);
  const received = perMonth(v.received, axis);
  const verdicts = perMonth(v.verdicts, axis);
  const option = {
    aria: { enabled: true },
    animation: false,
    title: { text: 'Cases received and verdicts per month', subtext: v.label, left: 10, top: 0, textStyle: { fontSize: 15 }, subtextStyle: { width: 760, overflow: 'truncate' } },
    legend: { top: 44, left: 10 },
    tooltip: { trigger: 'axis' },
    grid: { left: 70, right: 30, top: 95, bottom: 40 },
    xAxis: { type: 'category', data: axis, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', name: 'cases' },
    series: [
      { type: 'line', name: 'cases received', symbolSize: 4, itemStyle: { color: TOPIC_COLOURS.court }, data: received },
      { type: 'line', name: 'verdicts', symbolSize: 4, itemStyle: { color: '#b22222' }, data: verdicts },
    ],
  };
  return {
    id: 'court-monthly',
    title: 'Cases received and verdicts per month',
    caption: `${v.label}. Cases by the month the court received them; verdicts by the month of the verdict. The latest months of both look low because records arrive late (see the nowcast).`,
    option,
    rows: axis.map((m, i) => ({ month: m, cases_received: received[i], verdicts: verdicts[i], origin: v.origin })),
    points: { received: axis.length, verdicts: axis.length },
  };
}

/** Stacked monthly bars of the largest groups; the rest are summed as "other", so the legend stays readable. */
export function courtBreakdownChart(rows: MonthCount[], axis: string[], opts: { id: string; title: string; unit: string; caption: string; groupName: (g: string) => string; top?: number }): ChartSpec {
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.group ?? '', (totals.get(r.group ?? '') ?? 0) + r.value);
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([g]) => g);
  const top = opts.top ?? 8;
  const shown = ranked.slice(0, ranked.length > top ? top - 1 : top);
  const other = ranked.length > shown.length;
  const label = (g: string) => (shown.includes(g) ? opts.groupName(g) : 'other');
  const names = [...shown.map(opts.groupName), ...(other ? ['other'] : [])];
  const cells = new Map<string, number>();
  for (const r of rows) cells.set(`${label(r.group ?? '')}|${r.month}`, (cells.get(`${label(r.group ?? '')}|${r.month}`) ?? 0) + r.value);
  const option = {
    aria: { enabled: true },
    animation: false,
    title: { text: opts.title, left: 10, top: 0, textStyle: { fontSize: 15 } },
    legend: { type: 'scroll', top: 28, left: 10, right: 10 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 70, right: 30, top: 80, bottom: 40 },
    xAxis: { type: 'category', data: axis, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', name: opts.unit },
    series: names.map((n, i) => ({ type: 'bar', name: n, stack: 'all', itemStyle: { color: n === 'other' ? '#999999' : PALETTE[i % PALETTE.length] }, data: axis.map((m) => cells.get(`${n}|${m}`) ?? 0) })),
  };
  return {
    id: opts.id,
    title: opts.title,
    caption: opts.caption,
    option,
    rows: rows.map((r) => ({ month: r.month, group: r.group ?? '', label: opts.groupName(r.group ?? ''), value: r.value, unit: opts.unit })),
    points: Object.fromEntries(names.map((n) => [n, axis.length])),
  };
}

export const articleName = (g: string): string => {
  const [article, part] = g.split('|');
  if (!article || article === 'unknown') return 'article unknown';
  return part && part !== 'unknown' ? `art. ${article} part ${part}` : `art. ${article}`;
};

/** Units that count events (not rates or shares), so that their per-month figures share an axis in kind. */
const COUNT_UNITS = new Set(['cases', 'sentences', 'persons', 'verdicts', 'defendants']);

/**
 * The court figures as published (Mediazona, court statistics): every count series of the court topic as a
 * count per month, reported over a period or derived by differencing cumulative totals (no estimate).
 */
export function courtPublishedChart(data: ViewData): ChartSpec {
  const sources = new Map(data.sources.map((s) => [s.id, s]));
  const court = data.series.filter((s) => s.topic === 'court' && COUNT_UNITS.has(s.unit) && !s.id.startsWith('court.import.'));
  const rows: DataRow[] = [];
  const series = court
    .map((s, i) => {
      const pts = monthlyPoints(data.observations.filter((o) => o.seriesId === s.id));
      for (const p of pts) rows.push({ series_id: s.id, series_title: s.title, period_start: p.start, period_end: p.end, per_month: p.perMonth, count: p.count, unit: s.unit, derivation: p.kind, formula: p.formula, scope: p.scope, observation_id: p.observationId ?? '', source: p.observationId ? (sources.get(data.observations.find((o) => o.id === p.observationId)?.sourceId ?? '')?.organisation ?? '') : '' });
      return {
        type: 'scatter',
        name: s.title,
        symbol: 'circle',
        symbolSize: 8,
        itemStyle: { color: PALETTE[i % PALETTE.length] },
        data: pts.map((p) => ({
          value: [p.date, Number(p.perMonth.toFixed(2))],
          tip: `<div class="df-tip"><strong>${escapeHtml(formatNumber(p.perMonth))} ${escapeHtml(s.unit)} per month</strong><br>${escapeHtml(s.title)}<br>${escapeHtml(p.start)} – ${escapeHtml(p.end)} · ${escapeHtml(p.scope)}<br>${p.kind === 'derived' ? 'derived by differencing published totals' : 'published count over the period'}: ${escapeHtml(p.formula)}</div>`,
        })),
      };
    })
    .filter((s) => s.data.length > 0);
  const option = {
    aria: { enabled: true },
    animation: false,
    title: { text: 'Court figures as published, per month', left: 10, top: 0, textStyle: { fontSize: 15 } },
    legend: { type: 'scroll', bottom: 0, left: 10, right: 10 },
    tooltip: { trigger: 'item', enterable: true, confine: true, formatter: (p: { data?: { tip?: string } }) => p.data?.tip ?? '' },
    grid: { left: 70, right: 30, top: 50, bottom: 60 },
    xAxis: { type: 'time', axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', name: 'per month' },
    graphic: series.length ? [] : [{ type: 'text', left: 'center', top: 'middle', style: { text: 'no published court counts loaded', fill: '#777', fontSize: 14 } }],
    series,
  };
  return {
    id: 'court-published',
    title: 'Court figures as published, per month',
    caption: 'The published court series of the dataset (cases received, decided, sentences, persons convicted), each as a count per average month: counts over a period scaled to a month, and differences of cumulative totals. Different series count different things; they are shown together, never added.',
    option,
    rows,
    points: Object.fromEntries(series.map((s) => [s.name, s.data.length])),
  };
}

/** The court view's charts: the nowcast first (the one exported by default), then counts, breakdowns, published. */
export function courtCharts(v: CourtView, data: ViewData): ChartSpec[] {
  const axis = months(v);
  const charts = [courtNowcastChart(v), courtMonthlyChart(v)];
  if (v.byArticle.length)
    charts.push(courtBreakdownChart(v.byArticle, axis, { id: 'court-articles', title: 'Defendants by article, per month received', unit: 'defendants', groupName: articleName, caption: 'Defendants charged under each article and part, by the month the court received the case; a defendant with several charges counts under each.' }));
  if (v.bySentence.length)
    charts.push(courtBreakdownChart(v.bySentence, axis, { id: 'court-sentences', title: 'Defendants sentenced, by sentence type, per month of verdict', unit: 'defendants', groupName: (g) => g || 'unknown', caption: 'Sentence type as read from the judgment text (unknown where it is not published), by the month of the verdict.' }));
  charts.push(courtPublishedChart(data));
  return charts;
}
