/**
 * What a result may show of a run: capture histories and the threshold sensitivity with small cells
 * withheld, and the capture–recapture estimate without the raw counts that would give them back.
 *
 * Cells of 1 to k − 1 people are withheld (primary). Then the sums someone may know: each party knows its
 * own list's size (the sum of the patterns it is in), and the sensitivity table publishes the people linked
 * across lists at the run's threshold (the sum of the multi-list patterns). For each party, with its own
 * sum and the published one, a withheld cell must not follow from these equations (a cell is determined
 * when its unit vector lies in the span of the sums, restricted to the withheld cells); while one does,
 * the smallest shown cell of a sum that holds it is withheld too (non-zero first: it hides something), or,
 * when no such cell is left, the sensitivity row at the threshold. Other published counts (people observed,
 * on both lists of a pair) are shown only when none of the cells they add up is withheld.
 *
 * This protects against any one party combining its list size with what is published; parties who pool
 * their list sizes could do more, but parties who collude can link their lists themselves.
 */
import type { MseResult } from '../../report/index.ts';

export interface SensitivityRow {
  threshold: number;
  linkedPeople: number;
}

export interface PublishedHistories {
  /** Counts from 1 to k − 1 are withheld. */
  k: number;
  /** Every pattern of the parties ("101": in parties 0 and 2, not 1), zeros included; null where withheld. */
  captureHistories: Record<string, number | null>;
  thresholdSensitivity: Array<{ threshold: number; linkedPeople: number | null }>;
  /** The patterns withheld, never their values nor which were small. */
  withheld: string[];
}

const ones = (p: string) => [...p].filter((ch) => ch === '1').length;

/** Every non-empty pattern of `parties` lists, in the linkage's order ("111" first). */
export function allPatterns(parties: number): string[] {
  const out: string[] = [];
  for (let cell = (1 << parties) - 1; cell >= 1; cell--)
    out.push([...Array(parties)].map((_, i) => ((cell >> (parties - 1 - i)) & 1 ? '1' : '0')).join(''));
  return out;
}

/** Rank of a small matrix (rows of equal length), by Gaussian elimination. */
function rank(rows: number[][]): number {
  const m = rows.map((r) => [...r]);
  let r = 0;
  const cols = m[0]?.length ?? 0;
  for (let c = 0; c < cols && r < m.length; c++) {
    const p = m.findIndex((row, i) => i >= r && Math.abs(row[c]!) > 1e-9);
    if (p < 0) continue;
    // r, p, i < m.length and c, j < cols (rows are of equal length): every index is in range.
    [m[r], m[p]] = [m[p]!, m[r]!];
    const pivot = m[r]!;
    for (let i = 0; i < m.length; i++) {
      const row = m[i]!;
      if (i === r || Math.abs(row[c]!) < 1e-9) continue;
      const f = row[c]! / pivot[c]!;
      for (let j = c; j < cols; j++) row[j]! -= f * pivot[j]!;
    }
    r++;
  }
  return r;
}

/** The withheld cell `c` follows from the sums: its unit vector is in their span, over the withheld cells. */
function determined(sums: readonly (readonly string[])[], withheld: readonly string[], c: string): boolean {
  const rows = sums.map((s) => withheld.map((w) => (s.includes(w) ? 1 : 0))).filter((r) => r.some((v) => v !== 0));
  if (!rows.length) return false;
  const unit = withheld.map((w) => (w === c ? 1 : 0));
  return rank([...rows, unit]) === rank(rows);
}

export function suppressHistories(
  parties: number,
  histories: Readonly<Record<string, number>>,
  sensitivity: readonly SensitivityRow[],
  k: number,
  threshold: number,
): PublishedHistories {
  const patterns = allPatterns(parties);
  const value = (p: string) => histories[p] ?? 0;
  const isSmall = (n: number) => n > 0 && n < k;
  const withheld = new Set(patterns.filter((p) => isSmall(value(p))));
  const multi = patterns.filter((p) => ones(p) >= 2);
  const linked = multi.reduce((a, p) => a + value(p), 0);
  // The sensitivity row at the run's threshold is the multi-list sum: public unless small or withheld below.
  let multiPublic = !isSmall(linked);
  for (let changed = withheld.size > 0; changed;) {
    changed = false;
    for (let j = 0; j < parties && !changed; j++) {
      const own = patterns.filter((p) => p[j] === '1');
      const sums = multiPublic ? [own, multi] : [own];
      const w = patterns.filter((p) => withheld.has(p));
      const c = w.find((cell) => determined(sums, w, cell));
      if (c === undefined) continue;
      const candidates = sums
        .filter((s) => s.includes(c))
        .flat()
        .filter((p) => !withheld.has(p));
      if (candidates.length) {
        // Non-zero before zero, smaller before larger, then pattern order.
        const key = (p: string) => (value(p) === 0 ? Number.POSITIVE_INFINITY : value(p));
        withheld.add(candidates.reduce((a, b) => (key(b) < key(a) ? b : a)));
      } else multiPublic = false;
      changed = true;
    }
  }
  return {
    k,
    captureHistories: Object.fromEntries(patterns.map((p) => [p, withheld.has(p) ? null : value(p)])),
    thresholdSensitivity: sensitivity.map((r) => ({
      threshold: r.threshold,
      linkedPeople:
        isSmall(r.linkedPeople) || (!multiPublic && Math.abs(r.threshold - threshold) < 1e-9) ? null : r.linkedPeople,
    })),
    withheld: patterns.filter((p) => withheld.has(p)),
  };
}

/**
 * The capture–recapture result as published: every method's estimate and interval, the pairwise table's
 * estimates, the sensitivity; the counts in it (people observed, on both lists of a pair, recaptured)
 * shown only when none of the cells they add up is withheld (numbers in the table's warnings likewise); the
 * methods' diagnostics (fitted counts) left out.
 */
export function publishEstimate(r: MseResult, published: PublishedHistories): Record<string, unknown> {
  const hidden = (cells: (p: string) => boolean) => published.withheld.some(cells);
  const pairOf = (name: string) => r.lists.indexOf(name);
  // The table's warnings quote counts ("only 3 people are on more than one list"): not when cells are withheld.
  const words = (ws: string[] | undefined) =>
    ws && published.withheld.length ? ws.map((w) => w.replace(/\b\d+\b/g, '…')) : ws;
  return {
    lists: r.lists,
    k: published.k,
    observed: hidden(() => true) ? null : r.observed,
    spread: r.spread,
    results: r.results.map((m) => ({
      method: m.method,
      model: m.model,
      estimate: m.estimate,
      interval: m.interval,
      level: m.level,
      warnings: m.warnings,
    })),
    failures: r.failures,
    pairwise: (r.pairwise ?? []).map((p) => {
      const a = pairOf(p.lists[0]);
      const b = pairOf(p.lists[1]);
      return {
        lists: p.lists,
        both: hidden((cell) => cell[a] === '1' && cell[b] === '1') ? null : p.both,
        estimate: p.estimate,
        interval: p.interval,
        relative: p.relative,
      };
    }),
    thresholdSensitivity: published.thresholdSensitivity,
    overlap: r.overlap
      ? {
          recaptured: hidden((cell) => ones(cell) >= 2) ? null : r.overlap.recaptured,
          disjointPairs: r.overlap.disjointPairs,
          refusal: r.overlap.refusal,
          warnings: words(r.overlap.warnings),
        }
      : undefined,
    warnings: words(r.warnings),
  };
}
