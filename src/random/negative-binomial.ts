import { gamma } from './gamma.ts';
import { poisson } from './poisson.ts';
import type { NormalSource, Uniform } from './uniform.ts';

/**
 * Negative binomial with the given mean and size (dispersion): variance = mean + mean²/size.
 * Drawn as the gamma–Poisson mixture Poisson(Gamma(size, mean/size)); an infinite size is Poisson.
 */
export function negativeBinomial(u: Uniform, mean: number, size: number, normal?: NormalSource): number {
  if (!(mean > 0)) return 0;
  if (!Number.isFinite(size)) return poisson(u, mean);
  return poisson(u, gamma(u, size, mean / size, normal));
}
