import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { suppressSmallCells, suppressSmallCounts, type SuppressedTable } from '../../src/stats/small-cells.ts';

/** The published grid: cells with their row totals, then the column totals with the grand total. */
function publishedGrid(t: SuppressedTable): (number | null)[][] {
  return [...t.cells.map((row, r) => [...row, t.rowTotals[r]!]), [...t.colTotals, t.total]];
}

/** Number of withheld entries in each row and column of the published grid. */
function withheldPerLine(grid: (number | null)[][]): number[] {
  const counts: number[] = grid.map((row) => row.filter((v) => v === null).length);
  for (let c = 0; c < grid[0]!.length; c++) counts.push(grid.filter((row) => row[c] === null).length);
  return counts;
}

const tables = fc
  .record({ rows: fc.integer({ min: 1, max: 7 }), cols: fc.integer({ min: 1, max: 7 }) })
  .chain(({ rows, cols }) =>
    fc.array(
      fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 300 })), {
        minLength: cols,
        maxLength: cols,
      }),
      {
        minLength: rows,
        maxLength: rows,
      },
    ),
  );

describe('small-cell suppression', () => {
  it('withholds a lone small cell and a complement in its row and column (known answer)', () => {
    const t = suppressSmallCells([
      [3, 40, 50],
      [20, 30, 60],
    ]);
    // 3 is primary; its row and column each need a second withheld cell: 40 (smallest in row 0)
    // and 20 (smallest in column 0); then row 1 and column 1 have one each, and 30 closes both.
    expect(t.cells).toEqual([
      [null, null, 50],
      [null, null, 60],
    ]);
    expect(t.cellReasons).toEqual([
      ['primary', 'secondary', null],
      ['secondary', 'secondary', null],
    ]);
    expect(t.rowTotals).toEqual([93, 110]);
    expect(t.colTotals).toEqual([23, 70, 110]);
    expect(t.total).toBe(203);
    expect(t.suppressedCount).toBe(4);
  });

  it('leaves a table without small cells untouched and honours k', () => {
    const table = [
      [5, 6],
      [7, 8],
    ];
    const t = suppressSmallCells(table);
    expect(t.cells).toEqual(table);
    expect(t.suppressedCount).toBe(0);
    // With k = 6, 5 is small.
    expect(suppressSmallCells(table, { k: 6 }).cells[0]![0]).toBeNull();
    // k = 1 withholds nothing non-zero.
    expect(suppressSmallCells([[1, 0, 2]], { k: 1 }).suppressedCount).toBe(0);
  });

  it('withholds a small margin (a row whose total is small) with its complements', () => {
    const t = suppressSmallCells([
      [2, 1],
      [50, 60],
    ]);
    expect(t.rowTotals[0]).toBeNull();
    expect(t.cells[0]).toEqual([null, null]);
    expect(withheldPerLine(publishedGrid(t)).every((n) => n !== 1)).toBe(true);
  });

  it('takes a zero only when no non-zero complement is left, and keeps zeros by default', () => {
    // Row [3, 0, 0]: the total (3) is also small, so the row holds two withheld entries.
    const t = suppressSmallCells([
      [3, 0, 0],
      [10, 20, 30],
    ]);
    expect(t.cells[0]).toEqual([null, 0, 0]);
    expect(t.rowTotals[0]).toBeNull();
    expect(suppressSmallCells([[0, 0]], { suppressZeros: true }).suppressedCount).toBeGreaterThan(0);
    expect(suppressSmallCells([[0, 0]]).suppressedCount).toBe(0);
  });

  it('one series: suppressSmallCounts withholds small months and a complement', () => {
    const s = suppressSmallCounts([12, 3, 40, 9]);
    expect(s.values).toEqual([12, null, 40, null]);
    expect(s.reasons).toEqual([null, 'primary', null, 'secondary']);
    expect(s.total).toBe(64);
    expect(s.suppressedCount).toBe(2);
    // A single small month makes the total itself small.
    expect(suppressSmallCounts([4]).total).toBeNull();
    expect(suppressSmallCounts([])).toEqual({ values: [], total: 0, reasons: [], suppressedCount: 0 });
  });

  it('rejects ragged tables, negative or fractional counts and a bad k', () => {
    expect(() => suppressSmallCells([[1, 2], [3]])).toThrow(/row 1 has 1 cells, expected 2/);
    expect(() => suppressSmallCells([[1, -2]])).toThrow(/cell \[0\]\[1\]/);
    expect(() => suppressSmallCells([[1.5]])).toThrow(/non-negative integer/);
    expect(() => suppressSmallCells([[1]], { k: 0 })).toThrow(/positive integer/);
  });

  it('no row or column can give a withheld entry back, shown values are unchanged, every withheld entry is small or a complement (property)', () => {
    fc.assert(
      fc.property(tables, fc.integer({ min: 1, max: 10 }), (table, k) => {
        const t = suppressSmallCells(table, { k });
        const grid = publishedGrid(t);
        // The same lines with the raw values, to compare.
        const R = table.length;
        const C = table[0]!.length;
        const raw = [
          ...table.map((row) => [...row, row.reduce((a, b) => a + b, 0)]),
          [
            ...Array.from({ length: C }, (_, c) => table.reduce((a, row) => a + row[c]!, 0)),
            table.flat().reduce((a, b) => a + b, 0),
          ],
        ];
        const reasons = [
          ...t.cellReasons.map((row, r) => [...row, t.rowTotalReasons[r]]),
          [...t.colTotalReasons, t.totalReason],
        ];
        for (let r = 0; r <= R; r++) {
          for (let c = 0; c <= C; c++) {
            const v = raw[r]![c]!;
            if (grid[r]![c] !== null) expect(grid[r]![c]).toBe(v);
            else expect(reasons[r]![c]).not.toBeNull();
            // Every small non-zero entry is withheld as primary; a primary is always small.
            if (v > 0 && v < k) expect(reasons[r]![c]).toBe('primary');
            if (reasons[r]![c] === 'primary') expect(v > 0 && v < k).toBe(true);
          }
        }
        // No relation (row with its total, column with its total) has exactly one withheld entry.
        expect(withheldPerLine(grid).filter((n) => n === 1)).toEqual([]);
        expect(t.suppressedCount).toBe(grid.flat().filter((v) => v === null).length);
      }),
      { numRuns: 500 },
    );
  });

  it('withholds nothing when no count is small (property)', () => {
    fc.assert(
      fc.property(tables, (table) => {
        const big = table.map((row) => row.map((v) => v + 5));
        expect(suppressSmallCells(big).suppressedCount).toBe(0);
      }),
    );
  });
});
