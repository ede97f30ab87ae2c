import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, fchmodSync, openSync, type WriteStream } from 'node:fs';
import { stat, unlink } from 'node:fs/promises';
import { BadInputError, type InputIssue } from '../../domain/index.ts';
import { type CourtCaseInput, type KeyMemo, CourtTally, type Store } from '../../store/index.ts';
import { availableParallelism } from 'node:os';
import { type ClassifiedItem, classifyItems } from './classify-batch.ts';
import type { ClassifyOptions } from './classify.ts';
import { COURT_SERIES, COURT_SERIES_IDS, derivedObservations, importSource } from './court-series.ts';
import {
  fileEncoding,
  forEachLineBatch,
  type TextEncoding,
  type TextEncodingOption,
  Utf8Quick,
} from './line-source.ts';
import { type CsvMapping, type ReadItem, readMappedCsv, readSudrfScraper } from './readers.ts';
import { courtNameEncoder } from './linkage-encoding.ts';
import { redactedRecord } from './raw-record.ts';
import { ClassifyPool } from './worker-pool.ts';

export type CourtFormat = 'sudrfscraper' | 'csv';

export interface CourtImportOptions {
  format: CourtFormat;
  mapping?: CsvMapping;
  encoding?: TextEncodingOption;
  /** The user's secret for keyed name hashes (read from --secret-file; never from the command line). */
  secret?: Uint8Array;
  /** Also store a clkhash-compatible CLK of each name, under this linkage schema and shared linkage secret. */
  linkage?: { schema: unknown; secret: Uint8Array };
  /** fail (default): any bad record stops the import and nothing is written. skip: bad records go to a rejects file. */
  onError?: 'fail' | 'skip';
  /** Where skipped records go (JSON Lines); default FILE.rejects.jsonl. */
  rejectsFile?: (file: string) => string;
  keepText?: boolean;
  /** The files are complete re-scrapes of their courts over the span of their dates: unlisted stored cases are marked deleted. */
  fullScrape?: boolean;
  /** The day the scrape was made (first/last seen); default the file's modification date. */
  scrapedAt?: string;
  onProgress?: (records: number) => void;
  /** Worker threads for classification (SUDRFScraper only); default: one per core for dumps over 32 MiB, none below. */
  workers?: number;
  /**
   * Bulk-load settings (SQLite): a rollback journal instead of the WAL for the import (every page written
   * once, not twice), and into an empty case table the key indexes built after the rows. Default: on for
   * input over 32 MiB.
   */
  bulk?: boolean;
}

export interface CourtFileSummary {
  file: string;
  fileHash: string;
  /** The same bytes were imported before: nothing read, nothing changed. */
  alreadyImported: boolean;
  records: number;
  rejected: number;
  rejectsFile?: string;
  deleted: number;
}

export interface CourtImportSummary {
  files: CourtFileSummary[];
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  deleted: number;
  /** Per classification field, how many defendants/charges came out "unknown". */
  unknown: { article: number; tier: number; result: number; sentence: number; category: number };
  observations: number;
}

const ISSUE_CAP = 200;

/**
 * Classification of a batch, where one record that breaks the classifier is a bad record (line, no
 * text echoed) rather than an aborted import; the batch is retried record by record only on failure.
 */
function classifySafely(file: string, items: ReadItem[], opts: ClassifyOptions): ClassifiedItem[] {
  try {
    return classifyItems(items, opts);
  } catch {
    return items.map((it) => {
      try {
        return classifyItems([it], opts)[0]!; // one item in, one out
      } catch (e) {
        const message = `the record could not be classified (${e instanceof Error ? e.name : 'error'})`;
        const r = it.record;
        const raw = r
          ? redactedRecord({
              name: r.court,
              caseNumber: r.caseNumber,
              caseUid: r.caseUid,
              names: r.names,
              text: r.text,
            })
          : it.raw;
        return { line: it.line, raw, issues: [{ file, line: it.line, message }] };
      }
    });
  }
}

// DARKFIGURE_TIMING=1 prints how long each phase of an import took (for the benchmark).
let phaseStart = performance.now();
function timing(phase: string): void {
  if (!process.env.DARKFIGURE_TIMING) return;
  const now = performance.now();
  const m = process.memoryUsage();
  process.stderr.write(
    `timing: ${phase} ${((now - phaseStart) / 1000).toFixed(1)} s (rss ${(m.rss / 2 ** 20).toFixed(0)} MB, heap ${(m.heapUsed / 2 ** 20).toFixed(0)} MB)\n`,
  );
  phaseStart = now;
}

/** One pass over a file's bytes: its hash (the scrape's identity) and whether it is valid UTF-8 (its encoding). */
async function scanFile(file: string): Promise<{ hash: string; utf8: boolean }> {
  const h = createHash('sha256');
  const quick = new Utf8Quick();
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    h.update(chunk);
    quick.feed(chunk);
  }
  quick.end();
  return { hash: h.digest('hex'), utf8: quick.ok };
}

