// Seeded worlds with a known population for coverage studies: heterogeneous capture (latent classes or a
// logit-normal individual effect) and optional direct dependence between lists.
import { createRng } from './random/rng.ts';
import type { PatternTable } from './table.ts';

export interface WorldSpec {
  /** True population size. */
  N: number;
  /** Number of lists (2–20). */
  lists: number;
  /**
   * Heterogeneity: latent classes (share of the population and per-list capture probability of each class),
   * or a logit-normal individual effect: logit p_ij = logit(base_j) + sigma · u_i, u_i ~ N(0, 1).
   */
  heterogeneity:
    | { type: 'classes'; classes: Array<{ share: number; capture: number[] }> }
    | { type: 'logit-normal'; base: number[]; sigma: number };
  /**
   * Direct list dependence: being on list `from` adds `logOdds` to the log-odds of being on list `to`
   * (positive: referral between lists; negative: avoidance). Lists are drawn in order, so from < to.
   */
  dependence?: Array<{ from: number; to: number; logOdds: number }>;
  seed: number;
}

export interface World {
  spec: WorldSpec;
  table: PatternTable;
  /** The truth: N (people on no list included). */
  N: number;
  /** People on at least one list. */
  observed: number;
}

const logit = (p: number) => Math.log(p / (1 - p));
const expit = (x: number) => 1 / (1 + Math.exp(-x));

export function simulateWorld(spec: WorldSpec): World {
  const J = spec.lists;
  if (J < 2 || J > 20) throw new Error(`a world needs 2 to 20 lists, not ${J}`);
  const rng = createRng(spec.seed, 0x5157);
  const counts = new Float64Array(1 << J);
  const deps = (spec.dependence ?? []).filter((d) => d.from < d.to && d.to < J);
  const logOdds = new Float64Array(J);
  const h = spec.heterogeneity;
  let cumShares: number[] = [];
  if (h.type === 'classes') {
    const total = h.classes.reduce((s, c) => s + c.share, 0);
    let acc = 0;
    cumShares = h.classes.map((c) => (acc += c.share / total));
  }
  const baseLogit = h.type === 'logit-normal' ? h.base.map(logit) : [];
  for (let i = 0; i < spec.N; i++) {
    if (h.type === 'classes') {
      const u = rng.next();
      let k = 0;
      while (k < cumShares.length - 1 && u > cumShares[k]!) k++;
      for (let j = 0; j < J; j++) logOdds[j] = logit(Math.min(Math.max(h.classes[k]!.capture[j]!, 1e-9), 1 - 1e-9));
    } else {
      const e = h.sigma * rng.normal();
      for (let j = 0; j < J; j++) logOdds[j] = baseLogit[j]! + e;
    }
    let cell = 0;
    for (let j = 0; j < J; j++) {
      let lo = logOdds[j]!;
      for (const d of deps) if (d.to === j && cell & (1 << d.from)) lo += d.logOdds;
      if (rng.next() < expit(lo)) cell |= 1 << j;
    }
    counts[cell]!++;
  }
  const observed = spec.N - counts[0]!;
  counts[0] = 0;
  return { spec, table: { lists: Array.from({ length: J }, (_, j) => `list${j + 1}`), counts }, N: spec.N, observed };
}

/**
 * World families for coverage studies (3–5 lists, N between 1,000 and 4,000, direct dependence between
 * lists 1 and 2 in about half). World i of a study is fully determined by (seed, i, family).
 * - standard: two latent classes (a majority seen with probability 0.15–0.35 per list, a minority 0.4–0.8)
 *   or a logit-normal individual effect (base 0.2–0.4, σ 0.3–1.0); dependence log-odds in [−0.3, 0.5].
 * - hard: the majority is seen with probability 0.05–0.2 per list (or base 0.1–0.3 with σ 0.5–1.5), so
 *   often less than half of the population is observed and part of it is nearly invisible to every list.
 */
export type WorldFamily = 'standard' | 'hard';

export function coverageWorld(seed: number, index: number, family: WorldFamily = 'standard'): WorldSpec {
  const rng = createRng(seed, (family === 'hard' ? 100_000 : 200_000) + index);
  const lists = 3 + Math.floor(rng.next() * 3);
  const N = 1000 + Math.floor(rng.next() * 3000);
  const useClasses = rng.next() < 0.5;
  const u = () => rng.next();
  const hard = family === 'hard';
  const heterogeneity: WorldSpec['heterogeneity'] = useClasses
    ? {
        type: 'classes',
        classes: [
          {
            share: hard ? 0.7 + 0.2 * u() : 0.6 + 0.25 * u(),
            capture: Array.from({ length: lists }, () => (hard ? 0.05 + 0.15 * u() : 0.15 + 0.2 * u())),
          },
          {
            share: hard ? 0.1 + 0.2 * u() : 0.15 + 0.25 * u(),
            capture: Array.from({ length: lists }, () => (hard ? 0.3 + 0.5 * u() : 0.4 + 0.4 * u())),
          },
        ],
      }
    : hard
      ? { type: 'logit-normal', base: Array.from({ length: lists }, () => 0.1 + 0.2 * u()), sigma: 0.5 + u() }
      : { type: 'logit-normal', base: Array.from({ length: lists }, () => 0.2 + 0.2 * u()), sigma: 0.3 + 0.7 * u() };
  const dependence = u() < 0.5 ? [{ from: 0, to: 1, logOdds: hard ? 0.5 * (u() - 0.3) : -0.3 + 0.8 * u() }] : [];
  return { N, lists, heterogeneity, dependence, seed: seed * 1000 + index + (hard ? 0 : 500_000) };
}
