/** A parameter's prior: uniform over its plausible range, on the natural or the log scale. */
export interface ParamPrior {
  name: string;
  low: number;
  high: number;
  scale: 'linear' | 'log';
}

export function samplePrior(p: ParamPrior, u: number): number {
  if (p.scale === 'log') return Math.exp(Math.log(p.low) + u * (Math.log(p.high) - Math.log(p.low)));
  return p.low + u * (p.high - p.low);
}

/** Density of the prior at x (0 outside the range). */
export function priorDensity(p: ParamPrior, x: number): number {
  if (!(x >= p.low && x <= p.high)) return 0;
  if (p.scale === 'log') return 1 / (x * (Math.log(p.high) - Math.log(p.low)));
  return 1 / (p.high - p.low);
}

export function jointPriorDensity(priors: ParamPrior[], theta: ArrayLike<number>): number {
  let d = 1;
  for (let i = 0; i < priors.length; i++) d *= priorDensity(priors[i]!, theta[i]!);
  return d;
}

/** Parameters are perturbed on the scale their prior is uniform on. */
export const toWork = (p: ParamPrior, x: number) => (p.scale === 'log' ? Math.log(x) : x);
export const fromWork = (p: ParamPrior, z: number) => (p.scale === 'log' ? Math.exp(z) : z);
