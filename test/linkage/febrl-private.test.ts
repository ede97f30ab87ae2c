import { describe, expect, it } from 'vitest';
import { parseSchema } from '../../src/linkage/schema.ts';
import { encodeRecords } from '../../src/linkage/encode.ts';
import { packClks } from '../../src/linkage/dice.ts';
import { allPairs, filterPairs } from '../../src/linkage/candidates.ts';
import { dedupeClusters } from '../../src/linkage/matching.ts';
import { febrlEntity, pairQuality } from '../../src/linkage/evaluate.ts';
import { blockedPairs, blockingRecall } from '../../src/linkage/blocking.ts';
import { febrlSchema, readFebrl } from './febrl.ts';

/** Best threshold on a grid by F1, with its precision and recall. */
function bestOnGrid(n: 1 | 2 | 3) {
  const { rows } = readFebrl(n);
  const schema = parseSchema(febrlSchema());
  const { clks, issues } = encodeRecords(schema, 'a shared secret', rows);
  expect(issues).toEqual([]);
  const packed = packClks(clks);
  const all = allPairs(packed, null, 0.75);
  const labels = rows.map((r) => febrlEntity(r[0]!));
  let best = { t: 0, precision: 0, recall: 0, f1: -1 };
  for (let t = 0.76; t <= 0.901; t += 0.01) {
    const q = pairQuality(labels, dedupeClusters(filterPairs(all, t), packed.n));
    if (q.f1 > best.f1) best = { t, precision: q.precision, recall: q.recall, f1: q.f1 };
  }
  return { best, packed, all };
}

describe('private (CLK) deduplication of FEBRL', () => {
  it('dataset 1: precision and recall ≥ 0.95 at the best threshold; LSH blocking keeps the pairs', () => {
    const { best, packed } = bestOnGrid(1);
    expect(best.precision).toBeGreaterThanOrEqual(0.95);
    expect(best.recall).toBeGreaterThanOrEqual(0.95);
    const ref = filterPairs(allPairs(packed, null, best.t), best.t);
    const blocked = blockedPairs(packed, null, best.t, { tables: 30, bitsPerTable: 16, seed: 3 });
    expect(blocked.considered).toBeLessThan(ref.considered / 5);
    expect(blockingRecall(ref, blocked)).toBeGreaterThan(0.9);
  });

  it.skipIf(!process.env.DARKFIGURE_SLOW)(
    'dataset 3: precision and recall ≥ 0.95 at the best threshold (DARKFIGURE_SLOW=1)',
    () => {
      const { best } = bestOnGrid(3);
      expect(best.precision).toBeGreaterThanOrEqual(0.95);
      expect(best.recall).toBeGreaterThanOrEqual(0.95);
    },
  );
});
