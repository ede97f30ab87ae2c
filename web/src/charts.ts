import { BarChart, LineChart, SankeyChart, ScatterChart } from 'echarts/charts';
import {
  AriaComponent,
  GraphicComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { ChartSpec } from '../../src/report/dataset.ts';

// Only what the views draw: the bundle stays small and makes no request off the page.
echarts.use([
  BarChart,
  LineChart,
  SankeyChart,
  ScatterChart,
  AriaComponent,
  GraphicComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  SVGRenderer,
]);

interface Mounted {
  chart: echarts.ECharts;
  spec: ChartSpec;
}

/** Handles for tests and the benchmark: which charts are on the page and what they drew. */
export interface PageProbe {
  view: string;
  ready: boolean;
  charts: Record<
    string,
    {
      expected: Record<string, number>;
      drawn: () => number[];
      point: (seriesIndex: number, dataIndex: number) => [number, number] | null;
    }
  >;
}

declare global {
  interface Window {
    __darkfigure: PageProbe;
  }
}

window.__darkfigure = { view: '', ready: false, charts: {} };
const mounted = new Map<HTMLElement, Mounted>();

/** Items of each series that ECharts actually laid out and drew (a graphic element per point). */
function drawnCounts(chart: echarts.ECharts): number[] {
  // getModel is internal to ECharts; the probe only reads it.
  const model = (
    chart as unknown as {
      getModel(): { getSeries(): Array<{ getData(): { count(): number; getItemGraphicEl(i: number): unknown } }> };
    }
  ).getModel();
  return model.getSeries().map((s) => {
    const d = s.getData();
    let n = 0;
    for (let i = 0; i < d.count(); i++) if (d.getItemGraphicEl(i)) n++;
    return n;
  });
}

/** Page coordinates of one drawn point, so a test can hover it like a user. */
function pagePoint(
  el: HTMLElement,
  chart: echarts.ECharts,
  seriesIndex: number,
  dataIndex: number,
): [number, number] | null {
  const option = chart.getOption() as { series: Array<{ data: Array<{ value: [string, number] }> }> };
  const v = option.series[seriesIndex]?.data[dataIndex]?.value;
  if (!v) return null;
  const px = chart.convertToPixel({ seriesIndex }, v) as number[];
  const r = el.getBoundingClientRect();
  return [r.left + px[0]!, r.top + px[1]!];
}

type TitleOption = Record<string, unknown> & {
  left?: unknown;
  textStyle?: Record<string, unknown>;
  subtextStyle?: Record<string, unknown>;
};

/**
 * Titles and subtitles fitted to the chart's width (cut with an ellipsis, never past the edge): on a
 * phone a long title would otherwise run off the chart. The page's heading above each chart has the full title.
 */
function fitTitles(option: Record<string, unknown>, width: number): Record<string, unknown> {
  if (!option.title || !width) return option;
  const fit = (t: TitleOption): TitleOption => {
    const left =
      typeof t.left === 'number'
        ? t.left
        : typeof t.left === 'string' && t.left.endsWith('%')
          ? (parseFloat(t.left) / 100) * width
          : 0;
    const room = Math.max(80, width - left - 12);
    return {
      ...t,
      textStyle: { ...t.textStyle, width: room, overflow: 'truncate' },
      subtextStyle: { ...t.subtextStyle, width: room, overflow: 'truncate' },
    };
  };
  return {
    ...option,
    title: Array.isArray(option.title) ? (option.title as TitleOption[]).map(fit) : fit(option.title as TitleOption),
  };
}

export function mountChart(el: HTMLElement, spec: ChartSpec): echarts.ECharts {
  const old = mounted.get(el);
  if (old) old.chart.dispose();
  const chart = echarts.init(el, null, { renderer: 'svg' });
  chart.setOption(fitTitles(spec.option, el.clientWidth) as echarts.EChartsCoreOption);
  mounted.set(el, { chart, spec });
  window.__darkfigure.charts[spec.id] = {
    expected: spec.points,
    drawn: () => drawnCounts(chart),
    point: (s, i) => pagePoint(el, chart, s, i),
  };
  return chart;
}

/** Dispose every chart (on leaving a view). */
export function disposeCharts(): void {
  for (const m of mounted.values()) m.chart.dispose();
  mounted.clear();
  window.__darkfigure.charts = {};
}

export function resizeCharts(): void {
  for (const m of mounted.values()) m.chart.resize();
}

export const isNarrow = (): boolean => window.matchMedia('(max-width: 700px)').matches;
