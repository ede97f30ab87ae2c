// Small-cell suppression of the linkage service's capture histories: no party can work a small cell back
// from its own list size and what is published, checked by enumerating what each party could solve.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/linkage/prng.ts';
import { allPatterns, suppressHistories } from '../../src/server/entity-service/publish.ts';

const K = 5;
const T = 0.8;
const multi = (p: string) => [...p].filter((c) => c === '1').length >= 2;

/**
 * The values a withheld cell can take for party j, who knows its own list size, every shown cell, and the
 * people linked across lists at T when that row is published: every non-negative split of the two sums.
 */
function feasibleValues(
  hist: Record<string, number>,
  shown: Record<string, number | null>,
  linked: number | null,
  j: number,
  cell: string,
): Set<number> | 'unconstrained' {
  const patterns = Object.keys(shown);
  const hidden = patterns.filter((p) => shown[p] === null);
  const own = (p: string) => p[j] === '1';
  const sumOf = (f: (p: string) => boolean) => patterns.filter(f).reduce((a, p) => a + hist[p]!, 0);
  const shownSum = (f: (p: string) => boolean) =>
    patterns.filter((p) => f(p) && shown[p] !== null).reduce((a, p) => a + (shown[p] as number), 0);
  const s1 = sumOf(own) - shownSum(own);
  const s2 = linked === null ? null : linked - shownSum(multi);
  const others = hidden.filter((p) => p !== cell);
  const both = others.some((p) => own(p) && s2 !== null && multi(p));
  const onlyOwn = others.some((p) => own(p) && !(s2 !== null && multi(p)));
  const onlyMulti = s2 !== null && others.some((p) => !own(p) && multi(p));
  const inOwn = own(cell);
  const inMulti = s2 !== null && multi(cell);
  if (!inOwn && !inMulti) return 'unconstrained'; // in no sum this party knows
  const bound = Math.max(s1, s2 ?? 0);
  const out = new Set<number>();
  for (let v = 0; v <= bound; v++)
    for (let a = 0; a <= (both ? bound : 0); a++) {
      const r1 = s1 - (inOwn ? v : 0) - a;
      if (r1 < 0 || (r1 > 0 && !onlyOwn)) continue;
      if (s2 !== null) {
        const r2 = s2 - (inMulti ? v : 0) - a;
        if (r2 < 0 || (r2 > 0 && !onlyMulti)) continue;
      }
      out.add(v);
    }
  return out;
}

function randomTable(rng: Rng, parties: number): Record<string, number> {
  // Mostly small counts, some large, some zero: many primary cells and many ways to cover them.
  return Object.fromEntries(
    allPatterns(parties).map((p) => [p, rng.chance(0.2) ? 0 : rng.chance(0.5) ? 1 + rng.int(K + 2) : 5 + rng.int(200)]),
  );
}

describe('capture histories: small cells stay hidden from every party', () => {
  it('a hand-checked table: the small cell, its complements, the linked row at the threshold', () => {
    const hist = { '111': 40, '110': 60, '101': 30, '100': 170, '011': 3, '010': 147, '001': 127 };
    const p = suppressHistories(
      3,
      hist,
      [
        { threshold: 0.7, linkedPeople: 140 },
        { threshold: T, linkedPeople: 133 },
        { threshold: 0.9, linkedPeople: 3 },
      ],
      K,
      T,
    );
    expect(p.withheld).toEqual(['111', '110', '101', '011']);
    expect(p.thresholdSensitivity).toEqual([
      { threshold: 0.7, linkedPeople: 140 },
      { threshold: T, linkedPeople: null },
      { threshold: 0.9, linkedPeople: null },
    ]);
    // Nothing small, nothing withheld.
    const big = suppressHistories(2, { '11': 10, '10': 20, '01': 30 }, [{ threshold: T, linkedPeople: 10 }], K, T);
    expect(big.withheld).toEqual([]);
    expect(big.captureHistories).toEqual({ '11': 10, '10': 20, '01': 30 });
    // Zeros are not sensitive.
    expect(
      suppressHistories(2, { '11': 0, '10': 20, '01': 30 }, [{ threshold: T, linkedPeople: 0 }], K, T).withheld,
    ).toEqual([]);
  });

  it('random tables of 2, 3 and 4 parties: no party can pin down a small cell', () => {
    const rng = new Rng(18);
    let checked = 0;
    for (const parties of [2, 3, 4])
      for (let n = 0; n < 150; n++) {
        const hist = randomTable(rng, parties);
        const linkedAll = Object.entries(hist)
          .filter(([p]) => multi(p))
          .reduce((a, [, v]) => a + v, 0);
        const pub = suppressHistories(parties, hist, [{ threshold: T, linkedPeople: linkedAll }], K, T);
        const linked = pub.thresholdSensitivity[0]!.linkedPeople;
        // Every small cell is withheld; every shown one is its true count.
        for (const [p, v] of Object.entries(hist)) {
          if (v > 0 && v < K) expect(pub.captureHistories[p]).toBeNull();
          if (pub.captureHistories[p] !== null) expect(pub.captureHistories[p]).toBe(v);
        }
        for (const [cell, v] of Object.entries(hist)) {
          if (!(v > 0 && v < K)) continue;
          for (let j = 0; j < parties; j++) {
            const values = feasibleValues(hist, pub.captureHistories, linked, j, cell);
            checked++;
            if (values === 'unconstrained') continue;
            expect(values.has(v)).toBe(true);
            expect(values.size, `party ${j} could solve ${cell} = ${v} in ${JSON.stringify(hist)}`).toBeGreaterThan(1);
          }
        }
      }
    expect(checked).toBeGreaterThan(500);
  });
});
