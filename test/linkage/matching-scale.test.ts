import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  type CandidatePairs,
  allPairs,
  filterPairs,
  orderBySimilarity,
  PairBuffer,
} from '../../src/linkage/candidates.ts';
import { orderEdges } from '../../src/linkage/edge-order.ts';
import {
  CandidateGraph,
  greedyOneToOne,
  rangeGrid,
  solveGroups,
  thresholdSensitivity,
  type ListPairs,
} from '../../src/linkage/matching.ts';
import { packClks } from '../../src/linkage/dice.ts';
import { linkLists } from '../../src/linkage/link-lists.ts';
import { Rng } from '../../src/linkage/prng.ts';
import { referenceSolve } from './solver-reference.ts';

// Similarities drawn from a few values, so ties (broken by record ids) are common.
const SIMS = [0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1];

const pairsOf = (rows: Array<[number, number, number]>): CandidatePairs => ({
  sim: Float64Array.from(rows.map((r) => r[2])),
  a: Int32Array.from(rows.map((r) => r[0])),
  b: Int32Array.from(rows.map((r) => r[1])),
  considered: rows.length,
});

/** k lists of 1–7 records and random candidate pairs between every two of them (repeats allowed). */
const world = (maxLists: number) =>
  fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 2, maxLength: maxLists }).chain((sizes) => {
    const pairLists: Array<fc.Arbitrary<ListPairs>> = [];
    for (let p = 0; p < sizes.length; p++)
      for (let q = p + 1; q < sizes.length; q++)
        pairLists.push(
          fc
            .array(
              fc.tuple(
                fc.integer({ min: 0, max: sizes[p]! - 1 }),
                fc.integer({ min: 0, max: sizes[q]! - 1 }),
                fc.constantFrom(...SIMS),
              ),
              { maxLength: 12 },
            )
            .map((rows) => ({ listA: p, listB: q, pairs: pairsOf(rows) })),
        );
    return fc.tuple(fc.constant(sizes), fc.tuple(...pairLists));
  });

