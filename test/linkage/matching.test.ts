import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CandidatePairs } from '../../src/linkage/candidates.ts';
import {
  captureHistories,
  dedupeClusters,
  greedyOneToOne,
  solveGroups,
  thresholdGrid,
  thresholdSensitivity,
} from '../../src/linkage/matching.ts';
import { pairQuality } from '../../src/linkage/evaluate.ts';
import { UnionFind } from '../../src/linkage/union-find.ts';

const pairs = (rows: Array<[number, number, number]>): CandidatePairs => ({
  sim: Float64Array.from(rows.map((r) => r[2])),
  a: Int32Array.from(rows.map((r) => r[0])),
  b: Int32Array.from(rows.map((r) => r[1])),
  considered: rows.length,
});

describe('two-list and within-list matching', () => {
  it('greedy one-to-one takes the best pair first and uses each record once', () => {
    const m = greedyOneToOne(
      pairs([
        [0, 0, 0.8],
        [0, 1, 0.9],
        [1, 1, 0.85],
        [1, 0, 0.7],
      ]),
      2,
      2,
    );
    expect(m).toEqual([
      [0, 1, 0.9],
      [1, 0, 0.7],
    ]);
  });

  it('dedupe joins pairs transitively', () => {
    expect(
      dedupeClusters(
        pairs([
          [0, 3, 0.9],
          [3, 5, 0.9],
          [1, 2, 0.8],
        ]),
        6,
      ),
    ).toEqual([
      [0, 3, 5],
      [1, 2],
    ]);
  });

  it('union-find agrees with a naive closure (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 19 }), fc.integer({ min: 0, max: 19 })), { maxLength: 30 }),
        (edges) => {
          const uf = new UnionFind(20);
          for (const [a, b] of edges) uf.union(a, b);
          const label = Array.from({ length: 20 }, (_, i) => i);
          for (let changed = true; changed;) {
            changed = false;
            for (const [a, b] of edges) {
              const m = Math.min(label[a]!, label[b]!);
              if (label[a] !== m || label[b] !== m) {
                label[a] = label[b] = m;
                changed = true;
              }
            }
          }
          for (let i = 0; i < 20; i++)
            for (let j = 0; j < 20; j++) if ((uf.find(i) === uf.find(j)) !== (label[i] === label[j])) return false;
          return true;
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('multi-party linkage and capture histories', () => {
  // Three lists; person X is row 0 everywhere; person Y is rows 1 of lists 0 and 2.
  const lp = [
    { listA: 0, listB: 1, pairs: pairs([[0, 0, 0.95]]) },
    {
      listA: 0,
      listB: 2,
      pairs: pairs([
        [0, 0, 0.9],
        [1, 1, 0.85],
      ]),
    },
    {
      listA: 1,
      listB: 2,
      pairs: pairs([
        [0, 0, 0.92],
        [0, 1, 0.6],
      ]),
    },
  ];
  const sizes = [2, 1, 3];

  it('groups records across lists, never two from one list', () => {
    const g = solveGroups(sizes, lp, 0.8, { mergeThreshold: 1 });
    expect(g).toEqual([
      [
        [0, 0],
        [1, 0],
        [2, 0],
      ],
      [
        [0, 1],
        [2, 1],
      ],
    ]);
    const low = solveGroups(sizes, lp, 0.5, { mergeThreshold: 0.5 });
    for (const grp of low) expect(new Set(grp.map((m) => m[0])).size).toBe(grp.length);
  });

  it('counts one history per person, one character per list in order', () => {
    const g = solveGroups(sizes, lp, 0.8, { mergeThreshold: 1 });
    const h = captureHistories(sizes, g);
    expect(h).toEqual({ '111': 1, '101': 1, '001': 1 });
    // Every record is counted once: Σ over histories of (ones × count) = records.
    const records = Object.entries(h).reduce((s, [k, n]) => s + n * [...k].filter((c) => c === '1').length, 0);
    expect(records).toBe(6);
  });

  it('merge threshold 1 needs every cross pair to be a candidate', () => {
    const partial = [
      { listA: 0, listB: 1, pairs: pairs([[0, 0, 0.9]]) },
      { listA: 1, listB: 2, pairs: pairs([[0, 0, 0.9]]) },
      { listA: 0, listB: 2, pairs: pairs([]) },
    ];
    expect(solveGroups([1, 1, 1], partial, 0.8, { mergeThreshold: 1 })).toHaveLength(1);
    expect(solveGroups([1, 1, 1], partial, 0.8, { mergeThreshold: 0.5 })).toEqual([
      [
        [0, 0],
        [1, 0],
        [2, 0],
      ],
    ]);
  });

  it('the sensitivity table re-solves at each threshold of the grid', () => {
    expect(thresholdGrid(0.8)).toEqual([0.7, 0.725, 0.75, 0.775, 0.8, 0.825, 0.85, 0.875, 0.9]);
    const s = thresholdSensitivity(sizes, lp, [0.5, 0.8, 0.93, 0.99], { mergeThreshold: 1 });
    expect(s.map((r) => r.linkedPeople)).toEqual([2, 2, 1, 0]);
  });
});

describe('pair quality', () => {
  it('counts pairs within clusters against labels', () => {
    const q = pairQuality(
      ['a', 'a', 'a', 'b', 'b', 'c'],
      [
        [0, 1, 3],
        [4, 5],
      ],
    );
    expect(q.truePairs).toBe(4);
    expect(q.predictedPairs).toBe(4);
    expect(q.correctPairs).toBe(1);
    expect(q.precision).toBe(0.25);
    expect(q.recall).toBe(0.25);
  });
});
