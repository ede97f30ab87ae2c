import { normal as boxMuller } from './normal.ts';
import type { NormalSource, Uniform } from './uniform.ts';

/**
 * Gamma(shape, scale) by Marsaglia & Tsang (2000); shape < 1 through the boost Gamma(shape + 1)·U^(1/shape).
 * Normals come from `normal` when given (e.g. a polar source), else from Box–Muller on `u`.
 * The simulation's draws depend on the exact order of operations here: change it only knowingly.
 */
export function gamma(u: Uniform, shape: number, scale = 1, normal?: NormalSource): number {
  if (!(shape > 0) || !(scale >= 0))
    throw new RangeError(`gamma needs shape > 0 and scale ≥ 0 (got ${shape}, ${scale})`);
  if (shape < 1) return gamma(u, shape + 1, scale, normal) * Math.pow(1 - u(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal ? normal() : boxMuller(u);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const w = 1 - u();
    if (w < 1 - 0.0331 * x * x * x * x || Math.log(w) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v * scale;
  }
}

/** log of a Gamma(shape, 1) draw; stays finite for tiny shapes, where the draw itself underflows to 0. */
export function logGammaVariate(u: Uniform, shape: number, normal?: NormalSource): number {
  if (shape >= 1) return Math.log(gamma(u, shape, 1, normal));
  return Math.log(gamma(u, shape + 1, 1, normal)) + Math.log(1 - u()) / shape;
}
