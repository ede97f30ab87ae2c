import type { Source } from '../domain/index.ts';
import { citationText } from './citation.ts';
import type { ChartSpec, DataRow, ViewData } from './dataset.ts';
import { DERIVED_LABEL } from './headlines.ts';

/**
 * Charts made publishable for static exports (PNG, SVG, the HTML/PDF report, CSV), as Our World in
 * Data's are: a title (saying "model" when it shows a model's output), the unit, a source line with
 * dates, the "darkfigure" credit and the page's address, and no word of hovering. CSV rows get a
 * citation column. The page draws the undecorated charts: it has its own captions and sources.
 */

/** Where the observatory is published: DARKFIGURE_PUBLIC_URL, or the address `npm start` serves. */
export function siteUrl(explicit?: string): string {
  const env = typeof process !== 'undefined' ? process.env?.DARKFIGURE_PUBLIC_URL : undefined;
  return (explicit ?? env ?? 'http://localhost:8080').replace(/\/+$/, '');
}

export interface PublishContext {
  /** The view and the query that made it: they make the page's address and the embed address. */
  view: string;
  query?: string;
  data: ViewData;
  site?: string;
  /** Whether the view's charts are a model's output (scenarios, calibration): their titles say so. */
  model?: boolean;
}

/** The page a chart comes from ("http://…/#/series/court.cases_received"), and its embed address. */
export function pageUrl(ctx: Pick<PublishContext, 'view' | 'query' | 'site'>): string {
  const q = new URLSearchParams(ctx.query ?? '');
  const series = q.get('series');
  q.delete('series');
  q.delete('chart');
  const qs = q.toString();
  return `${siteUrl(ctx.site)}/#/${ctx.view}${series ? `/${encodeURIComponent(series)}` : ''}${qs ? `?${qs}` : ''}`;
}

export function embedUrl(view: string, chart: string, query = '', site?: string): string {
  const q = new URLSearchParams(query);
  q.delete('chart');
  const qs = q.toString();
  return `${siteUrl(site)}/embed/${encodeURIComponent(view)}/${encodeURIComponent(chart)}${qs ? `?${qs}` : ''}`;
}

