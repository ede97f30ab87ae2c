import { hash3, streamKey } from '../sim/index.ts';
import { cholesky, logDetFromCholesky, mvnLogDensity, weightedCovariance } from './mvn.ts';
import { fromWork, jointPriorDensity, type ParamPrior, samplePrior, toWork } from './prior.ts';
import { distance, type Target } from './targets.ts';

/** What one simulation reports: the statistics compared with targets, plus series carried along (unseen totals by month). */
export interface SimOutput {
  summaries: Record<string, number>;
  series?: Record<string, number[]>;
}

/** Runs a batch of simulations (on threads, a queue, or in-process); order of outputs = order of inputs. */
export type BatchSimulator = (batch: Array<{ theta: Record<string, number>; seed: number }>) => Promise<SimOutput[]>;

export interface Particle {
  theta: number[];
  weight: number;
  distance: number;
  output: SimOutput;
}

export interface Generation {
  index: number;
  epsilon: number;
  particles: Particle[];
  /** Simulations spent in this generation, and in all generations so far. */
  simulations: number;
  totalSimulations: number;
  acceptanceRate: number;
}

export interface AbcSmcOptions {
  priors: ParamPrior[];
  targets: Target[];
  populationSize: number;
  /** Stop once this many simulations have been spent. */
  budget: number;
  maxGenerations?: number;
  /** Next tolerance = this quantile of the current population's distances (0.5 as in pyABC). */
  alpha?: number;
  minEpsilon?: number;
  /**
   * Stop once a full generation lowers the tolerance by less than this share of the one before (the
   * tolerance has stopped falling: more generations spend simulations without sharpening the fit).
   */
  minEpsilonDrop?: number;
  /** Proposals simulated per batch (the parallel grain). */
  batchSize?: number;
  seed: number;
}

const TWO32 = 2.3283064365386963e-10;
// Decision streams for the sampler's own draws (distinct from the model's decisions).
const D_PRIOR = 9001;
const D_PICK = 9002;
const D_NORMAL = 9003;

function normalPair(key: number, a: number, b: number, k: number): number {
  // Box–Muller on two counter-addressed uniforms.
  const u1 = (hash3(key, a, b * 64 + 2 * k) + 1) * TWO32;
  const u2 = hash3(key, a, b * 64 + 2 * k + 1) * TWO32;
  return Math.sqrt(-2 * Math.log(Math.min(1, u1))) * Math.cos(2 * Math.PI * u2);
}

const named = (priors: ParamPrior[], theta: number[]) => Object.fromEntries(priors.map((p, i) => [p.name, theta[i]!]));

/**
 * ABC-SMC with adaptive tolerances (Del Moral et al. 2012; Beaumont et al. 2009 weights, the pyABC
 * scheme): generation 0 samples the prior; each later one perturbs the previous population with a
 * Gaussian kernel of twice its weighted covariance (on the scale each prior is uniform on) and keeps
 * proposals within a tolerance set to a quantile of the previous distances.
 *
 * Every draw is addressed by (seed, generation, proposal index), and proposals are accepted in index
 * order, so a run is the same whatever the batch size or the number of workers, and a run resumed
 * from a saved generation continues exactly as if it had not stopped.
 */
