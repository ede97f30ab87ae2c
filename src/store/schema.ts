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
  /** Unused since migration 004 (it named a local article file); kept so old stores migrate. */
  file: string | null;
  /** 1 when the source is one of the seed articles. */
  seed_article: number;
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

// Court records (migration 002): one row per case, per defendant, per charge; no name in clear anywhere.
export interface CourtCasesTable {
  /** Assigned in insertion order, so that defendants and charges (keyed by it) are appended, not scattered. */
  id: number;
  case_key: string;
  court: string;
  court_tier: string;
  region: string | null;
  case_number: string;
  case_uid: string | null;
  judge: string | null;
  date_received: string | null;
  date_result: string | null;
  date_in_force: string | null;
  decision: string;
  result: string;
  text_redacted: string | null;
  text_available: number;
  defendants: number;
  first_seen: string;
  last_seen: string;
  deleted_at: string | null;
  last_scrape: string;
  content_hash: string;
}

export interface CourtDefendantsTable {
  case_id: number;
  idx: number;
  name_hmac: string | null;
  name_clk: string | null;
  articles_text: string;
  category: string;
  sentence: string;
  term_months: number | null;
  probation_months: number | null;
  colony_regime: string | null;
  deduction_percent: number | null;
  fine_roubles: number | null;
  combination: string | null;
  addition: string | null;
  dismissal_ground: string | null;
}

export interface CourtChargesTable {
  case_id: number;
  /** The defendant's idx within the case. */
  idx: number;
  seq: number;
  article: string;
  part: string;
  point: string | null;
  offence: string;
  mobilisation_context: number | null;
  absence_band: string;
}

export interface CourtScrapesTable {
  file_hash: string;
  file: string;
  format: string;
  scraped_at: string;
  full_scrape: number;
  records: number;
  rejected: number;
  imported_at: string;
}

/** Monthly counts behind the court.import.* series, kept up to date by each import (migration 003). */
export interface CourtMonthlyCountsTable {
  /** The series' key in COURT_SERIES: cases_received, verdicts, defendants_by_article, sentences, cases_by_tier, cases_by_region. */
  series: string;
  grp: string;
  month: string;
  n: number;
}

/** HTTP API bearer tokens (migration 005): the token itself is never stored, only its SHA-256. */
export interface ApiTokensTable {
  id: string;
  token_hash: string;
  /** Comma list of scopes (sim, calibrate, mse, upload). */
  scopes: string;
  /** Jobs this token may have queued or running at once. */
  max_jobs: number;
  note: string | null;
  created_at: string;
  revoked_at: string | null;
}

/** Linkage service projects (migration 007): the result token is kept only as its SHA-256. */
export interface LinkageProjectsTable {
  project_id: string;
  name: string;
  notes: string;
  /** The clkhash linkage schema as sent at creation. */
  schema_json: string;
  result_type: string;
  number_parties: number;
  /** Published counts from 1 to this − 1 are withheld. */
  suppress_below: number;
  /** CLK bytes the schema asks for (null: set by the first upload). */
  encoding_size: number | null;
  result_token_hash: string;
  /** Who created it: a darkfigure token id, or "local" on an open server. */
  created_by: string;
  time_added: string;
}

/** One data provider of a project: its update and receipt tokens (hashed) and its CLKs, packed, one blob. */
export interface LinkagePartiesTable {
  project_id: string;
  party: number;
  update_token_hash: string;
  receipt_token_hash: string | null;
  /** not_started | done */
  upload_state: string;
  count: number | null;
  size: number | null;
  clks: Uint8Array | null;
  uploaded_at: string | null;
}

/** A run at a threshold; `result` holds the full result (JSON), `estimate` the cached capture–recapture. */
export interface LinkageRunsTable {
  run_id: string;
  project_id: string;
  name: string;
  notes: string;
  threshold: number;
  /** created | queued | running | completed | error */
  state: string;
  stage: number;
  time_added: string;
  time_started: string | null;
  time_completed: string | null;
  error: string | null;
  result: string | null;
  estimate: string | null;
}

/** Who did what to which project: a token's role and party, never a token or a CLK. */
export interface LinkageAuditTable {
  id: string;
  at: string;
  project_id: string | null;
  run_id: string | null;
  action: string;
  /** result | update | receipt | darkfigure:<token id> | local | anonymous | invalid | server (a run's end) */
  role: string;
  party: number | null;
  /** The HTTP status and a word, e.g. "201 created", "403 refused". */
  outcome: string;
}

export interface Database {
  sources: SourcesTable;
  series: SeriesTable;
  observations: ObservationsTable;
  imports: ImportsTable;
  court_cases: CourtCasesTable;
  court_defendants: CourtDefendantsTable;
  court_charges: CourtChargesTable;
  court_scrapes: CourtScrapesTable;
  court_monthly_counts: CourtMonthlyCountsTable;
  api_tokens: ApiTokensTable;
  linkage_projects: LinkageProjectsTable;
  linkage_parties: LinkagePartiesTable;
  linkage_runs: LinkageRunsTable;
  linkage_audit: LinkageAuditTable;
}
