/**
 * Ordering millions of candidate pairs without a comparator sort: stable counting sorts, least
 * significant key first (b, then a, then similarity rank), so ties fall in (a, b) order. Each pass is
 * O(pairs + range); a comparator sort of 20 M indices takes seconds, these passes a fraction of that.
 */

function maxOf(x: Int32Array): number {
  let m = -1;
  for (let i = 0; i < x.length; i++) if (x[i]! > m) m = x[i]!;
  return m;
}

/** Stable counting sort of the indices `perm` by key[perm[i]] ∈ [0, range), into a new array. */
function countingPass(perm: Int32Array, key: ArrayLike<number>, range: number, out: Int32Array): Int32Array {
  const start = new Int32Array(range + 1);
  for (let i = 0; i < perm.length; i++) start[key[perm[i]!]! + 1]!++;
  for (let k = 0; k < range; k++) start[k + 1]! += start[k]!;
  for (let i = 0; i < perm.length; i++) out[start[key[perm[i]!]!]!++] = perm[i]!;
  return out;
}

function identity(n: number): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  return p;
}

/** Indices sorted by (a, b) ascending; indices with equal (a, b) keep their order. */
export function sortByKey(a: Int32Array, b: Int32Array): Int32Array {
  const n = a.length;
  // Pairs from one all-pairs pass come in row order already: no pass needed.
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) sorted = a[i - 1]! < a[i]! || (a[i - 1] === a[i] && b[i - 1]! <= b[i]!);
  if (sorted) return identity(n);
  const byB = countingPass(identity(n), b, maxOf(b) + 1, new Int32Array(n));
  return countingPass(byB, a, maxOf(a) + 1, new Int32Array(n));
}

/**
 * Rank of each similarity among the distinct values, 0 for the highest. Dice scores are ratios of
 * small integers, so there are few distinct values (at most a few hundred thousand for 1,024 bits);
 * they are found with an open-addressing table keyed by the double's bits (a Map of numbers is
 * several times slower on millions of pairs).
 */
export function similarityRanks(sim: Float64Array): { rank: Int32Array; distinct: number } {
  const n = sim.length;
  const cell = new Float64Array(1);
  const bits = new Uint32Array(cell.buffer);
  let cap = 1 << 10;
  let keys = new Float64Array(cap),
    ids = new Int32Array(cap).fill(-1);
  const values: number[] = [];
  const idOf = new Int32Array(n);
  const slot = (v: number, k: Float64Array, id: Int32Array, mask: number): number => {
    cell[0] = v;
    let h = Math.imul(bits[0]! ^ Math.imul(bits[1]!, 0x9e3779b1), 0x85ebca6b) & mask;
    while (id[h] !== -1 && k[h] !== v) h = (h + 1) & mask;
    return h;
  };
  for (let i = 0; i < n; i++) {
    const v = sim[i]!;
    let h = slot(v, keys, ids, cap - 1);
    if (ids[h] === -1) {
      if (2 * (values.length + 1) > cap) {
        // Keep the table at most half full: rehash into one twice the size.
        const k2 = new Float64Array(cap * 2),
          id2 = new Int32Array(cap * 2).fill(-1);
        for (let x = 0; x < cap; x++) {
          if (ids[x] === -1) continue;
          const h2 = slot(keys[x]!, k2, id2, cap * 2 - 1);
          k2[h2] = keys[x]!;
          id2[h2] = ids[x]!;
        }
        cap *= 2;
        keys = k2;
        ids = id2;
        h = slot(v, keys, ids, cap - 1);
      }
      keys[h] = v;
      ids[h] = values.length;
      values.push(v);
    }
    idOf[i] = ids[h]!;
  }
  const byValue = values.map((_, id) => id).sort((x, y) => values[y]! - values[x]!);
  const rankOfId = new Int32Array(values.length);
  byValue.forEach((id, r) => (rankOfId[id] = r));
  for (let i = 0; i < n; i++) idOf[i] = rankOfId[idOf[i]!]!;
  return { rank: idOf, distinct: values.length };
}

/**
 * Indices of the pairs by similarity, highest first, ties by a then b (the order the greedy solvers
 * take pairs in). `byKey`, if given, receives the (a, b) order computed on the way.
 */
export function orderEdges(
  sim: Float64Array,
  a: Int32Array,
  b: Int32Array,
  byKey?: (perm: Int32Array) => void,
): Int32Array {
  const n = sim.length;
  if (n === 0) return new Int32Array(0);
  const key = sortByKey(a, b);
  byKey?.(key);
  const { rank, distinct } = similarityRanks(sim);
  return countingPass(key, rank, distinct, new Int32Array(n));
}

/**
 * The pairs themselves rearranged into that order (one scatter instead of an index array and a
 * gather): what a solver that reads them front to back wants.
 */
export function inSolvingOrder(
  sim: Float64Array,
  a: Int32Array,
  b: Int32Array,
): { sim: Float64Array; a: Int32Array; b: Int32Array } {
  const n = sim.length;
  const out = { sim: new Float64Array(n), a: new Int32Array(n), b: new Int32Array(n) };
  if (n === 0) return out;
  const key = sortByKey(a, b);
  const { rank, distinct } = similarityRanks(sim);
  const start = new Int32Array(distinct + 1);
  for (let i = 0; i < n; i++) start[rank[i]! + 1]!++;
  for (let r = 0; r < distinct; r++) start[r + 1]! += start[r]!;
  for (let i = 0; i < n; i++) {
    const e = key[i]!;
    const p = start[rank[e]!]!++;
    out.sim[p] = sim[e]!;
    out.a[p] = a[e]!;
    out.b[p] = b[e]!;
  }
  return out;
}
