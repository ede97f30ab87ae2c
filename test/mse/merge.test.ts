import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../src/domain/errors.ts';
import { simulateWorld } from '../../src/mse/simulate-world.ts';
import { chapman } from '../../src/mse/two-list.ts';
import {
  groupLists,
  marginalTable,
  mergeLists,
  observedTotal,
  tableFromPatternCounts,
  toPatternCounts,
  type PatternTable,
} from '../../src/mse/table.ts';

const three = tableFromPatternCounts(['courts', 'ngo', 'wanted'], {
  '100': 10,
  '010': 20,
  '001': 5,
  '110': 3,
  '101': 40,
  '011': 2,
  '111': 7,
});

function issues(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    if (e instanceof BadInputError) return e.issues.map((i) => `${i.field}|${i.message}`);
    throw e;
  }
  throw new Error('expected a BadInputError');
}

/** Random tables of 2–5 lists with small counts. */
const tables = fc.integer({ min: 2, max: 5 }).chain((J) =>
  fc.array(fc.nat(30), { minLength: (1 << J) - 1, maxLength: (1 << J) - 1 }).map((v): PatternTable => {
    const counts = new Float64Array(1 << J);
    v.forEach((x, i) => (counts[i + 1] = x));
    return { lists: Array.from({ length: J }, (_, j) => `L${j}`), counts };
  }),
);

describe('merging lists', () => {
  it("counts a person once on the merged list, in the first list's place", () => {
    const m = mergeLists(three, [['courts', 'wanted']]);
    expect(m.lists).toEqual(['courts+wanted', 'ngo']);
    // on courts or wanted but not ngo: 10 + 5 + 40; ngo only: 20; both: 3 + 2 + 7.
    expect(toPatternCounts(m)).toEqual({ '10': 55, '01': 20, '11': 12 });
    expect(observedTotal(m)).toBe(observedTotal(three));
    expect(mergeLists(three, [['wanted', 'ngo']]).lists).toEqual(['courts', 'wanted+ngo']);
  });

  it('refuses unknown lists, a list merged twice, a group of one, and a merge that leaves one list', () => {
    expect(issues(() => mergeLists(three, [['courts', 'police']], '--merge'))).toEqual([
      '--merge|no list named "police" (lists: courts, ngo, wanted)',
    ]);
    expect(
      issues(() =>
        mergeLists(three, [
          ['courts', 'ngo'],
          ['ngo', 'wanted'],
        ]),
      )[0],
    ).toMatch(/"ngo" is merged twice/);
    expect(issues(() => mergeLists(three, [['courts']]))[0]).toMatch(/at least two lists/);
    expect(issues(() => mergeLists(three, [['courts', 'ngo', 'wanted']]))[0]).toMatch(/leaves 1 list/);
  });

  it('keeps everyone observed, and one merge equals grouping by bit masks (property)', () => {
    fc.assert(
      fc.property(tables, fc.nat(), fc.nat(), (t, x, y) => {
        const a = x % t.lists.length;
        const b = (a + 1 + (y % (t.lists.length - 1))) % t.lists.length;
        if (t.lists.length === 2) return true;
        const m = mergeLists(t, [[t.lists[a]!, t.lists[b]!]]);
        expect(m.lists.length).toBe(t.lists.length - 1);
        expect(observedTotal(m)).toBe(observedTotal(t));
        // The merged list holds exactly the people on a or b.
        const onEither = Array.from(t.counts).reduce((s, v, c) => s + (c & ((1 << a) | (1 << b)) ? v : 0), 0);
        const at = m.lists.indexOf(`${t.lists[a]}+${t.lists[b]}`);
        expect(Array.from(m.counts).reduce((s, v, c) => s + (c & (1 << at) ? v : 0), 0)).toBe(onEither);
        return true;
      }),
    );
  });

  it('grouping each list alone changes nothing; marginal tables drop people seen only on dropped lists', () => {
    fc.assert(
      fc.property(tables, (t) => {
        const same = groupLists(
          t,
          t.lists.map((_, i) => [i]),
        );
        expect(same.lists).toEqual(t.lists);
        expect(Array.from(same.counts)).toEqual(Array.from(t.counts));
        const m = marginalTable(t, [0, 1]);
        const onlyOthers = Array.from(t.counts).reduce((s, v, c) => s + (c && !(c & 3) ? v : 0), 0);
        expect(observedTotal(m)).toBe(observedTotal(t) - onlyOthers);
      }),
    );
  });

  it('removes the bias of two lists that are steps of one process (known truth)', () => {
    // Everyone has the same chances; being on list 1 (sought) makes list 2 (tried) far likelier.
    const world = simulateWorld({
      N: 20_000,
      lists: 3,
      seed: 11,
      heterogeneity: { type: 'logit-normal', base: [0.2, 0.1, 0.15], sigma: 0 },
      dependence: [{ from: 0, to: 1, logOdds: 2.5 }],
    });
    const pair = chapman(world.table, { pair: [0, 1] });
    // The excess overlap reads as a small population: the interval misses far below.
    expect(pair.interval[1]).toBeLessThan(0.6 * world.N);
    // Merged, "sought or tried" is independent of list 3, and two lists recover N.
    const merged = chapman(mergeLists(world.table, [['list1', 'list2']]));
    expect(merged.interval[0]).toBeLessThanOrEqual(world.N);
    expect(merged.interval[1]).toBeGreaterThanOrEqual(world.N);
  });
});
