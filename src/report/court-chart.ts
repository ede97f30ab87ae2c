import { monthsBetween, type Qualifier } from '../domain/index.ts';
import type { NowcastMethod, PeriodNowcast, ProjectionCheck, TotalsProjection } from '../nowcast/index.ts';
import type { ChartSpec, DataRow, ViewData } from './dataset.ts';
import { publishedNowcastLayers } from './court-published-chart.ts';
import { fanChart } from './fan-chart.ts';
import { monthlyPoints } from './series-chart.ts';
import { PALETTE, TOPIC_COLOURS } from './style.ts';
import { escapeHtml, formatNumber } from './text.ts';
import { monthTimeAxis } from './time-axis.ts';

/** A count for one month ("2024-03"), optionally of one group (an article and part, a sentence type). */
export interface MonthCount {
  month: string;
  value: number;
  group?: string;
}

/** One published running total the nowcast of the published series starts from. */
export interface PublishedReading {
  date: string;
  value: number;
  qualifier: Qualifier;
  observationId: string;
  sourceId: string;
}

/** A published running total as the court view nowcasts it: what it counts, whose count it is, its totals. */
export interface PublishedSeries {
  seriesId: string;
  articles: string[];
  /** What is counted, in words ("art. 337 (AWOL) cases received since mobilisation"). */
  label: string;
  /** Whose count it is: only one organisation's totals are chained, never a mix of counters. */
  organisation: string;
  scope: string;
  /** The day the count started from zero. */
  start: string;
  readings: PublishedReading[];
}

/**
 * The nowcast of the months after the newest published running total (derived by darkfigure): the
 * published series projected to the dataset's newest date, with the out-of-sample check of each
 * published total predicted from the ones before it.
 */
