/**
 * Small-cell suppression for published counts.
 *
 * A table of counts (rows × columns) is published with its row totals, column totals and grand
 * total. Every published entry — interior cell or margin — that holds between 1 and k − 1 cases is
 * withheld (primary suppression). Withholding one entry is not enough when its row or column is
 * published with a total: total minus the others gives it back. So we view the table with its
 * margins as an (R + 1) × (C + 1) grid in which every row and every column is one additive
 * relation (cells + total), and keep withholding entries until no relation has exactly one
 * withheld entry (secondary suppression). The complement chosen is the smallest non-zero entry
 * still shown in that relation — it costs the least information and, being non-zero, actually
 * widens what an attacker can infer; a zero is taken only when nothing else is left.
 *
 * Pure: no I/O. Zeros are not sensitive by default (nobody to re-identify); `suppressZeros`
 * treats them like small counts where even "none" is a disclosure.
 */

export type SuppressionReason = 'primary' | 'secondary';

export interface SmallCellOptions {
  /** Entries with 0 < value < k are withheld; default 5. */
  k?: number;
  /** Also withhold zeros as primary cells (default false). */
  suppressZeros?: boolean;
  /**
   * Entries to withhold whatever their value, in the coordinates of the table with its margins (row
   * `rows` is the column totals, column `cols` the row totals): margins shared with another published
   * table that withheld them. Marked secondary.
   */
  alsoWithhold?: ReadonlyArray<readonly [number, number]>;
}

export interface SuppressedTable {
  k: number;
  /** Interior cells, null where withheld. */
  cells: (number | null)[][];
  rowTotals: (number | null)[];
  colTotals: (number | null)[];
  total: number | null;
  /** Why each interior cell is withheld (null: shown). */
  cellReasons: (SuppressionReason | null)[][];
  rowTotalReasons: (SuppressionReason | null)[];
  colTotalReasons: (SuppressionReason | null)[];
  totalReason: SuppressionReason | null;
  /** Number of withheld entries, margins included. */
  suppressedCount: number;
}

export const DEFAULT_MIN_CELL = 5;

/** Checks k: a positive integer (1 disables suppression of non-zero counts). */
export function checkMinCell(k: number): number {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`minimum cell size must be a positive integer, got ${k}`);
  return k;
}

function checkTable(table: readonly (readonly number[])[]): number {
  const cols = table[0]?.length ?? 0;
  table.forEach((row, r) => {
    if (row.length !== cols) throw new RangeError(`row ${r} has ${row.length} cells, expected ${cols}`);
    row.forEach((v, c) => {
      if (!Number.isInteger(v) || v < 0)
        throw new RangeError(`cell [${r}][${c}] must be a non-negative integer count, got ${v}`);
    });
  });
  return cols;
}

