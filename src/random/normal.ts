import type { NormalSource, Uniform } from './uniform.ts';

/** Standard normal by Box–Muller, one value per two uniforms (stateless: the simulation's draws rely on it). */
export function normal(u: Uniform): number {
  const a = 1 - u();
  const b = u();
  return Math.sqrt(-2 * Math.log(a)) * Math.cos(2 * Math.PI * b);
}

/**
 * Standard normals by Marsaglia's polar method. Each accepted pair gives two values; the second is kept for
 * the next call, so this is a stateful source (one per generator), cheaper than Box–Muller in hot loops.
 */
export function polarNormal(u: Uniform): NormalSource {
  let spare = 0;
  let hasSpare = false;
  return () => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    for (;;) {
      const a = 2 * u() - 1;
      const b = 2 * u() - 1;
      const s = a * a + b * b;
      if (s > 0 && s < 1) {
        const f = Math.sqrt((-2 * Math.log(s)) / s);
        spare = b * f;
        hasSpare = true;
        return a * f;
      }
    }
  };
}