export async function* abcSmc(
  sim: BatchSimulator,
  opts: AbcSmcOptions,
  resumeFrom: Generation[] = [],
): AsyncGenerator<Generation> {
  const { priors, targets, populationSize: N, budget } = opts;
  const alpha = opts.alpha ?? 0.5;
  const batchSize = opts.batchSize ?? Math.max(8, Math.ceil(N / 4));
  const maxGen = opts.maxGenerations ?? 20;
  const d = priors.length;
  // A generation the budget cut short is run again from its start, never built on: its proposals are
  // addressed by index, so the redo replays them and goes on to a full population.
  const done = completeGenerations(resumeFrom, N);
  let prev: Generation | undefined = done.at(-1);
  let spent = prev?.totalSimulations ?? 0;
  if (
    prev &&
    opts.minEpsilonDrop !== undefined &&
    done.length >= 2 &&
    toleranceStalled(done.at(-2)!.epsilon, prev.epsilon, opts.minEpsilonDrop)
  )
    return;

  for (let g = prev ? prev.index + 1 : 0; g < maxGen && spent < budget; g++) {
    let epsilon = Number.POSITIVE_INFINITY;
    let propose: (j: number) => number[] | null;
    let weightOf: (theta: number[]) => number = () => 1;
    if (!prev) {
      const key = streamKey(opts.seed, D_PRIOR);
      propose = (j) => priors.map((p, k) => samplePrior(p, hash3(key, j, g * 64 + k) * TWO32));
    } else {
      const sorted = prev.particles.map((p) => p.distance).sort((a, b) => a - b);
      epsilon = sorted[Math.min(sorted.length - 1, Math.floor(alpha * sorted.length))]!;
      if (opts.minEpsilon !== undefined && prev.epsilon <= opts.minEpsilon) return;
      const work = prev.particles.map((p) => p.theta.map((x, k) => toWork(priors[k]!, x)));
      const w = prev.particles.map((p) => p.weight);
      const cov = weightedCovariance(work, w).map((r) => r.map((x) => 2 * x));
      const L = cholesky(cov);
      const logDet = logDetFromCholesky(L);
      const cum: number[] = [];
      let tw = 0;
      for (const x of w) cum.push((tw += x));
      const pickKey = streamKey(opts.seed, D_PICK);
      const normKey = streamKey(opts.seed, D_NORMAL);
      propose = (j) => {
        const u = hash3(pickKey, j, g) * TWO32 * tw;
        let lo = 0;
        let hi = cum.length - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (cum[mid]! > u) hi = mid;
          else lo = mid + 1;
        }
        const z = Array.from({ length: d }, (_, k) => normalPair(normKey, j, g, k));
        const theta = work[lo]!.map((m, a) => {
          let s = m;
          for (let b = 0; b <= a; b++) s += L[a]![b]! * z[b]!;
          return fromWork(priors[a]!, s);
        });
        return jointPriorDensity(priors, theta) > 0 ? theta : null;
      };
      weightOf = (theta) => {
        const x = theta.map((v, k) => toWork(priors[k]!, v));
        let s = 0;
        for (let i = 0; i < work.length; i++) s += w[i]! * Math.exp(mvnLogDensity(x, work[i]!, L, logDet));
        return s > 0 ? 1 / s : 0; // prior is flat on the work scale inside its support
      };
    }

    const accepted: Particle[] = [];
    let sims = 0;
    let j = 0;
    while (accepted.length < N && spent + sims < budget) {
      const batch: Array<{ j: number; theta: number[] }> = [];
      // Proposals outside the prior cost no simulation; skip them deterministically.
      while (batch.length < Math.min(batchSize, budget - spent - sims)) {
        const theta = propose(j);
        if (theta) batch.push({ j, theta });
        j++;
      }
      const outs = await sim(
        batch.map((b) => ({ theta: named(priors, b.theta), seed: hash3(streamKey(opts.seed, g + 1), b.j, 7) >>> 0 })),
      );
      sims += batch.length;
      for (let i = 0; i < batch.length && accepted.length < N; i++) {
        const dist = distance(targets, outs[i]!.summaries);
        if (dist <= epsilon)
          accepted.push({
            theta: batch[i]!.theta,
            weight: weightOf(batch[i]!.theta),
            distance: dist,
            output: outs[i]!,
          });
      }
    }
    spent += sims;
    if (accepted.length === 0) return;
    const tw = accepted.reduce((s, p) => s + p.weight, 0);
    for (const p of accepted) p.weight /= tw;
    const gen: Generation = {
      index: g,
      epsilon,
      particles: accepted,
      simulations: sims,
      totalSimulations: spent,
      acceptanceRate: accepted.length / sims,
    };
    yield gen;
    // A population short of N means the budget ran out mid-generation: that is the last one.
    if (accepted.length < N) return;
    if (prev && opts.minEpsilonDrop !== undefined && toleranceStalled(prev.epsilon, gen.epsilon, opts.minEpsilonDrop))
      return;
    prev = gen;
  }
}

/** Whether the tolerance fell by less than `minDrop` of its previous value (never after generation 0's ∞). */
export function toleranceStalled(before: number, after: number, minDrop: number): boolean {
  return Number.isFinite(before) && before > 0 && (before - after) / before < minDrop;
}

/** The generations a run can go on from: all but a last one the budget cut short. */
export function completeGenerations(gens: Generation[], populationSize: number): Generation[] {
  const last = gens.at(-1);
  return last && last.particles.length < populationSize ? gens.slice(0, -1) : gens;
}

/**
 * The generation the posterior is read from: the last one with a full population. A generation cut
 * short by the budget sits at a smaller tolerance but on a handful of particles, and its quantiles
 * would claim a precision the sample does not have.
 */
export function posteriorGeneration(gens: Generation[], populationSize: number): Generation {
  for (let i = gens.length - 1; i >= 0; i--) {
    const gen = gens[i]!;
    if (gen.particles.length >= populationSize) return gen;
  }
  return gens.at(-1)!;
}

/** Effective sample size of normalised weights. */
export function effectiveSampleSize(particles: Particle[]): number {
  let s = 0;
  for (const p of particles) s += p.weight * p.weight;
  return s > 0 ? 1 / s : 0;
}