/** Suppresses small cells of `table` (rows of equal length, non-negative integer counts). */
export function suppressSmallCells(
  table: readonly (readonly number[])[],
  options: SmallCellOptions = {},
): SuppressedTable {
  const k = checkMinCell(options.k ?? DEFAULT_MIN_CELL);
  const suppressZeros = options.suppressZeros ?? false;
  const R = table.length;
  const C = checkTable(table);

  // Extended grid: row R holds the column totals, column C the row totals, [R][C] the grand total.
  const grid: number[][] = [];
  for (let r = 0; r <= R; r++) grid.push(new Array<number>(C + 1).fill(0));
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) {
      const v = table[r]![c]!;
      grid[r]![c] = v;
      grid[r]![C]! += v;
      grid[R]![c]! += v;
      grid[R]![C]! += v;
    }
  }
  const reason: (SuppressionReason | null)[][] = grid.map((row) =>
    row.map((v) => (v < k && (v > 0 || suppressZeros) ? 'primary' : null)),
  );
  for (const [r, c] of options.alsoWithhold ?? []) {
    if (!Number.isInteger(r) || !Number.isInteger(c) || r < 0 || r > R || c < 0 || c > C)
      throw new RangeError(`alsoWithhold entry [${r}, ${c}] is outside the ${R + 1} × ${C + 1} table with margins`);
    reason[r]![c] ??= 'secondary';
  }

  // A relation is a line of the grid: every row (cells + row total) and every column (cells + column total).
  // An empty table (no rows or no columns) has only margins of zero and nothing to protect.
  if (R > 0 && C > 0) {
    let changed = true;
    while (changed) {
      changed = false;
      for (let r = 0; r <= R; r++) {
        if (
          protectLine(
            grid,
            reason,
            Array.from({ length: C + 1 }, (_, c) => [r, c] as const),
            R,
            C,
          )
        )
          changed = true;
      }
      for (let c = 0; c <= C; c++) {
        if (
          protectLine(
            grid,
            reason,
            Array.from({ length: R + 1 }, (_, r) => [r, c] as const),
            R,
            C,
          )
        )
          changed = true;
      }
    }
  }

  let suppressedCount = 0;
  const shown = (r: number, c: number): number | null => {
    if (reason[r]![c] === null) return grid[r]![c]!;
    suppressedCount++;
    return null;
  };
  const cells = Array.from({ length: R }, (_, r) => Array.from({ length: C }, (_, c) => shown(r, c)));
  const rowTotals = Array.from({ length: R }, (_, r) => shown(r, C));
  const colTotals = Array.from({ length: C }, (_, c) => shown(R, c));
  const total = shown(R, C);
  return {
    k,
    cells,
    rowTotals,
    colTotals,
    total,
    cellReasons: reason.slice(0, R).map((row) => row.slice(0, C)),
    rowTotalReasons: reason.slice(0, R).map((row) => row[C]!),
    colTotalReasons: reason[R]!.slice(0, C),
    totalReason: reason[R]![C]!,
    suppressedCount,
  };
}

/** If the line has exactly one withheld entry, withholds a complement; true when it did. */
function protectLine(
  grid: number[][],
  reason: (SuppressionReason | null)[][],
  line: readonly (readonly [number, number])[],
  R: number,
  C: number,
): boolean {
  let withheld = 0;
  for (const [r, c] of line) if (reason[r]![c] !== null) withheld++;
  if (withheld !== 1) return false;
  let best: readonly [number, number] | undefined;
  let bestKey: [number, number, number] | undefined;
  for (const [r, c] of line) {
    if (reason[r]![c] !== null) continue;
    const v = grid[r]![c]!;
    // Order: non-zero before zero, smaller before larger, interior before margin, then position.
    const key: [number, number, number] = [
      v === 0 ? Number.POSITIVE_INFINITY : v,
      r === R || c === C ? 1 : 0,
      r * (C + 1) + c,
    ];
    if (
      bestKey === undefined ||
      key[0] < bestKey[0] ||
      (key[0] === bestKey[0] && (key[1] < bestKey[1] || (key[1] === bestKey[1] && key[2] < bestKey[2])))
    ) {
      best = [r, c];
      bestKey = key;
    }
  }
  // Every line has at least two entries (one cell and its total), so a complement always exists.
  if (best === undefined) return false;
  reason[best[0]]![best[1]] = 'secondary';
  return true;
}

/**
 * One series of counts (e.g. months) published with its total: a one-row table.
 * The per-entry column totals of a one-row table repeat the cells, so they are not returned.
 */
export function suppressSmallCounts(
  values: readonly number[],
  options: SmallCellOptions = {},
): { values: (number | null)[]; total: number | null; reasons: (SuppressionReason | null)[]; suppressedCount: number } {
  const t = suppressSmallCells([values], options);
  return {
    values: t.cells[0] ?? [],
    total: t.rowTotals[0] ?? t.total,
    reasons: t.cellReasons[0] ?? [],
    suppressedCount: t.cells[0]?.filter((v) => v === null).length ?? 0,
  };
}
