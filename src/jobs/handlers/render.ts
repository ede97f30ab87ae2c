import { contentOf, type ContentSpec, toCsv, reportHtml, renderPng, renderSvg } from '../../report/index.ts';
import type { JobHandler } from '../types.ts';

/** One export: plain data in (it crosses to a worker thread), bytes out. */
export interface RenderTask {
  spec: ContentSpec;
  /** A chart's export (svg, png, csv), or the view's report as HTML. */
  format: 'svg' | 'png' | 'csv' | 'html';
  width: number;
  height: number;
  /** Which chart of the view (its id); the first when not given. */
  chart?: string;
  /** Date stamp of a report. */
  generated?: string;
}

export function renderChart(t: RenderTask): string | Uint8Array {
  const content = contentOf(t.spec);
  if (t.format === 'html') return reportHtml(content, t.spec.data, { generated: t.generated });
  const chart = t.chart ? content.charts.find((c) => c.id === t.chart) : content.charts[0];
  if (!chart)
    throw new RangeError(
      t.chart
        ? `no chart "${t.chart}" in the ${t.spec.view} view (it has ${content.charts.map((c) => c.id).join(', ')})`
        : `the ${t.spec.view} view has no chart`,
    );
  if (t.format === 'csv') return toCsv(chart.rows);
  if (t.format === 'svg') return renderSvg(chart.option, { width: t.width, height: t.height });
  return new Uint8Array(renderPng(chart.option, { width: t.width, height: t.height }));
}

/** One chart export or report (server-side ECharts rendering and PNG encoding). */
export const renderJob: JobHandler = (payload) => renderChart(payload as RenderTask);
