import type { Observation } from '../domain/observation.ts';

/**
 * Figures that claim the same thing and disagree, shown side by side with their notes, never merged
 * or averaged. Two figures conflict when they share series, scope, articles, kind and period but not
 * value or source, or when one's notes name the other as conflicting (the bundled data's convention).
 */
export interface ConflictGroup {
  key: string;
  seriesId: string;
  scope: string;
  periodStart?: string;
  periodEnd: string;
  observations: Observation[];
}

const SAME_CLAIM = (o: Observation) => [o.seriesId, o.scope, [...o.articles].sort().join('+'), o.periodStart ?? '', o.periodEnd, o.valueKind].join('|');
const SAYS_CONFLICT = /conflict|contradict|disagree|differs|lower than|higher than|\bvs\.?\b/i;

export function findConflicts(observations: Observation[]): ConflictGroup[] {
  // Union–find over observation indices.
  const parent = observations.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const byClaim = new Map<string, number[]>();
  observations.forEach((o, i) => byClaim.set(SAME_CLAIM(o), [...(byClaim.get(SAME_CLAIM(o)) ?? []), i]));
  for (const idx of byClaim.values()) {
    if (idx.length < 2) continue;
    const obs = idx.map((i) => observations[i]);
    if (new Set(obs.map((o) => o.value)).size < 2 && new Set(obs.map((o) => o.sourceId)).size < 2) continue;
    for (const i of idx.slice(1)) union(idx[0], i);
  }
  const byId = new Map(observations.map((o, i) => [o.id, i]));
  observations.forEach((o, i) => {
    if (!o.notes || !SAYS_CONFLICT.test(o.notes)) return;
    // Whole ids only; "prefix-*" names every row of that prefix covering the same scope.
    for (const m of o.notes.matchAll(/[a-z0-9][a-z0-9._:-]*[a-z0-9](-\*)?(?![a-z0-9._:*-])/g)) {
      if (m[1]) {
        const prefix = m[0].slice(0, -1);
        observations.forEach((x, j) => {
          if (j !== i && x.id.startsWith(prefix) && x.seriesId === o.seriesId && x.scope === o.scope) union(i, j);
        });
        continue;
      }
      const j = byId.get(m[0]);
      if (j !== undefined && j !== i && observations[j].seriesId === o.seriesId) union(i, j);
    }
  });
  const groups = new Map<number, number[]>();
  observations.forEach((_, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), i]));
  const out: ConflictGroup[] = [];
  for (const idx of groups.values()) {
    if (idx.length < 2) continue;
    const obs = idx.map((i) => observations[i]).sort((a, b) => (a.periodEnd < b.periodEnd ? -1 : a.periodEnd > b.periodEnd ? 1 : a.id < b.id ? -1 : 1));
    const o = obs[0];
    out.push({ key: SAME_CLAIM(o), seriesId: o.seriesId, scope: o.scope, periodStart: o.periodStart, periodEnd: o.periodEnd, observations: obs });
  }
  return out.sort((a, b) => (a.periodEnd < b.periodEnd ? -1 : a.periodEnd > b.periodEnd ? 1 : a.key < b.key ? -1 : 1));
}

/** Observation id → the other figures it conflicts with. */
export function conflictIndex(groups: ConflictGroup[]): Map<string, Observation[]> {
  const idx = new Map<string, Observation[]>();
  for (const g of groups) for (const o of g.observations) idx.set(o.id, g.observations.filter((x) => x.id !== o.id));
  return idx;
}
