/**
 * The simple multi-party solver the typed-array one replaced (objects, a Set of pair keys, a
 * comparator sort): kept as the reference the property tests compare CandidateGraph against.
 */
import type { ListPairs, Member, SolveOptions } from '../../src/linkage/matching.ts';

export function referenceSolve(
  sizes: readonly number[],
  lp: readonly ListPairs[],
  threshold: number,
  opts: SolveOptions,
): Member[][] {
  const offsets: number[] = [];
  let total = 0;
  for (const s of sizes) {
    offsets.push(total);
    total += s;
  }
  const listOf: number[] = [];
  sizes.forEach((s, l) => {
    for (let i = 0; i < s; i++) listOf.push(l);
  });
  const sim: number[] = [],
    ga: number[] = [],
    gb: number[] = [];
  const isCandidate = new Set<string>();
  const key = (x: number, y: number) => (x < y ? `${x}:${y}` : `${y}:${x}`);
  for (const { listA, listB, pairs } of lp) {
    for (let k = 0; k < pairs.sim.length; k++) {
      if (pairs.sim[k]! < threshold) continue;
      const x = offsets[listA]! + pairs.a[k]!,
        y = offsets[listB]! + pairs.b[k]!;
      sim.push(pairs.sim[k]!);
      ga.push(x);
      gb.push(y);
      isCandidate.add(key(x, y));
    }
  }
  const order = sim.map((_, i) => i).sort((x, y) => sim[y]! - sim[x]! || ga[x]! - ga[y]! || gb[x]! - gb[y]!);
  const groupOf: number[] = [];
  const members: number[][] = [];
  for (let i = 0; i < total; i++) {
    groupOf.push(i);
    members.push([i]);
  }
  for (const e of order) {
    const g1 = groupOf[ga[e]!]!,
      g2 = groupOf[gb[e]!]!;
    if (g1 === g2) continue;
    const m1 = members[g1]!,
      m2 = members[g2]!;
    const lists1 = new Set(m1.map((x) => listOf[x]));
    if (m2.some((x) => lists1.has(listOf[x]))) continue;
    let hits = 0;
    for (const x of m1) for (const y of m2) if (isCandidate.has(key(x, y))) hits++;
    if (hits < opts.mergeThreshold * m1.length * m2.length) continue;
    const [keep, drop] = m1.length >= m2.length ? ([g1, g2] as const) : ([g2, g1] as const);
    for (const x of members[drop]!) {
      groupOf[x] = keep;
      members[keep]!.push(x);
    }
    members[drop] = [];
  }
  const out: Member[][] = [];
  for (const m of members) {
    if (m.length < 2) continue;
    out.push(m.map((x): Member => [listOf[x]!, x - offsets[listOf[x]!]!]).sort((p, q) => p[0] - q[0] || p[1] - q[1]));
  }
  return out.sort((p, q) => p[0]![0] - q[0]![0] || p[0]![1] - q[0]![1]);
}