/** A rejects file only its owner can read (it holds located, redacted records), truncated if it was there. */
function openRejects(path: string): WriteStream {
  const fd = openSync(path, 'w', 0o600);
  // An existing file keeps its mode through open(): set it.
  fchmodSync(fd, 0o600);
  return createWriteStream('', { fd });
}

/**
 * Import court-record files into the store in one transaction: all of them or nothing (unless skipping
 * bad records, which then go to a rejects file). Files already imported (same bytes) change nothing.
 * Afterwards the court series are recomputed from the whole case table.
 */
export async function importCourtFiles(
  store: Store,
  files: string[],
  opts: CourtImportOptions,
): Promise<CourtImportSummary> {
  const onError = opts.onError ?? 'fail';
  const summary: CourtImportSummary = {
    files: [],
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    deleted: 0,
    unknown: { article: 0, tier: 0, result: 0, sentence: 0, category: 0 },
    observations: 0,
  };
  const todo: Array<{ file: string; hash: string; scrapedAt: string; encoding: TextEncoding }> = [];
  // The encoding is decided per file, from all of its bytes (line-source.ts): a stray byte is an error, not a switch.
  const requested: TextEncodingOption =
    (opts.encoding ?? 'auto') !== 'auto'
      ? opts.encoding!
      : opts.format === 'csv' && opts.mapping?.encoding
        ? opts.mapping.encoding
        : 'auto';
  for (const file of files) {
    let st;
    try {
      st = await stat(file);
    } catch (e) {
      throw new BadInputError([{ file, line: 0, message: `cannot read: ${(e as Error).message}` }]);
    }
    const { hash, utf8 } = await scanFile(file);
    if (todo.some((t) => t.hash === hash) || (await store.court.scrapeImported(hash))) {
      summary.files.push({ file, fileHash: hash, alreadyImported: true, records: 0, rejected: 0, deleted: 0 });
      continue;
    }
    todo.push({
      file,
      hash,
      scrapedAt: opts.scrapedAt ?? st.mtime.toISOString().slice(0, 10),
      encoding: await fileEncoding(file, requested, utf8),
    });
  }
  if (todo.length === 0) return summary;
  timing('hash files');

  const classifyOpts: ClassifyOptions = {
    secret: opts.secret,
    keepText: opts.keepText,
    encodeName: opts.linkage ? courtNameEncoder(opts.linkage.schema, opts.linkage.secret) : undefined,
  };
  const issues: InputIssue[] = [];
  let issueCount = 0;
  let records = 0;

  store.court.widenPageCache();
  // Big dumps: classification on worker threads (one per core: this thread's share is mostly SQLite's
  // native work, and the threads' peaks do not coincide), the store writes on this one.
  const total = (await Promise.all(todo.map((t) => stat(t.file)))).reduce((n, st) => n + st.size, 0);
  const big = total > 32 * 2 ** 20;
  const workers =
    opts.format === 'sudrfscraper'
      ? (opts.workers ?? (big ? Math.min(4, Math.max(1, availableParallelism() - 1)) : 0))
      : 0;
  // The import stays in WAL mode (set when the store was made): a rollback journal would write each page
  // once instead of twice, but would lock every reader out until the commit.
  const bulk = (opts.bulk ?? big) && store.court.bulkCapable;
  const pool =
    workers > 0
      ? new ClassifyPool(workers, {
          secret: opts.secret ?? null,
          keepText: opts.keepText ?? false,
          linkage: opts.linkage ?? null,
        })
      : undefined;
  const tally = new CourtTally();
  const rejectFiles: string[] = [];
  const importAll = async (tx: Store) => {
    // Series definitions share the transaction: a failed import leaves no trace, definitions included.
    await tx.write({ series: Object.values(COURT_SERIES).map((d) => d.series) });
    // An empty case table takes the rows first and builds its key indexes after (see dropCaseKeyIndexes).
    const memo: KeyMemo | undefined =
      bulk && (await tx.court.caseTableEmpty()) ? tx.court.dropCaseKeyIndexes() : undefined;
    for (const { file, hash, scrapedAt, encoding } of todo) {
      const fs: CourtFileSummary = {
        file,
        fileHash: hash,
        alreadyImported: false,
        records: 0,
        rejected: 0,
        deleted: 0,
      };
      summary.files.push(fs);
      const span = new Map<string, { from: string; to: string }>();
      // Which scrape last listed a case: the file hash, shortened (it is on every case row).
      const scrape = hash.slice(0, 16);
      let rejects: WriteStream | undefined;
      const onItems = async (items: ClassifiedItem[]) => {
        const batch: CourtCaseInput[] = [];
        for (const it of items) {
          if (!it.rows) {
            issueCount++;
            fs.rejected++;
            if (onError === 'skip') {
              if (!rejects) {
                fs.rejectsFile = opts.rejectsFile ? opts.rejectsFile(file) : `${file}.rejects.jsonl`;
                rejects = openRejects(fs.rejectsFile);
                rejectFiles.push(fs.rejectsFile);
              }
              rejects.write(
                `${JSON.stringify({ line: it.line, issues: it.issues.map((i) => ({ field: i.field, message: i.message })), raw: it.raw })}\n`,
              );
            } else for (const i of it.issues) if (issues.length < ISSUE_CAP) issues.push(i);
            continue;
          }
          // Once the import is failing nothing is written; reading goes on only to report every problem.
          if (issueCount > 0 && onError === 'fail') continue;
          const c = it.rows.case;
          if (c.court_tier === 'unknown') summary.unknown.tier++;
          if (c.result === 'unknown') summary.unknown.result++;
          for (const d of it.rows.defendants) {
            if (d.sentence === 'unknown') summary.unknown.sentence++;
            if (d.category === 'unknown') summary.unknown.category++;
          }
          for (const ch of it.rows.charges) if (ch.article === 'unknown') summary.unknown.article++;
          if (c.date_received) {
            const s = span.get(c.court);
            if (!s) span.set(c.court, { from: c.date_received, to: c.date_received });
            else {
              if (c.date_received < s.from) s.from = c.date_received;
              if (c.date_received > s.to) s.to = c.date_received;
            }
          }
          batch.push(it.rows);
          fs.records++;
        }
        if (batch.length) {
          const m = await tx.court.merge(batch, { date: scrapedAt, scrape }, { tally, memo });
          summary.inserted += m.inserted;
          summary.updated += m.updated;
          summary.unchanged += m.unchanged;
        }
        records += items.length;
        opts.onProgress?.(records);
      };
      try {
        if (opts.format === 'csv') {
          if (!opts.mapping)
            throw new BadInputError([
              { file, line: 0, message: 'the csv format needs a column mapping (--mapping M.json)' },
            ]);
          await readMappedCsv(file, opts.mapping, encoding, (items) =>
            onItems(classifySafely(file, items, classifyOpts)),
          );
        } else if (pool) {
          // Workers classify while this thread writes: keep a few batches in flight, merge them in order.
          const inFlight: Array<Promise<ClassifiedItem[]>> = [];
          await forEachLineBatch(file, encoding, async (lines, first) => {
            inFlight.push(pool!.classify(file, lines, first));
            if (inFlight.length > workers + 1) await onItems(await inFlight.shift()!);
          });
          while (inFlight.length) await onItems(await inFlight.shift()!);
        } else await readSudrfScraper(file, encoding, (items) => onItems(classifySafely(file, items, classifyOpts)));
      } finally {
        if (rejects) await new Promise<void>((res) => rejects!.end(res));
      }
      summary.rejected += fs.rejected;
      if (issueCount > 0 && onError === 'fail') continue;
      if (opts.fullScrape)
        fs.deleted = await tx.court.markUnlistedDeleted(
          [...span].map(([court, s]) => ({ court, ...s })),
          scrape,
          scrapedAt,
        );
      summary.deleted += fs.deleted;
      await tx.court.recordScrape({
        file_hash: hash,
        file,
        format: opts.format,
        scraped_at: scrapedAt,
        full_scrape: opts.fullScrape ? 1 : 0,
        records: fs.records,
        rejected: fs.rejected,
        imported_at: new Date().toISOString(),
      });
    }
    if (issueCount > 0 && onError === 'fail') {
      if (issues.length >= ISSUE_CAP)
        issues.push({
          file: files.join(', '),
          line: 0,
          message: `${issueCount} bad record(s) in all, the first ${ISSUE_CAP} problems listed; nothing was imported`,
        });
      throw new BadInputError(issues);
    }
    timing('read, classify, merge');
    if (memo) {
      tx.court.restoreCaseKeyIndexes();
      timing('key indexes');
    }
    const hashes = await tx.court.scrapeHashes();
    const source = importSource(hashes);
    // The counts were kept by difference while merging (court-tally.ts): no pass over the case tables.
    await tx.court.applyTally(tally);
    const counts = await tx.court.storedMonthlyCounts();
    timing('monthly counts');
    const observations = derivedObservations(counts, source);
    await tx.court.replaceDerivedObservations(COURT_SERIES_IDS, source, observations);
    summary.observations = observations.length;
    timing('derived observations');
  };
  try {
    await store.transaction(importAll);
    timing('commit');
  } catch (e) {
    // Nothing of a failed import stays, its rejects files included.
    await Promise.all(rejectFiles.map((f) => unlink(f).catch(() => undefined)));
    throw e;
  } finally {
    await pool?.close();
  }
  return summary;
}