/** The iframe a publisher pastes to show one chart (it renders just that chart, with its credit). */
export function embedSnippet(view: string, chart: string, title: string, query = '', site?: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<iframe src="${esc(embedUrl(view, chart, query, site))}" title="${esc(title)} (darkfigure)" width="100%" height="560" loading="lazy" style="border:0"></iframe>`;
}

/** Text for a static medium: sentences or clauses that ask to hover, tap or click are dropped. */
export function staticText(s: string): string {
  return s
    .split(/(?<=[.;])\s+/)
    .filter((part) => !/\b(hover|hovering|tap|click)\b/i.test(part))
    .join(' ')
    .trim();
}

const isModelChart = (chart: ChartSpec, ctx: PublishContext) =>
  !!ctx.model || /estimate/.test(chart.id) || /\bmodel\b/i.test(chart.title);

/** The unit(s) of a chart: its axes' names, else the unit column of its rows. */
export function chartUnit(chart: ChartSpec): string {
  const axes = ([] as unknown[]).concat(chart.option.yAxis ?? []) as Array<{ name?: string }>;
  const names = axes.map((a) => a?.name).filter((n): n is string => !!n);
  if (names.length) return [...new Set(names)].join('; ');
  const units = [
    ...new Set(chart.rows.map((r) => r.unit).filter((u) => u !== undefined && u !== null && u !== '')),
  ].map(String);
  return units.join('; ') || 'see the data';
}

/** "Source: Mediazona via The Kyiv Independent (2025-06-26); …" and, on a second line, "Figures dated 2021-12-31 to 2025-05-31". */
export function sourceLine(chart: ChartSpec, ctx: PublishContext): string {
  const sources = new Map<string, Source>(ctx.data.sources.map((s) => [s.id, s]));
  const ids = [
    ...new Set(chart.rows.map((r) => r.source_id).filter((x): x is string => typeof x === 'string' && x !== '')),
  ];
  const dates = chart.rows
    .map((r) => r.period_end)
    .filter((x): x is string => typeof x === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(x))
    .sort();
  const span = dates.length
    ? `\nFigures dated ${dates[0]}${dates.length > 1 && dates.at(-1) !== dates[0] ? ` to ${dates.at(-1)}` : ''}`
    : '';
  if (!ids.length)
    return `Source: ${isModelChart(chart, ctx) ? 'darkfigure model output, not a count' : 'darkfigure computation'}${span}`;
  // Newest publications first: they date the chart; undated sources come last.
  ids.sort((a, b) => (sources.get(b)?.published ?? '').localeCompare(sources.get(a)?.published ?? ''));
  const named = ids.map((id) => {
    const s = sources.get(id);
    if (id === 'darkfigure-derived') return DERIVED_LABEL;
    if (!s) return id;
    const who = s.outlet && s.outlet !== s.organisation ? `${s.organisation} via ${s.outlet}` : s.organisation;
    return `${who}${s.published ? ` (${s.published})` : ''}`;
  });
  const uniq = [...new Set(named)];
  const shown = uniq.slice(0, 2).join('; ') + (uniq.length > 2 ? `; and ${uniq.length - 2} more (see the CSV)` : '');
  return `Source: ${shown}${span}`;
}

type TitleItem = Record<string, unknown> & { text?: string; subtext?: string; top?: unknown; bottom?: unknown };

/** Pushes the plot up by `px` at the bottom (pixel margins grow; percent layouts shrink to 88%). */
function reserveBottom(option: Record<string, unknown>, px: number): void {
  const grids = ([] as Array<Record<string, unknown>>).concat((option.grid as Record<string, unknown>) ?? []);
  const pct = (v: unknown, f: number) =>
    typeof v === 'string' && v.endsWith('%') ? `${(parseFloat(v) * f).toFixed(2)}%` : v;
  for (const g of grids) {
    if (typeof g.height === 'string') {
      g.top = pct(g.top, 0.88);
      g.height = pct(g.height, 0.88);
    } else g.bottom = (typeof g.bottom === 'number' ? g.bottom : 60) + px;
  }
  if (grids.some((g) => typeof g.height === 'string'))
    for (const t of ([] as TitleItem[]).concat((option.title as TitleItem) ?? [])) t.top = pct(t.top, 0.88);
  const legends = ([] as Array<Record<string, unknown>>).concat((option.legend as Record<string, unknown>) ?? []);
  for (const l of legends) if (typeof l.bottom === 'number') l.bottom += px;
  if (!grids.length) option.grid = { bottom: 60 + px };
}

/** One chart, made publishable: see the module comment. The input is not changed. */
export function publishChart(chart: ChartSpec, ctx: PublishContext): ChartSpec {
  const model = isModelChart(chart, ctx);
  const title = model && !/\bmodel\b/i.test(chart.title) ? `${chart.title} (model)` : chart.title;
  const url = pageUrl(ctx);
  const unit = chartUnit(chart);
  const option: Record<string, unknown> = { ...chart.option };
  const titles = ([] as TitleItem[]).concat((option.title as TitleItem) ?? []).map((t) => ({ ...t }));
  const [first] = titles;
  if (first) {
    first.text = title;
    if (first.subtext) first.subtext = staticText(String(first.subtext).replace(/;\s*/g, '; '));
  } else titles.push({ text: title, left: 10, top: 0, textStyle: { fontSize: 15 } });
  for (const t of titles.slice(1)) if (t.subtext) t.subtext = staticText(String(t.subtext));
  const FOOT = 54;
  titles.push({
    text: `${sourceLine(chart, ctx)}${sourceLine(chart, ctx).includes('\n') ? ' · ' : '\n'}Unit: ${unit}`,
    subtext: `Chart: darkfigure · ${url}`,
    left: 10,
    bottom: 2,
    itemGap: 4,
    textStyle: { fontSize: 10, lineHeight: 14, fontWeight: 'normal', color: '#333333' },
    subtextStyle: { fontSize: 10, color: '#555555' },
  });
  option.title = titles;
  for (const k of ['grid', 'legend'] as const)
    if (option[k])
      option[k] = Array.isArray(option[k])
        ? (option[k] as object[]).map((x) => ({ ...x }))
        : { ...(option[k] as object) };
  reserveBottom(option, FOOT);
  // Nothing to hover in a picture or a printed page.
  delete option.tooltip;
  const rows: DataRow[] = chart.rows.map((r) => {
    const src = typeof r.source_id === 'string' ? ctx.data.sources.find((s) => s.id === r.source_id) : undefined;
    const citation =
      r.derivation === 'derived' || r.source_id === 'darkfigure-derived'
        ? `${DERIVED_LABEL}${r.formula ? `: ${String(r.formula)}` : ''} (${url})`
        : src
          ? `${citationText(src)}${src.url ? ` ${src.url}` : ''}`
          : `${model ? 'darkfigure model output, not a count' : 'darkfigure computation'}: ${title} (${url})`;
    return model ? { model: title, ...r, citation } : { ...r, citation };
  });
  return { ...chart, title, caption: staticText(chart.caption), option, rows };
}
