import type { TableModel } from './estimate-checks-view.ts';
import type { ChartSpec, ViewData } from './dataset.ts';
import { estimateChart, estimateHeadline, type EstimateHeadline } from './estimate-overview.ts';
import { headlines, overviewChart, type Headline } from './overview.ts';
import { seriesChart } from './series-chart.ts';

/** Views drawn from the store's figures alone; the others (court, mse, scenarios, calibration) are computed, see content.ts. */
export const EXPORTABLE_VIEWS = ['overview', 'series'] as const;
export type ExportableView = (typeof EXPORTABLE_VIEWS)[number];

export interface ViewContent {
  /** A view of the figures, or a computed one whose charts come from a run. */
  view: ExportableView | 'court' | 'scenarios' | 'mse' | 'calibration';
  title: string;
  intro: string;
  headlines?: Headline[];
  /** The overview's model estimate, when one is bundled. */
  estimate?: EstimateHeadline;
  charts: ChartSpec[];
  /** Tables drawn after the charts (the calibration view: the bundled fit's checks, src/report/estimate-checks-view.ts). */
  tables?: TableModel[];
}

/**
 * The charts of a view, from plain data. `series` picks one series for the series view; without it
 * every series with figures gets a chart.
 */
export function viewContent(
  view: ExportableView,
  data: ViewData,
  opts: { series?: string; narrow?: boolean } = {},
): ViewContent {
  if (view === 'overview')
    return {
      view,
      title: data.estimates ? 'Overview: what is recorded, and what is estimated' : 'Overview: what is recorded',
      intro: `The headline figures of desertion from the army (data/headlines.json), each defined once and quoted as published with its source; every other figure is in the series explorer.${data.estimates ? ' Below them, the desertion model fitted to published figures estimates the whole, recorded or not, with its interval: a model output, not a count.' : ''}`,
      headlines: headlines(data),
      estimate: data.estimates && estimateHeadline(data.estimates, data.observations),
      charts: data.estimates
        ? [overviewChart(data, opts), estimateChart(data.estimates, data, opts)]
        : [overviewChart(data, opts)],
    };
  const chosen = opts.series
    ? data.series.filter((s) => s.id === opts.series)
    : data.series.filter((s) => data.observations.some((o) => o.seriesId === s.id));
  return {
    view,
    title: opts.series && chosen[0] ? `Series: ${chosen[0].title}` : 'Series explorer',
    intro:
      'Each series as published, cumulative totals and counts per month side by side; conflicting figures are shown together with their notes, never merged.',
    charts: chosen.map((s) => seriesChart({ series: s, observations: data.observations, sources: data.sources }, opts)),
  };
}
