// Profile-likelihood interval for N under one log-linear model (multinomial likelihood, as Rcapture's closedpCI).
import { designMatrix, type HierarchicalModel } from './hierarchical-models.ts';
import { prepareModel } from './loglinear-fit.ts';
import { fitPoisson } from './poisson-glm.ts';
import { logGamma, normalQuantile } from '../stats/index.ts';
import type { PatternTable } from './table.ts';

export interface ProfileInterval {
  interval: [number, number];
  /** N at the profile maximum. */
  mode: number;
  level: number;
  /** True when the upper end ran past the search limit (the likelihood is too flat). */
  openAbove: boolean;
}

/**
 * ℓ(N) = log N!/(z! Π y!) + Σ y log(μ̂/N) over the full 2^J table with z = N − n in the unobserved cell,
 * μ̂ the model's Poisson fit to that table. The interval is {N : 2(ℓmax − ℓ(N)) ≤ χ²₁(level)}.
 */
export function profileLikelihoodInterval(
  table: PatternTable,
  model: HierarchicalModel,
  level = 0.95,
): ProfileInterval {
  const prepared = prepareModel(table, model);
  if (prepared.code !== 0)
    throw new Error(`model ${prepared.name}: the estimate does not exist, so it has no profile interval`);
  const cells = [0, ...prepared.cells];
  const p = prepared.terms.length + 1;
  const x = designMatrix(cells, prepared.terms);
  const y = new Float64Array(cells.length);
  let n = 0;
  let logFactY = 0;
  cells.forEach((c, i) => {
    if (i > 0) {
      y[i] = table.counts[c]!;
      n += y[i]!;
      logFactY += logGamma(y[i]! + 1);
    }
  });
  let warm: Float64Array | undefined;
  const ell = (z: number): number => {
    y[0] = z;
    const fit = fitPoisson(x, y, cells.length, p, warm);
    warm = fit.mu;
    const total = n + z;
    let s = logGamma(total + 1) - logGamma(z + 1) - logFactY;
    for (let i = 0; i < cells.length; i++) if (y[i]! > 0) s += y[i]! * Math.log(fit.mu[i]! / total);
    return s;
  };
  // Maximise over z ≥ 0 by golden section on a bracket grown from the Poisson estimate.
  const start = (() => {
    const obs = prepareModel(table, model);
    const xo = designMatrix(obs.cells, obs.terms);
    const f = fitPoisson(
      xo,
      obs.cells.map((c) => table.counts[c]!),
      obs.cells.length,
      p,
    );
    return Math.exp(f.beta[0]!);
  })();
  let hi = Math.max(1, start * 2 + 10);
  while (ell(hi) > ell(hi / 2) && hi < 1e9) hi *= 2;
  let a = 0;
  let b = hi;
  const g = (Math.sqrt(5) - 1) / 2;
  for (let it = 0; it < 80 && b - a > 1e-6 * (1 + b); it++) {
    const c = b - g * (b - a);
    const d = a + g * (b - a);
    if (ell(c) >= ell(d)) b = d;
    else a = c;
  }
  const zHat = (a + b) / 2;
  const lMax = ell(zHat);
  const zq = normalQuantile(0.5 + level / 2);
  const cut = lMax - (zq * zq) / 2;
  const root = (lo: number, up: number): number => {
    // ell(lo) and ell(up) straddle the cut.
    for (let it = 0; it < 100 && up - lo > 1e-7 * (1 + up); it++) {
      const mid = (lo + up) / 2;
      if (ell(mid) >= cut === ell(lo) >= cut) lo = mid;
      else up = mid;
    }
    return (lo + up) / 2;
  };
  const lower = ell(0) >= cut ? 0 : root(0, zHat);
  let upper = Math.max(zHat * 2, zHat + 10);
  const limit = Math.max(1e7, n * 1e4);
  while (ell(upper) >= cut && upper < limit) upper *= 2;
  const openAbove = ell(upper) >= cut;
  const up = openAbove ? upper : root(zHat, upper);
  return { interval: [n + lower, n + up], mode: n + zHat, level, openAbove };
}
