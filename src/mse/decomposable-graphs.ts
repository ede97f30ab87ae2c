// Decomposable (chordal) graphs on p ≤ 5 lists, with cliques and separators for Madigan–York averaging.
import { popcount } from './popcount.ts';

export interface DecomposableGraph {
  /** Edges as a bitmask over the p(p−1)/2 pairs (pair order: (0,1), (0,2), …). */
  edges: number;
  /** Maximal cliques as list bitmasks. */
  cliques: number[];
  /** Non-empty separators of a junction tree (with multiplicity). */
  separators: number[];
}

function pairs(p: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let a = 0; a < p; a++) for (let b = a + 1; b < p; b++) out.push([a, b]);
  return out;
}

/** A graph is chordal iff no induced subgraph on 4 or more vertices is a chordless cycle (checked directly; p ≤ 5). */
function isChordal(adj: number[], p: number): boolean {
  for (let s = 0; s < 1 << p; s++) {
    const k = popcount(s);
    if (k < 4) continue;
    let cycle = true;
    for (let v = 0; v < p && cycle; v++) if (s & (1 << v) && popcount(adj[v]! & s) !== 2) cycle = false;
    if (!cycle) continue;
    // Every vertex has degree 2 inside s: a union of cycles; it is one chordless cycle if connected.
    const start = 31 - Math.clz32(s);
    let seen = 1 << start;
    let frontier = seen;
    while (frontier) {
      let next = 0;
      for (let v = 0; v < p; v++) if (frontier & (1 << v)) next |= adj[v]! & s;
      frontier = next & ~seen;
      seen |= next;
    }
    if (seen === s) return false;
  }
  return true;
}

function cliquesOf(adj: number[], p: number): number[] {
  const isClique = (s: number) => {
    for (let v = 0; v < p; v++) if (s & (1 << v) && (adj[v]! & s) !== (s & ~(1 << v))) return false;
    return true;
  };
  const all: number[] = [];
  for (let s = 1; s < 1 << p; s++) if (isClique(s)) all.push(s);
  return all.filter((s) => !all.some((t) => t !== s && (t & s) === s));
}

/** Junction tree by a maximum-weight spanning forest of the clique graph (Kruskal); separators = edge intersections. */
function separatorsOf(cliques: number[]): number[] {
  const edges: Array<{ a: number; b: number; w: number }> = [];
  for (let a = 0; a < cliques.length; a++)
    for (let b = a + 1; b < cliques.length; b++) {
      const w = popcount(cliques[a]! & cliques[b]!);
      if (w > 0) edges.push({ a, b, w });
    }
  edges.sort((x, y) => y.w - x.w);
  const parent = cliques.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const seps: number[] = [];
  for (const e of edges) {
    const ra = find(e.a),
      rb = find(e.b);
    if (ra === rb) continue;
    parent[ra] = rb;
    seps.push(cliques[e.a]! & cliques[e.b]!);
  }
  return seps;
}

/** All decomposable graphs on p vertices (8, 61, 822 for p = 3, 4, 5). */
export function decomposableGraphs(p: number): DecomposableGraph[] {
  if (p < 2 || p > 5) throw new Error(`decomposable graphs are enumerated for 2 to 5 lists, not ${p}`);
  const ps = pairs(p);
  const out: DecomposableGraph[] = [];
  for (let e = 0; e < 1 << ps.length; e++) {
    const adj = new Array<number>(p).fill(0);
    ps.forEach(([a, b], i) => {
      if (e & (1 << i)) {
        adj[a]! |= 1 << b;
        adj[b]! |= 1 << a;
      }
    });
    if (!isChordal(adj, p)) continue;
    const cliques = cliquesOf(adj, p);
    out.push({ edges: e, cliques, separators: separatorsOf(cliques) });
  }
  return out;
}

/** Name as a generating class, e.g. "[12,3]". */
export function graphName(g: DecomposableGraph): string {
  const label = (s: number) => {
    let t = '';
    for (let i = 0; s >> i; i++) if ((s >> i) & 1) t += String(i + 1);
    return t;
  };
  const inter = g.cliques
    .filter((c) => popcount(c) > 1)
    .map(label)
    .sort();
  const mains = g.cliques
    .filter((c) => popcount(c) === 1)
    .sort((a, b) => a - b)
    .map(label);
  return `[${[...inter, ...mains].join(',')}]`;
}
