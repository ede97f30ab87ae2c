import type { Observation, Source } from '../domain/index.ts';
import {
  type CourtCaseInput,
  type CourtCounts,
  caseTableEmpty,
  courtCounts,
  courtLineList,
  courtSummary,
  type DerivedQuery,
  dropCaseKeyIndexes,
  type KeyMemo,
  markUnlistedDeleted,
  type MergeCounts,
  mergeCourtCases,
  monthlyCourtCounts,
  recordScrape,
  replaceDerivedObservations,
  restoreCaseKeyIndexes,
  scrapeImported,
  storedMonthlyCourtCounts,
  type SummaryDimension,
  type SummaryRow,
} from './court-records.ts';
import { applyTally, type CourtTally } from './court-tally.ts';
import type { Db, SqliteConnection } from './handles.ts';
import type { CourtScrapesTable } from './schema.ts';

/**
 * The court tables as the rest of the code sees them (`store.court`): imports, summaries and the
 * monthly counts, with no query handle handed out. On SQLite the bulk paths use the raw connection.
 */
export class CourtRecords {
  constructor(
    private readonly db: Db,
    private readonly raw: SqliteConnection | null,
  ) {}

  summary(by: SummaryDimension[]): Promise<SummaryRow[]> {
    return courtSummary(this.db, by);
  }

  lineList(): Promise<Array<{ received: string; verdict: string | null; tier: string }>> {
    return courtLineList(this.db);
  }

  counts(): Promise<CourtCounts> {
    return courtCounts(this.db);
  }

  /** The monthly counts computed from the case tables (slow; the check on the stored ones). */
  monthlyCounts(): Promise<DerivedQuery[]> {
    return monthlyCourtCounts(this.db);
  }

  storedMonthlyCounts(): Promise<DerivedQuery[]> {
    return storedMonthlyCourtCounts(this.db);
  }

  scrapeImported(fileHash: string): Promise<boolean> {
    return scrapeImported(this.db, fileHash);
  }

  recordScrape(row: CourtScrapesTable): Promise<void> {
    return recordScrape(this.db, row);
  }

  async scrapeHashes(): Promise<string[]> {
    return (await this.db.selectFrom('court_scrapes').select('file_hash').execute()).map((r) => r.file_hash);
  }

  caseTableEmpty(): Promise<boolean> {
    return caseTableEmpty(this.db);
  }

  /** Whether the bulk-load paths (dropped key indexes, own prepared statements) are open: SQLite only. */
  get bulkCapable(): boolean {
    return this.raw !== null;
  }

  /** A large page cache keeps the key B-trees in memory during a big import (SQLite's default is 2 MB). */
  widenPageCache(): void {
    this.raw?.pragma('cache_size = -131072');
  }

  dropCaseKeyIndexes(): KeyMemo {
    if (!this.raw) throw new Error('bulk load needs a SQLite store');
    return dropCaseKeyIndexes(this.raw);
  }

  restoreCaseKeyIndexes(): void {
    if (!this.raw) throw new Error('bulk load needs a SQLite store');
    restoreCaseKeyIndexes(this.raw);
  }

  merge(
    batch: CourtCaseInput[],
    seen: { date: string; scrape: string },
    opts: { tally?: CourtTally; memo?: KeyMemo } = {},
  ): Promise<MergeCounts> {
    return mergeCourtCases(this.db, batch, seen, { ...opts, raw: this.raw });
  }

  markUnlistedDeleted(
    spans: Array<{ court: string; from: string; to: string }>,
    scrape: string,
    date: string,
  ): Promise<number> {
    return markUnlistedDeleted(this.db, spans, scrape, date);
  }

  applyTally(tally: CourtTally): Promise<void> {
    return applyTally(this.db, tally);
  }

  replaceDerivedObservations(
    seriesIds: string[],
    source: Source,
    observations: Observation[],
  ): Promise<{ removed: number; written: number }> {
    return replaceDerivedObservations(this.db, seriesIds, source, observations);
  }
}