export interface PublishedNowcast extends PublishedSeries {
  projection: TotalsProjection;
  backtest: { checks: ProjectionCheck[]; inside: number; total: number };
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
  /** The nowcasts of the published running totals' newest months (the headline, art. 337 cases, first), when the dataset has enough totals. */
  published?: PublishedNowcast[];
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
  // A month the method refuses (nothing reported yet: chain ladder, baseline) has no line; its note says why.
  const refused = nc.periods.filter((p) => !Number.isFinite(p.estimate));
  const fan = fanChart(
    [
      {
        name,
        points: nc.periods
          .filter((p) => Number.isFinite(p.estimate))
          .map((p) => ({
            x: month(p.period),
            median: p.estimate,
            lo50: p.lo50,
            hi50: p.hi50,
            lo90: p.lo95,
            hi90: p.hi95,
          })),
        colour: '#b22222',
      },
    ],
    {
      id: 'court-nowcast',
      title: 'Cases that will end in a verdict, by month received',
      unit: 'cases',
      xType: 'category',
      outerLevel: 95,
      nameColumn: 'method',
    },
  );
  const reported = nc.periods.map((p) => p.reported);
  const option = fan.option as {
    series: unknown[];
    legend: { data: string[]; top: number };
    grid: { top: number };
    xAxis: unknown;
    title: Record<string, unknown>;
  };
  // Bars first, so that the bands are drawn over them.
  option.series.unshift({
    type: 'bar',
    name: 'verdicts known so far',
    barMaxWidth: 16,
    itemStyle: { color: TOPIC_COLOURS.court, opacity: 0.55 },
    data: nc.periods.map((p) => ({
      value: [month(p.period), p.reported],
      tip: `${month(p.period)}: ${p.reported} case(s) received that month have a verdict so far`,
    })),
  });
  option.legend.data = ['verdicts known so far', name];
  // Room for the subtitle that says which records these are.
  option.legend.top = 46;
  option.grid.top = 95;
  option.xAxis = {
    type: 'category',
    data: axis.filter((m) => nc.periods.some((p) => month(p.period) === m)),
    axisLabel: { hideOverlap: true },
  };
  option.title = {
    ...option.title,
    subtext: `${v.label}; as of ${v.now}`,
    subtextStyle: { width: 760, overflow: 'truncate' },
  };
  const fin = (x: number) => (Number.isFinite(x) ? x : null);
  const rows: DataRow[] = nc.periods.map((p) => ({
    month: month(p.period),
    method: nc.method,
    verdicts_known: p.reported,
    estimate: fin(p.estimate),
    lo50: fin(p.lo50),
    hi50: fin(p.hi50),
    lo95: fin(p.lo95),
    hi95: fin(p.hi95),
    origin: v.origin,
    as_of: v.now,
    ...(refused.length ? { note: p.note ?? '' } : {}),
  }));
  const recent = nc.periods.filter((p) => p.estimate > p.reported);
  return {
    id: 'court-nowcast',
    title: fan.title,
    caption: `${v.label}. Bars: cases received that month whose verdict is known on ${v.now}. Red: what the ${nc.method} method expects once every verdict is in, with 50% and 95% bands${recent.length ? ` (${recent.length} recent month(s) still filling)` : ''}; delays up to ${nc.maxDelay} months.${refused.length ? ` No estimate for ${refused.map((p) => month(p.period)).join(', ')}: ${refused[0]!.note}.` : ''}`,
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
    title: {
      text: 'Cases received and verdicts per month',
      subtext: v.label,
      left: 10,
      top: 0,
      textStyle: { fontSize: 15 },
      subtextStyle: { width: 760, overflow: 'truncate' },
    },
    legend: { top: 44, left: 10 },
    tooltip: { trigger: 'axis' },
    grid: { left: 70, right: 30, top: 95, bottom: 40 },
    xAxis: { type: 'category', data: axis, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', name: 'cases' },
    series: [
      {
        type: 'line',
        name: 'cases received',
        symbolSize: 4,
        itemStyle: { color: TOPIC_COLOURS.court },
        data: received,
      },
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
export function courtBreakdownChart(
  rows: MonthCount[],
  axis: string[],
  opts: { id: string; title: string; unit: string; caption: string; groupName: (g: string) => string; top?: number },
): ChartSpec {
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.group ?? '', (totals.get(r.group ?? '') ?? 0) + r.value);
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([g]) => g);
  const top = opts.top ?? 8;
  const shown = ranked.slice(0, ranked.length > top ? top - 1 : top);
  const other = ranked.length > shown.length;
  const label = (g: string) => (shown.includes(g) ? opts.groupName(g) : 'other');
  const names = [...shown.map(opts.groupName), ...(other ? ['other'] : [])];
  const cells = new Map<string, number>();
  for (const r of rows)
    cells.set(`${label(r.group ?? '')}|${r.month}`, (cells.get(`${label(r.group ?? '')}|${r.month}`) ?? 0) + r.value);
  const option = {
    aria: { enabled: true },
    animation: false,
    title: { text: opts.title, left: 10, top: 0, textStyle: { fontSize: 15 } },
    legend: { type: 'scroll', top: 28, left: 10, right: 10 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 70, right: 30, top: 80, bottom: 40 },
    xAxis: { type: 'category', data: axis, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', name: opts.unit },
    series: names.map((n, i) => ({
      type: 'bar',
      name: n,
      stack: 'all',
      itemStyle: { color: n === 'other' ? '#999999' : PALETTE[i % PALETTE.length] },
      data: axis.map((m) => cells.get(`${n}|${m}`) ?? 0),
    })),
  };
  return {
    id: opts.id,
    title: opts.title,
    caption: opts.caption,
    option,
    rows: rows.map((r) => ({
      month: r.month,
      group: r.group ?? '',
      label: opts.groupName(r.group ?? ''),
      value: r.value,
      unit: opts.unit,
    })),
    points: Object.fromEntries(names.map((n) => [n, axis.length])),
  };
}

export const articleName = (g: string): string => {
  const [article, part] = g.split('|');
  if (!article || article === 'unknown') return 'article unknown';
  return part && part !== 'unknown' ? `art. ${article} part ${part}` : `art. ${article}`;
};

const ARTICLE_NAMES: Record<string, string> = {
  '337': 'art. 337 (AWOL)',
  '338': 'art. 338 (desertion)',
  '332': 'art. 332 (refusing orders)',
  '332+337+338': 'arts 332, 337, 338',
  '332+334+337+338': 'arts 332, 334, 337, 338',
};
const articlesName = (a: string[]) => {
  const k = [...a].sort().join('+');
  return k ? (ARTICLE_NAMES[k] ?? `art. ${a.join(', ')}`) : 'articles not stated';
};

/** Nationwide rows of a court series that are monthly counts or totals since mobilisation (regional and yearly rows stay in the explorer). */
const nationwideMonthly = (data: ViewData, seriesId: string) =>
  data.observations.filter((o) => o.seriesId === seriesId && (o.scope === 'month' || o.scope === 'since_mobilisation'));

/**
 * The published monthly court figures, the court view's default: cases received per month by article
 * (top) and verdicts per month (bottom), each on its own axis. Published one-month counts are filled
 * points; monthly averages between two published totals (derived by darkfigure) are open points. With
 * imported court records, the nowcast of the newest months is drawn on the cases panel.
 */
export function courtPublishedChart(data: ViewData, v?: CourtView): ChartSpec {
  const sources = new Map(data.sources.map((s) => [s.id, s]));
  const obsById = new Map(data.observations.map((o) => [o.id, o]));
  const rows: DataRow[] = [];
  const points: Record<string, number> = {};
  const series: Array<Record<string, unknown>> = [];
  const dates: string[] = [];
  const colours = new Map<string, string>();
  const panels = [
    { seriesId: 'court.cases_received', unit: 'cases received per month', what: 'cases received' },
    { seriesId: 'court.sentences', unit: 'verdicts per month', what: 'verdicts' },
  ];
  panels.forEach((panel, gi) => {
    const byArticles = new Map<string, ReturnType<typeof nationwideMonthly>>();
    for (const o of nationwideMonthly(data, panel.seriesId)) {
      const k = [...o.articles].sort().join('+');
      byArticles.set(k, [...(byArticles.get(k) ?? []), o]);
    }
    [...byArticles.entries()]
      .sort((x, y) => (x[0] === '337' ? -1 : y[0] === '337' ? 1 : x[0] < y[0] ? -1 : 1))
      .forEach(([, obs], i) => {
        const label = `${panel.what}: ${articlesName(obs[0]!.articles)}`;
        const pts = monthlyPoints(obs);
        points[label] = pts.length;
        for (const p of pts) {
          dates.push(p.date);
          const src = p.observationId ? sources.get(obsById.get(p.observationId)?.sourceId ?? '') : undefined;
          const ends = p.kind === 'derived' ? obs.filter((o) => o.periodEnd === p.start || o.periodEnd === p.end) : [];
          rows.push({
            panel: panel.unit,
            series_id: panel.seriesId,
            articles: obs[0]!.articles.join(';'),
            period_start: p.start,
            period_end: p.end,
            per_month: Number(p.perMonth.toFixed(2)),
            count: p.count,
            unit: panel.unit,
            derivation: p.kind === 'derived' ? 'derived' : 'reported',
            formula: p.formula,
            observation_id: p.observationId ?? ends.map((o) => o.id).join(' '),
            source_id: src?.id ?? ends.at(-1)?.sourceId ?? '',
          });
        }
        const colour = PALETTE[i % PALETTE.length]!;
        colours.set(`${panel.seriesId}|${[...obs[0]!.articles].sort().join('+')}`, colour);
        series.push({
          type: 'scatter',
          name: label,
          xAxisIndex: gi,
          yAxisIndex: gi,
          symbolSize: 9,
          itemStyle: { color: colour },
          data: pts.map((p) => ({
            value: [p.date, Number(p.perMonth.toFixed(2))],
            symbol: p.kind === 'derived' ? 'emptyCircle' : 'circle',
            tip: `<div class="df-tip"><strong>${escapeHtml(formatNumber(p.perMonth))} ${escapeHtml(panel.unit)}</strong><br>${escapeHtml(label)}<br>${escapeHtml(p.start)} – ${escapeHtml(p.end)}<br>${p.kind === 'derived' ? '<strong>derived by darkfigure</strong> from two published totals' : 'published count for the month'}: ${escapeHtml(p.formula)}</div>`,
          })),
        });
      });
  });
  const nc = v?.origin === 'store' ? v.nowcast : undefined;
  if (nc) {
    const recent = nc.periods.filter((p) => p.estimate > p.reported || p.hi95 > p.reported);
    const at = (p: PeriodNowcast) => `${month(p.period)}-15`;
    for (const p of recent) dates.push(at(p));
    points.nowcast = recent.length;
    series.push(
      {
        type: 'line',
        name: `nowcast of recent months (${nc.method}, imported records)`,
        xAxisIndex: 0,
        yAxisIndex: 0,
        symbolSize: 5,
        itemStyle: { color: '#b22222' },
        data: recent.map((p) => ({
          value: [at(p), p.estimate],
          tip: `${month(p.period)}: nowcast ${formatNumber(p.estimate)} (95% ${formatNumber(p.lo95)} – ${formatNumber(p.hi95)}); ${p.reported} known`,
        })),
      },
      {
        type: 'line',
        name: '95% band',
        xAxisIndex: 0,
        yAxisIndex: 0,
        symbol: 'none',
        lineStyle: { type: 'dashed', color: '#b22222', width: 1 },
        data: recent.map((p) => [at(p), p.hi95]),
      },
      {
        type: 'line',
        name: '95% band',
        xAxisIndex: 0,
        yAxisIndex: 0,
        symbol: 'none',
        lineStyle: { type: 'dashed', color: '#b22222', width: 1 },
        data: recent.map((p) => [at(p), p.lo95]),
      },
    );
    for (const p of recent)
      rows.push({
        panel: 'cases received per month',
        period_start: p.period,
        period_end: p.period,
        per_month: p.estimate,
        lo95: p.lo95,
        hi95: p.hi95,
        unit: 'cases that will end in a verdict',
        derivation: 'derived',
        formula: `nowcast (${nc.method}) of imported court records as of ${v!.now}`,
      });
  }
  // The nowcasts of the published running totals' newest months, each in its group's colour on its panel.
  const pubs = v?.published ?? [];
  const layers = publishedNowcastLayers(pubs, {
    colour: (seriesId, articles) => colours.get(`${seriesId}|${[...articles].sort().join('+')}`) ?? '#333333',
    panel: (seriesId) => panels.findIndex((p) => p.seriesId === seriesId),
    unit: (seriesId) => panels.find((p) => p.seriesId === seriesId)?.unit ?? 'per month',
    name: (pub) => `nowcast, derived by darkfigure: ${articlesName(pub.articles)}`,
  });
  series.push(...layers.series);
  rows.push(...layers.rows);
  dates.push(...layers.dates);
  Object.assign(points, layers.points);
  const option = {
    aria: { enabled: true },
    animation: false,
    title: [
      {
        text: 'Court figures as published, per month',
        subtext: 'filled: a published month; open: average between two published totals (derived by darkfigure)',
        left: 10,
        top: 0,
        textStyle: { fontSize: 15 },
        subtextStyle: { width: 700, overflow: 'break' },
      },
      {
        text: 'Cases received per month, by article',
        left: 10,
        top: '11%',
        textStyle: { fontSize: 12, fontWeight: 'normal' },
      },
      { text: 'Verdicts per month', left: 10, top: '56%', textStyle: { fontSize: 12, fontWeight: 'normal' } },
    ],
    legend: { type: 'scroll', bottom: 0, left: 10, right: 10 },
    tooltip: {
      trigger: 'item',
      enterable: true,
      confine: true,
      formatter: (p: { data?: { tip?: string } }) => p.data?.tip ?? '',
    },
    grid: [
      { left: 62, right: 24, top: '17%', height: '30%' },
      { left: 62, right: 24, top: '62%', height: '26%' },
    ],
    xAxis: [monthTimeAxis(dates, { gridIndex: 0 }), monthTimeAxis(dates, { gridIndex: 1 })],
    yAxis: [
      { type: 'value', gridIndex: 0, name: 'cases/month', min: 0, nameTextStyle: { align: 'left' } },
      { type: 'value', gridIndex: 1, name: 'verdicts/month', min: 0, nameTextStyle: { align: 'left' } },
    ],
    graphic: series.length
      ? []
      : [
          {
            type: 'text',
            left: 'center',
            top: 'middle',
            style: { text: 'no published court counts loaded', fill: '#777', fontSize: 14 },
          },
        ],
    series,
  };
  return {
    id: 'court-published',
    title: 'Court figures as published, per month',
    caption: `Cases received by military courts per month, by article, and verdicts per month, nationwide since mobilisation (Mediazona and the outlets that carried its counts). A published one-month count is a filled point; between two published running totals, the average per month is derived by darkfigure (an open point) and is not a count of any one month.${layers.dates.length ? ` Dotted lines with diamonds are nowcasts derived by darkfigure, not counts: the months after ${pubs[0]!.organisation}'s newest published running total of each series up to ${pubs[0]!.projection.now}, the first on each panel with its 95% band (dashed); every series' interval is in its tooltip and the CSV.` : ''}${nc ? ` The red line is the ${nc.method} nowcast of the newest months of the imported court records, with its 95% band.` : ''}`,
    option,
    rows,
    points,
  };
}

/** The court view's charts: the published monthly figures first (the one exported by default), then the nowcast, counts, breakdowns. */
export function courtCharts(v: CourtView, data: ViewData): ChartSpec[] {
  const axis = months(v);
  // The published figures first (the default view and export), then the line list's nowcast and counts.
  const charts = [courtPublishedChart(data, v), courtNowcastChart(v), courtMonthlyChart(v)];
  if (v.byArticle.length)
    charts.push(
      courtBreakdownChart(v.byArticle, axis, {
        id: 'court-articles',
        title: 'Defendants by article, per month received',
        unit: 'defendants',
        groupName: articleName,
        caption:
          'Defendants charged under each article and part, by the month the court received the case; a defendant with several charges counts under each.',
      }),
    );
  if (v.bySentence.length)
    charts.push(
      courtBreakdownChart(v.bySentence, axis, {
        id: 'court-sentences',
        title: 'Defendants sentenced, by sentence type, per month of verdict',
        unit: 'defendants',
        groupName: (g) => g || 'unknown',
        caption:
          'Sentence type as read from the judgment text (unknown where it is not published), by the month of the verdict.',
      }),
    );
  // A simulated line list is a demonstration: every chart drawn from it says so in its title.
  if (v.origin === 'simulated')
    for (const c of charts.slice(1)) {
      c.title = `${c.title} (simulated line list, not court records)`;
      const t = c.option.title as Record<string, unknown>;
      if (t && !Array.isArray(t)) c.option.title = { ...t, text: c.title };
    }
  return charts;
}
