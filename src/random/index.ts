// What src/random offers the other stages; they import it only through this file.
export { beta, logBeta } from './beta.ts';
export { binomial } from './binomial.ts';
export { categorical } from './categorical.ts';
export { dirichlet } from './dirichlet.ts';
export { exponential } from './exponential.ts';
export { gamma } from './gamma.ts';
export { multinomial } from './multinomial.ts';
export { negativeBinomial } from './negative-binomial.ts';
export { normal, polarNormal } from './normal.ts';
export { poisson } from './poisson.ts';
export type { Rng } from './rng.ts';
export type { NormalSource, Uniform } from './uniform.ts';
export { Xoshiro128 } from './xoshiro128.ts';
