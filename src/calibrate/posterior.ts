import type { Generation } from './abc-smc.ts';
import type { ParamPrior } from './prior.ts';
import { type Target, targetMiss } from './targets.ts';
import { weightedQuantiles } from './weighted-quantile.ts';

export const PROBS = [0.025, 0.05, 0.25, 0.5, 0.75, 0.95, 0.975];

export interface Quantiles {
  q025: number;
  q05: number;
  q25: number;
  median: number;
  q75: number;
  q95: number;
  q975: number;
}

const asQuantiles = (q: number[]): Quantiles => ({
  q025: q[0]!,
  q05: q[1]!,
  q25: q[2]!,
  median: q[3]!,
  q75: q[4]!,
  q95: q[5]!,
  q975: q[6]!,
});

export function parameterPosterior(gen: Generation, priors: ParamPrior[]): Record<string, Quantiles> {
  const w = gen.particles.map((p) => p.weight);
  return Object.fromEntries(
    priors.map((p, k) => [
      p.name,
      asQuantiles(
        weightedQuantiles(
          gen.particles.map((x) => x.theta[k]!),
          w,
          PROBS,
        ),
      ),
    ]),
  );
}

/** Posterior bands of every series the particles carry (e.g. unseen totals by month). */
export function seriesPosterior(gen: Generation): Record<string, Quantiles[]> {
  const w = gen.particles.map((p) => p.weight);
  const names = Object.keys(gen.particles[0]?.output.series ?? {});
  const out: Record<string, Quantiles[]> = {};
  for (const name of names) {
    const len = Math.min(...gen.particles.map((p) => p.output.series?.[name]?.length ?? 0));
    out[name] = Array.from({ length: len }, (_, t) =>
      asQuantiles(
        weightedQuantiles(
          gen.particles.map((p) => p.output.series![name]![t]!),
          w,
          PROBS,
        ),
      ),
    );
  }
  return out;
}

export interface PredictiveCheck {
  target: string;
  summary: string;
  observed: { value: number; lo: number; hi: number };
  predicted: Quantiles;
  /** Posterior probability that the simulated statistic falls inside the figure's interval (±1 scale). */
  pInside: number;
}

/** Posterior predictive check against every target. */
export function predictiveChecks(gen: Generation, targets: Target[]): PredictiveCheck[] {
  const w = gen.particles.map((p) => p.weight);
  return targets.map((t) => {
    // Every particle was simulated for every target's summary; a gap is a bug upstream, not a miss.
    const vals = gen.particles.map((p) => {
      const v = p.output.summaries[t.summary];
      if (v === undefined) throw new Error(`a particle's output lacks summary "${t.summary}" (target ${t.id})`);
      return v;
    });
    let inside = 0;
    gen.particles.forEach((p, i) => {
      if (targetMiss(t, vals[i]!) <= 1) inside += p.weight;
    });
    return {
      target: t.id,
      summary: t.summary,
      observed: { value: t.value, lo: t.lo, hi: t.hi },
      predicted: asQuantiles(weightedQuantiles(vals, w, PROBS)),
      pInside: inside,
    };
  });
}
