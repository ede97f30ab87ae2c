import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createDiceIndex, dice, maxPopcountDiff, packClks } from '../../src/linkage/dice.ts';
import { diceModuleBytes } from '../../src/linkage/dice-wasm.ts';
import { allPairs, filterPairs, pairKeys } from '../../src/linkage/candidates.ts';
import { blockedPairs, blockingRecall } from '../../src/linkage/blocking.ts';
import { Rng } from '../../src/linkage/prng.ts';

function randomClks(rng: Rng, n: number, bytes: number, density = 0.5): Uint8Array[] {
  return Array.from({ length: n }, () => {
    const c = new Uint8Array(bytes);
    for (let i = 0; i < bytes * 8; i++) if (rng.chance(density)) c[i >> 3]! |= 0x80 >> (i & 7);
    return c;
  });
}

/** A copy with `flips` random bits flipped: a noisy duplicate. */
function noisy(rng: Rng, c: Uint8Array, flips: number): Uint8Array {
  const d = c.slice();
  for (let k = 0; k < flips; k++) {
    const i = rng.int(c.length * 8);
    d[i >> 3]! ^= 0x80 >> (i & 7);
  }
  return d;
}

describe('Dice kernels', () => {
  it('builds a valid WebAssembly module for several widths', () => {
    for (const w of [1, 4, 16, 32]) expect(WebAssembly.validate(diceModuleBytes(w))).toBe(true);
  });

  it('wasm and JavaScript kernels return exactly the brute-force pairs and scores (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom(8, 64, 128),
        fc.double({ min: 0.3, max: 0.95, noNaN: true }),
        (seed, bytes, t) => {
          const rng = new Rng(seed);
          const A = randomClks(rng, 12, bytes, rng.next() * 0.8 + 0.05);
          const B = [...randomClks(rng, 20, bytes), ...A.map((c) => noisy(rng, c, 6))];
          const pa = packClks(A),
            pb = packClks(B);
          const expected: string[] = [];
          for (let i = 0; i < A.length; i++)
            for (let j = 3; j < B.length; j++)
              if (dice(A[i]!, B[j]!) >= t && dice(A[i]!, B[j]!) > 0) expected.push(`${i}:${j}:${dice(A[i]!, B[j]!)}`);
          for (const kernel of ['wasm', 'js'] as const) {
            const ix = createDiceIndex(pa, pb, kernel);
            const got: string[] = [];
            for (let i = 0; i < A.length; i++) {
              const r = ix.scan(i, 3, B.length, t);
              for (let k = 0; k < r.count; k++) got.push(`${i}:${r.index[k]}:${r.score[k]}`);
            }
            if (got.join() !== expected.join()) return false;
          }
          return true;
        },
      ),
      { numRuns: 60, seed: 11 },
    );
  });

  it('the popcount bound never excludes a pair that reaches the threshold (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2000 }),
        fc.integer({ min: 1, max: 2000 }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        (pa, pb, t) => {
          // Best case: the smaller set inside the larger.
          const best = (2 * Math.min(pa, pb)) / (pa + pb);
          return best < t || Math.abs(pa - pb) <= maxPopcountDiff(pa, t);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('deduplication scans each unordered pair once', () => {
    const rng = new Rng(5);
    const A = randomClks(rng, 30, 16);
    const all = allPairs(packClks(A), null, 0.01);
    expect(all.considered).toBe((30 * 29) / 2);
    for (let k = 0; k < all.sim.length; k++) expect(all.a[k]).toBeLessThan(all.b[k]!);
  });
});

describe('blocking', () => {
  it('LSH blocking finds near duplicates, proposes far fewer pairs, and its recall is measured', () => {
    const rng = new Rng(9);
    const base = randomClks(rng, 300, 128);
    const B = base.map((c) => noisy(rng, c, 20));
    const pa = packClks(base),
      pb = packClks(B);
    const full = allPairs(pa, pb, 0.8);
    expect(full.sim.length).toBe(300);
    const blocked = blockedPairs(pa, pb, 0.8, { tables: 16, bitsPerTable: 14, seed: 1 });
    expect(blocked.considered).toBeLessThan(full.considered / 20);
    expect(blockingRecall(full, blocked)).toBeGreaterThan(0.95);
    // Every blocked pair is a true candidate pair.
    const fk = pairKeys(full);
    for (const k of pairKeys(blocked)) expect(fk.has(k)).toBe(true);
  });

  it('exact keys restrict pairs to records that share the key', () => {
    const rng = new Rng(2);
    const A = randomClks(rng, 40, 16);
    const keys = A.map((_, i) => String(i % 4));
    const r = blockedPairs(packClks(A), null, 0.01, { tables: 0, bitsPerTable: 0, seed: 1, keysA: keys });
    expect(r.considered).toBe(4 * ((10 * 9) / 2));
    for (let k = 0; k < r.sim.length; k++) expect(keys[r.a[k]!]).toBe(keys[r.b[k]!]);
    expect(filterPairs(r, 2).sim.length).toBe(0);
  });
});

describe('seeded generator', () => {
  it('is reproducible and roughly uniform', () => {
    const a = new Rng(42),
      b = new Rng(42);
    const xs = Array.from({ length: 5000 }, () => a.next());
    expect(xs.slice(0, 10)).toEqual(Array.from({ length: 10 }, () => b.next()));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.02);
    const r = new Rng(1);
    const ps = Array.from({ length: 4000 }, () => r.poisson(3));
    expect(Math.abs(ps.reduce((s, x) => s + x, 0) / ps.length - 3)).toBeLessThan(0.15);
  });
});

describe('worker threads', () => {
  it('give the same candidate pairs as one thread', async () => {
    const { allPairsParallel } = await import('../../src/jobs/parallel-pairs.ts');
    const rng = new Rng(12);
    const base = randomClks(rng, 200, 128);
    const A = packClks([...base, ...base.slice(0, 120).map((c) => noisy(rng, c, 30))]);
    const one = allPairs(A, null, 0.8);
    const two = await allPairsParallel(A, null, 0.8, 2);
    expect(two.considered).toBe(one.considered);
    expect(pairKeys(two)).toEqual(pairKeys(one));
    expect(one.sim.length).toBeGreaterThanOrEqual(120);
  });
});
