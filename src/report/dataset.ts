import type { Observation, Series, Source } from '../domain/index.ts';
import type { BundledEstimates } from './estimate-schema.ts';

/** What a view draws from: plain rows, as the store or the API returns them. */
export interface ViewData {
  series: Series[];
  sources: Source[];
  observations: Observation[];
  /** The bundled model estimate (data/estimates.json), when there is one: the overview draws it. */
  estimates?: BundledEstimates;
}

/** One row of a chart's data, as exported to CSV. */
export type DataRow = Record<string, string | number | boolean | null | undefined>;

/** A chart ready to draw: its ECharts option, the rows behind it, and how many points it plots. */
export interface ChartSpec {
  id: string;
  title: string;
  /** A plain-language caption: what is shown and what is not. */
  caption: string;
  option: Record<string, unknown>;
  rows: DataRow[];
  /** Number of plotted data points, per panel name (tests and the page check these). */
  points: Record<string, number>;
}

/** Rows for the CSV export of plotted observations, each with its citation fields. */
export function observationRows(
  observations: Observation[],
  sources: Map<string, Source>,
  extra: (o: Observation) => DataRow = () => ({}),
): DataRow[] {
  return observations.map((o) => {
    const s = sources.get(o.sourceId);
    return {
      series_id: o.seriesId,
      observation_id: o.id,
      period_start: o.periodStart ?? '',
      period_end: o.periodEnd,
      value_kind: o.valueKind,
      qualifier: o.qualifier,
      value: o.value,
      low: o.low,
      high: o.high,
      unit: o.unit,
      scope: o.scope,
      derivation: o.derivation,
      formula: o.formula ?? '',
      source_id: o.sourceId,
      organisation: s?.organisation ?? '',
      outlet: s?.outlet ?? '',
      url: s?.url ?? '',
      published: s?.published ?? '',
      confidence: s?.confidence ?? '',
      party_to_conflict: s?.partyToConflict,
      ref: o.ref ?? '',
      notes: o.notes ?? '',
      ...extra(o),
    };
  });
}
