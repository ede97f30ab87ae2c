import type { Observation } from '../domain/index.ts';

/**
 * Figures that claim the same thing and disagree, shown side by side with their notes, never merged
 * or averaged. Two figures conflict when their ranges (qualifiers included: "~600", ">3,000") do not
 * overlap and either they share series, scope, articles, kind and period, or one's notes name the
 * other as conflicting (the bundled data's convention). 615 and ~600 agree; 684 and 64 do not.
 */
export interface ConflictGroup {
  key: string;
  seriesId: string;
  scope: string;
  periodStart?: string;
  periodEnd: string;
  observations: Observation[];
}

/**
 * The values a published figure allows. "About N" (~) is read at the precision N was rounded to
 * (~600: 550–650; ~1,000: 500–1,500), and never tighter than ±5%; a published low/high wins.
 * ">N" is open above, "<N" is open below (down to 0); an exact figure is itself.
 */
export function figureRange(o: Pick<Observation, 'value' | 'qualifier' | 'low' | 'high'>): [number, number] {
  const v = o.value;
  let lo = v;
  let hi = v;
  if (o.qualifier === '~') {
    const a = Math.abs(v);
    // The unit of the last non-zero digit of an integer (600 → 100, 2,930 → 10); fractions: ±5% alone.
    let unit = 0;
    if (Number.isInteger(a) && a > 0) {
      unit = 1;
      while (a % (unit * 10) === 0) unit *= 10;
    }
    const tol = Math.max(unit / 2, a * 0.05);
    lo = v - tol;
    hi = v + tol;
  } else if (o.qualifier === '>' || o.qualifier === '>=') hi = Number.POSITIVE_INFINITY;
  else if (o.qualifier === '<' || o.qualifier === '<=') lo = Math.min(0, v);
  return [o.low ?? lo, o.high ?? hi];
}

/** Whether two figures can both be true: their ranges share at least one value. */
export function rangesOverlap(
  a: Pick<Observation, 'value' | 'qualifier' | 'low' | 'high'>,
  b: Pick<Observation, 'value' | 'qualifier' | 'low' | 'high'>,
): boolean {
  const [alo, ahi] = figureRange(a);
  const [blo, bhi] = figureRange(b);
  return alo <= bhi && blo <= ahi;
}

const SAME_CLAIM = (o: Observation) =>
  [o.seriesId, o.scope, [...o.articles].sort().join('+'), o.periodStart ?? '', o.periodEnd, o.valueKind].join('|');
const SAYS_CONFLICT = /conflict|contradict|disagree|differs|lower than|higher than|\bvs\.?\b/i;

export function findConflicts(observations: Observation[]): ConflictGroup[] {
  // Union–find over observation indices.
  const parent = observations.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const byClaim = new Map<string, number[]>();
  observations.forEach((o, i) => byClaim.set(SAME_CLAIM(o), [...(byClaim.get(SAME_CLAIM(o)) ?? []), i]));
  for (const idx of byClaim.values()) {
    if (idx.length < 2) continue;
    // Only pairs that cannot both be true: 615 and ~600 for the same year agree.
    for (let a = 0; a < idx.length; a++)
      for (let b = a + 1; b < idx.length; b++)
        if (!rangesOverlap(observations[idx[a]!]!, observations[idx[b]!]!)) union(idx[a]!, idx[b]!);
  }
  const byId = new Map(observations.map((o, i) => [o.id, i]));
  observations.forEach((o, i) => {
    if (!o.notes || !SAYS_CONFLICT.test(o.notes)) return;
    // Whole ids only; "prefix-*" names every row of that prefix covering the same scope.
    for (const m of o.notes.matchAll(/[a-z0-9][a-z0-9._:-]*[a-z0-9](-\*)?(?![a-z0-9._:*-])/g)) {
      if (m[1]) {
        const prefix = m[0].slice(0, -1);
        observations.forEach((x, j) => {
          if (
            j !== i &&
            x.id.startsWith(prefix) &&
            x.seriesId === o.seriesId &&
            x.scope === o.scope &&
            !rangesOverlap(o, x)
          )
            union(i, j);
        });
        continue;
      }
      const j = byId.get(m[0]);
      if (j !== undefined && j !== i && observations[j]!.seriesId === o.seriesId && !rangesOverlap(o, observations[j]!))
        union(i, j);
    }
  });
  const groups = new Map<number, number[]>();
  observations.forEach((_, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), i]));
  const out: ConflictGroup[] = [];
  for (const idx of groups.values()) {
    if (idx.length < 2) continue;
    const obs = idx
      .map((i) => observations[i]!)
      .sort((a, b) => (a.periodEnd < b.periodEnd ? -1 : a.periodEnd > b.periodEnd ? 1 : a.id < b.id ? -1 : 1));
    const o = obs[0]!;
    out.push({
      key: SAME_CLAIM(o),
      seriesId: o.seriesId,
      scope: o.scope,
      periodStart: o.periodStart,
      periodEnd: o.periodEnd,
      observations: obs,
    });
  }
  return out.sort((a, b) => (a.periodEnd < b.periodEnd ? -1 : a.periodEnd > b.periodEnd ? 1 : a.key < b.key ? -1 : 1));
}

/** Observation id → the other figures of its group it cannot agree with (ranges apart). */
export function conflictIndex(groups: ConflictGroup[]): Map<string, Observation[]> {
  const idx = new Map<string, Observation[]>();
  for (const g of groups)
    for (const o of g.observations)
      idx.set(
        o.id,
        g.observations.filter((x) => x.id !== o.id && !rangesOverlap(o, x)),
      );
  return idx;
}
