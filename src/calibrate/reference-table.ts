import { hash3, streamKey } from '../sim/index.ts';
import type { SimOutput } from './abc-smc.ts';
import { jointPriorDensity, type ParamPrior, samplePrior } from './prior.ts';
import { distance, type Target } from './targets.ts';

/**
 * A reference table for sensitivity analysis (rejection ABC with importance weights): one set of
 * simulations drawn from a mixture of the prior and, for each parameter in turn, the prior with that
 * one parameter's range widened; any variant prior whose support the mixture covers (a parameter's
 * range shifted down or up by half its width, or widened by half its width each side; a target
 * dropped; the prior alone) is then read from the same simulations by reweighting, so every row of a
 * sensitivity table rests on the same draws and differs only in what it changes.
 */

const TWO32 = 2.3283064365386963e-10;
const D_REF = 9101;

/** A parameter's range shifted (−1 down, +1 up) by half its width, or widened (0) by half each side, on its own scale; kept inside `limits`. */
export function variantPrior(p: ParamPrior, how: -1 | 0 | 1, limits: { min: number; max: number }): ParamPrior {
  const lo = p.scale === 'log' ? Math.log(p.low) : p.low;
  const hi = p.scale === 'log' ? Math.log(p.high) : p.high;
  const half = (hi - lo) / 2;
  const [a, b] = how === 0 ? [lo - half, hi + half] : [lo + how * half, hi + how * half];
  const back = (x: number) => (p.scale === 'log' ? Math.exp(x) : x);
  const floor = p.scale === 'log' ? Math.max(limits.min, Number.MIN_VALUE) : limits.min;
  return { ...p, low: Math.max(floor, back(a)), high: Math.min(limits.max, back(b)) };
}

export interface ReferenceDesign {
  priors: ParamPrior[];
  /** Per parameter, the widened prior its mixture component draws from. */
  widened: ParamPrior[];
  /** Share of draws from the unchanged prior; the rest split evenly over the widened components. */
  baseShare: number;
}

/** Density of the mixture the table was drawn from. */
export function mixtureDensity(d: ReferenceDesign, theta: ArrayLike<number>): number {
  const k = d.priors.length;
  let s = d.baseShare * jointPriorDensity(d.priors, theta);
  for (let j = 0; j < k; j++) {
    const ps = d.priors.map((p, i) => (i === j ? d.widened[j]! : p));
    s += ((1 - d.baseShare) / k) * jointPriorDensity(ps, theta);
  }
  return s;
}

/** Draw i of the table: deterministic in (seed, i). */
export function referenceDraw(d: ReferenceDesign, seed: number, i: number): number[] {
  const key = streamKey(seed, D_REF);
  const u = hash3(key, i, 0) * TWO32;
  const k = d.priors.length;
  const comp = u < d.baseShare ? -1 : Math.min(k - 1, Math.floor(((u - d.baseShare) / (1 - d.baseShare)) * k));
  return d.priors.map((p, j) => samplePrior(j === comp ? d.widened[j]! : p, hash3(key, i, j + 1) * TWO32));
}

export interface TableRow {
  theta: number[];
  output: SimOutput;
}

/**
 * Rejection ABC on the table under a variant prior: draws the variant gives no weight are out; of the
 * rest, the `keep` nearest to the targets are accepted, weighted by variant prior over mixture density.
 * Returns the accepted rows with normalised weights.
 */
export function rejectionPosterior(
  d: ReferenceDesign,
  rows: TableRow[],
  variant: ParamPrior[],
  targets: Target[],
  keep: number,
): Array<TableRow & { weight: number; distance: number }> {
  const eligible = rows
    .map((r) => ({
      ...r,
      weight: jointPriorDensity(variant, r.theta) / mixtureDensity(d, r.theta),
      distance: targets.length ? distance(targets, r.output.summaries) : 0,
    }))
    .filter((r) => r.weight > 0 && Number.isFinite(r.weight));
  eligible.sort((a, b) => a.distance - b.distance);
  const kept = targets.length ? eligible.slice(0, keep) : eligible;
  const total = kept.reduce((s, r) => s + r.weight, 0);
  return kept.map((r) => ({ ...r, weight: r.weight / total }));
}
