// Table shapes as stored. Dates are ISO text in both engines (no time-zone drift), lists are JSON text,
// booleans are 0/1 integers: the same bytes in SQLite and PostgreSQL.
export interface SourcesTable {
  id: string;
  organisation: string;
  outlet: string | null;
  title: string | null;
  url: string | null;
  published: string | null;
  accessed: string | null;
  confidence: string;
  party_to_conflict: number;
  file: string | null;
  notes: string | null;
  content_hash: string;
}

export interface SeriesTable {
  id: string;
  title: string;
  unit: string;
  counts: string;
  excludes: string;
  topic: string;
  content_hash: string;
}

export interface ObservationsTable {
  id: string;
  series_id: string;
  source_id: string;
  articles: string;
  scope: string;
  period_start: string | null;
  period_end: string;
  value_kind: string;
  rate_per: string | null;
  value: number;
  qualifier: string;
  low: number | null;
  high: number | null;
  unit: string;
  derivation: string;
  formula: string | null;
  ref: string | null;
  notes: string | null;
  content_hash: string;
}

export interface ImportsTable {
  kind: string;
  file: string;
  file_hash: string;
  rows_inserted: number;
  rows_unchanged: number;
  imported_at: string;
}

export interface Database {
  sources: SourcesTable;
  series: SeriesTable;
  observations: ObservationsTable;
  imports: ImportsTable;
}