describe('ordering pairs without a comparator sort', () => {
  it('orders by similarity, highest first, ties by a then b (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), fc.constantFrom(...SIMS)), {
          maxLength: 200,
        }),
        fc.boolean(),
        (raw, rowOrder) => {
          // Also in (a, b) order, as one all-pairs pass gives them (a shortcut path).
          const rows = rowOrder ? [...raw].sort((x, y) => x[0] - y[0] || x[1] - y[1]) : raw;
          const p = pairsOf(rows);
          const expected = rows
            .map((_, i) => i)
            .sort((x, y) => p.sim[y]! - p.sim[x]! || p.a[x]! - p.a[y]! || p.b[x]! - p.b[y]!);
          const got = [...orderEdges(p.sim, p.a, p.b)].map((i) => [p.sim[i], p.a[i], p.b[i]]);
          expect(got).toEqual(expected.map((i) => [p.sim[i], p.a[i], p.b[i]]));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('greedy one-to-one equals the comparator-sorted greedy (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 }), fc.constantFrom(...SIMS)), {
          maxLength: 60,
        }),
        (rows) => {
          const p = pairsOf(rows);
          const order = rows
            .map((_, i) => i)
            .sort((x, y) => p.sim[y]! - p.sim[x]! || p.a[x]! - p.a[y]! || p.b[x]! - p.b[y]!);
          const usedA = new Set<number>(),
            usedB = new Set<number>();
          const expected: Array<[number, number, number]> = [];
          for (const k of order) {
            if (usedA.has(p.a[k]!) || usedB.has(p.b[k]!)) continue;
            usedA.add(p.a[k]!);
            usedB.add(p.b[k]!);
            expected.push([p.a[k]!, p.b[k]!, p.sim[k]!]);
          }
          expect(greedyOneToOne(p, 10, 10)).toEqual(expected);
          expect(orderBySimilarity(p).length).toBe(rows.length);
        },
      ),
    );
  });

  it('the typed pair buffer keeps every pair in order across its chunks (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.array(fc.integer({ min: 0, max: 3000 }), { maxLength: 6 }),
        (chunk, rowLengths) => {
          const buf = new PairBuffer(chunk);
          const expected: number[][] = [];
          rowLengths.forEach((len, i) => {
            const index = Int32Array.from({ length: len }, (_, k) => k * 3);
            const score = Float64Array.from({ length: len }, (_, k) => k / 7);
            // Rows alternate between whole-row appends and single pushes.
            if (i % 2) for (let k = 0; k < len; k++) buf.push(score[k]!, i, index[k]!);
            else buf.pushRow(i, len, index, score);
            for (let k = 0; k < len; k++) expected.push([score[k]!, i, index[k]!]);
          });
          const p = buf.done(7);
          expect(p.considered).toBe(7);
          expect(Array.from(p.sim, (s, k) => [s, p.a[k], p.b[k]])).toEqual(expected);
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('the typed-array multi-party solver', () => {
  it('gives the groups of the simple reference solver on random lists (property)', () => {
    fc.assert(
      fc.property(world(5), fc.constantFrom(...SIMS), fc.constantFrom(0.3, 0.5, 1), ([sizes, lp], t, merge) => {
        expect(solveGroups(sizes, lp, t, { mergeThreshold: merge })).toEqual(
          referenceSolve(sizes, lp, t, { mergeThreshold: merge }),
        );
      }),
      { numRuns: 400 },
    );
  });

  it('sweeping one graph upward gives the separate run at every threshold (property)', () => {
    fc.assert(
      fc.property(world(4), fc.constantFrom(0.5, 1), ([sizes, lp], merge) => {
        const grid = rangeGrid(0.5, 1, 0.05);
        const graph = new CandidateGraph(sizes, lp, 0.5);
        const swept = graph.sensitivity(grid, { mergeThreshold: merge });
        expect(swept.map((r) => r.threshold)).toEqual(grid);
        for (const row of swept) {
          const alone = referenceSolve(sizes, lp, row.threshold, { mergeThreshold: merge });
          expect(row.linkedPeople).toBe(alone.length);
          expect(graph.solve(row.threshold, { mergeThreshold: merge })).toEqual(alone);
        }
        expect(thresholdSensitivity(sizes, lp, grid, { mergeThreshold: merge })).toEqual(swept);
      }),
      { numRuns: 200 },
    );
  });

  it('handles more lists than a bit mask holds (40 lists)', () => {
    const rng = new Rng(7);
    const sizes = Array.from({ length: 40 }, () => 1 + rng.int(3));
    const lp: ListPairs[] = [];
    for (let p = 0; p < 40; p++)
      for (let q = p + 1; q < 40; q++) {
        const rows: Array<[number, number, number]> = [];
        for (let i = 0; i < 2; i++)
          if (rng.chance(0.3)) rows.push([rng.int(sizes[p]!), rng.int(sizes[q]!), SIMS[rng.int(SIMS.length)]!]);
        lp.push({ listA: p, listB: q, pairs: pairsOf(rows) });
      }
    for (const merge of [0.3, 1])
      expect(solveGroups(sizes, lp, 0.7, { mergeThreshold: merge })).toEqual(
        referenceSolve(sizes, lp, 0.7, { mergeThreshold: merge }),
      );
  });

  it('refuses pairs outside the lists and thresholds below the one kept', () => {
    expect(() => solveGroups([2, 2], [{ listA: 0, listB: 1, pairs: pairsOf([[2, 0, 0.9]]) }], 0.8)).toThrow(/outside/);
    const g = new CandidateGraph([2, 2], [{ listA: 0, listB: 1, pairs: pairsOf([[1, 0, 0.9]]) }], 0.8);
    expect(() => g.sensitivity([0.7])).toThrow(/below 0.8/);
  });

  it('links CLK lists with a planted answer at the threshold and across the grid, sensitivity off or on', async () => {
    // Three lists of random 1,024-bit CLKs; persons 0..59 are on every list with a few bits flipped.
    const rng = new Rng(11);
    const base = Array.from({ length: 200 }, () => Uint8Array.from({ length: 128 }, () => rng.nextU32() & 0xff));
    const noisy = (c: Uint8Array) => c.map((x) => x ^ (rng.chance(0.1) ? 1 << rng.int(8) : 0));
    const lists = [0, 1, 2].map((l) =>
      packClks([...base.slice(0, 60).map(noisy), ...base.slice(60 + l * 40, 100 + l * 40)]),
    );
    const off = await linkLists(lists, { threshold: 0.8, grid: [] });
    expect(off.thresholdSensitivity).toEqual([]);
    expect(off.captureHistories).toEqual({ '111': 60, '100': 40, '010': 40, '001': 40 });
    const on = await linkLists(lists, { threshold: 0.8, grid: rangeGrid(0.6, 0.9, 0.1) });
    expect(on.groups).toEqual(off.groups);
    expect(on.thresholdSensitivity.map((r) => r.threshold)).toEqual([0.6, 0.7, 0.8, 0.9]);
    const all = (
      [
        [0, 1],
        [0, 2],
        [1, 2],
      ] as const
    ).map(([p, q]) => ({ listA: p, listB: q, pairs: allPairs(lists[p]!, lists[q]!, 0.6) }));
    for (const row of on.thresholdSensitivity) {
      const filtered = all.map((x) => ({ ...x, pairs: filterPairs(x.pairs, row.threshold) }));
      expect(row.linkedPeople).toBe(
        referenceSolve([100, 100, 100], filtered, row.threshold, { mergeThreshold: 0.5 }).length,
      );
    }
  });
});

describe('threshold grids', () => {
  it('spans from..to inclusive in steps, rounded', () => {
    expect(rangeGrid(0.7, 0.9, 0.05)).toEqual([0.7, 0.75, 0.8, 0.85, 0.9]);
    expect(rangeGrid(0.8, 0.8, 0.1)).toEqual([0.8]);
    expect(() => rangeGrid(0.9, 0.7, 0.1)).toThrow();
    expect(() => rangeGrid(0.7, 0.9, 0)).toThrow();
  });
});
