import { gamma, logGammaVariate } from './gamma.ts';
import type { NormalSource, Uniform } from './uniform.ts';

/** Beta(a, b) as a ratio of gammas; when both underflow (tiny shapes) it decides in the log domain. */
export function beta(u: Uniform, a: number, b: number, normal?: NormalSource): number {
  const x = gamma(u, a, 1, normal);
  const s = x + gamma(u, b, 1, normal);
  if (s > 0) return x / s;
  const lx = logGammaVariate(u, a, normal);
  const ly = logGammaVariate(u, b, normal);
  return 1 / (1 + Math.exp(ly - lx));
}

/** [log V, log(1 − V)] for V ~ Beta(a, b), exact in the log domain (stick-breaking with small α), into out. */
export function logBeta(u: Uniform, a: number, b: number, out: Float64Array, normal?: NormalSource): void {
  const lx = logGammaVariate(u, a, normal);
  const ly = logGammaVariate(u, b, normal);
  const m = Math.max(lx, ly);
  const lse = m + Math.log(Math.exp(lx - m) + Math.exp(ly - m));
  out[0] = lx - lse;
  out[1] = ly - lse;
}
