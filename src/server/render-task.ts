import type { ViewData } from '../report/dataset.ts';
import { toCsv } from '../report/csv.ts';
import { renderPng, renderSvg } from '../report/render.ts';
import { viewContent, type ExportableView } from '../report/views.ts';

/** One chart export: plain data in (it crosses to a worker thread), bytes out. */
export interface RenderTask {
  view: ExportableView;
  data: ViewData;
  series?: string;
  format: 'svg' | 'png' | 'csv';
  width: number;
  height: number;
}

export function renderChart(t: RenderTask): string | Uint8Array {
  const chart = viewContent(t.view, t.data, { series: t.series }).charts[0];
  if (t.format === 'csv') return toCsv(chart.rows);
  if (t.format === 'svg') return renderSvg(chart.option, { width: t.width, height: t.height });
  return new Uint8Array(renderPng(chart.option, { width: t.width, height: t.height }));
}

/** Where exports are rendered: inline, or on a worker thread so that the server keeps answering meanwhile. */
export interface ChartRenderer {
  render(t: RenderTask): Promise<string | Uint8Array>;
  close(): Promise<void>;
}

export const inlineRenderer: ChartRenderer = {
  render: async (t) => renderChart(t),
  close: async () => undefined,
};
