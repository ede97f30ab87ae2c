import { describe, expect, it } from 'vitest';
import { parseSchema } from '../../src/linkage/schema.ts';
import { encodeRecords } from '../../src/linkage/encode.ts';
import { packClks } from '../../src/linkage/dice.ts';
import { linkLists } from '../../src/linkage/link-lists.ts';
import { simulateWorld, trueHistories, WORLD_SCHEMA } from './world.ts';

describe('linking a simulated world written in three scripts', () => {
  it('recovers the true capture histories closely (Cyrillic, passport Latin, Ukrainian rendering)', async () => {
    const world = simulateWorld(2026, 1500, [0.4, 0.35, 0.3], ['cyrillic', 'mixed', 'ukrainian']);
    const schema = parseSchema(WORLD_SCHEMA);
    const packed = world.lists.map((l) => {
      const r = encodeRecords(schema, 'list holders only', l.rows);
      expect(r.issues).toEqual([]);
      return packClks(r.clks);
    });
    const result = await linkLists(packed, { threshold: 0.85 });
    const truth = trueHistories(world);
    // Every record appears in exactly one history.
    const records = (h: Record<string, number>) =>
      Object.entries(h).reduce((s, [k, n]) => s + n * [...k].filter((c) => c === '1').length, 0);
    expect(records(result.captureHistories)).toBe(records(truth));
    // Pairwise quality of the groups against the truth.
    let correct = 0,
      predicted = 0;
    for (const g of result.groups) {
      for (let x = 0; x < g.length; x++)
        for (let y = x + 1; y < g.length; y++) {
          predicted++;
          if (world.lists[g[x]![0]]!.person[g[x]![1]] === world.lists[g[y]![0]]!.person[g[y]![1]]) correct++;
        }
    }
    let truePairs = 0;
    for (const [h, n] of Object.entries(truth)) {
      const k = [...h].filter((c) => c === '1').length;
      truePairs += (n * k * (k - 1)) / 2;
    }
    expect(correct / predicted).toBeGreaterThan(0.95);
    expect(correct / truePairs).toBeGreaterThan(0.9);
    // Each history count within 10% (or 10 people) of the truth.
    for (const [h, n] of Object.entries(truth))
      expect(Math.abs((result.captureHistories[h] ?? 0) - n), h).toBeLessThanOrEqual(Math.max(10, 0.1 * n));
    // Lower thresholds link at least as many people at the low end of the table as at the high end.
    const s = result.thresholdSensitivity;
    expect(s[0]!.linkedPeople).toBeGreaterThanOrEqual(s[s.length - 1]!.linkedPeople);
  });
});
