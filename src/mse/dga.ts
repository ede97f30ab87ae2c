// Bayesian model averaging over decomposable graphical models (Madigan & York 1997; the R package dga).
// Closed form over a (model × number missing) grid: no sampler.
import { decomposableGraphs, graphName, type DecomposableGraph } from './decomposable-graphs.ts';
import { EstimateUndefinedError, type MseEstimate } from './estimate.ts';
import { logGamma } from '../stats/index.ts';
import { observedTotal, toPatternCounts, type PatternTable } from './table.ts';
import { popcount } from './popcount.ts';

export type PopulationPrior =
  | { type: 'inverse' } // ∝ 1/N, dga's default
  | { type: 'uniform' }
  | { type: 'negbin'; a: number; b: number }; // dga's example: N·log b − (N + a)·log(1 + b) + log Γ(N + a) − log Γ(N + 1) − log Γ(a)

export interface DgaOptions {
  /** Hyper-Dirichlet prior count per cell; default 2^−J. */
  delta?: number;
  prior?: PopulationPrior;
  /** Values of the number missing to weigh; default 0…U with U grown until the tail mass is negligible. */
  nMissing?: number[];
  /** Log prior weights of the graphs (same order as decomposableGraphs(J)). */
  logPriorModelWeights?: number[];
  level?: number;
}

export interface DgaPosterior {
  graphs: DecomposableGraph[];
  nMissing: number[];
  /** weights[g * grid + i]: posterior probability of graph g and nMissing[i]. */
  weights: Float64Array;
  modelPosterior: Float64Array;
  /** Posterior of N = n + nMissing[i]. */
  nPosterior: Float64Array;
  observed: number;
}

function logPrior(prior: PopulationPrior, total: number): number {
  if (prior.type === 'inverse') return -Math.log(total);
  if (prior.type === 'uniform') return 0;
  const { a, b } = prior;
  return total * Math.log(b) - (total + a) * Math.log(1 + b) + logGamma(total + a) - logGamma(total + 1) - logGamma(a);
}

/** Posterior weights over graphs × nMissing, normalised. */
export function dgaPosterior(t: PatternTable, opts: DgaOptions & { nMissing: number[] }): DgaPosterior {
  const p = t.lists.length;
  const delta = opts.delta ?? Math.pow(2, -p);
  const prior = opts.prior ?? { type: 'inverse' };
  const grid = opts.nMissing;
  const g = grid.length;
  const y = t.counts;
  const n = observedTotal(t);
  // Component log marginal likelihoods for every subset of lists, at every grid value.
  const comp = new Float64Array((1 << p) * g);
  for (let s = 1; s < 1 << p; s++) {
    const size = popcount(s);
    const d = new Float64Array(1 << size);
    for (let c = 1; c < y.length; c++) d[compress(c, s)]! += y[c]!;
    const dc = delta * Math.pow(2, p - size);
    let base = -(1 << size) * logGamma(dc);
    for (let k = 1; k < d.length; k++) base += logGamma(d[k]! + dc);
    for (let i = 0; i < g; i++) comp[s * g + i] = base + logGamma(d[0]! + grid[i]! + dc);
  }
  let logFactY = 0;
  for (let c = 1; c < y.length; c++) logFactY += logGamma(y[c]! + 1);
  const common = new Float64Array(g);
  const totalDelta = Math.pow(2, p) * delta;
  const perSubgraph = new Float64Array(g);
  for (let i = 0; i < g; i++) {
    const m = grid[i]!;
    common[i] = logGamma(m + n + 1) - logFactY - logGamma(m + 1) + logPrior(prior, n + m);
    perSubgraph[i] = logGamma(totalDelta) - logGamma(m + n + totalDelta);
  }
  const graphs = decomposableGraphs(p);
  if (opts.logPriorModelWeights && opts.logPriorModelWeights.length !== graphs.length)
    throw new Error(`logPriorModelWeights needs ${graphs.length} entries for ${p} lists`);
  const weights = new Float64Array(graphs.length * g);
  let max = -Infinity;
  graphs.forEach((gr, k) => {
    const nsub = gr.cliques.length - gr.separators.length;
    const w = opts.logPriorModelWeights?.[k] ?? 0;
    for (let i = 0; i < g; i++) {
      let v = common[i]! + nsub * perSubgraph[i]! + w;
      for (const c of gr.cliques) v += comp[c * g + i]!;
      for (const s of gr.separators) v -= comp[s * g + i]!;
      weights[k * g + i] = v;
      if (v > max) max = v;
    }
  });
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += weights[i] = Math.exp(weights[i]! - max);
  const modelPosterior = new Float64Array(graphs.length);
  const nPosterior = new Float64Array(g);
  for (let k = 0; k < graphs.length; k++)
    for (let i = 0; i < g; i++) {
      const w = (weights[k * g + i]! /= sum);
      modelPosterior[k]! += w;
      nPosterior[i]! += w;
    }
  return { graphs, nMissing: grid, weights, modelPosterior, nPosterior, observed: n };
}

/** The cell's pattern restricted to the lists in s, packed into |s| bits. */
function compress(cell: number, s: number): number {
  let out = 0;
  let bit = 0;
  for (let i = 0; s >> i; i++)
    if ((s >> i) & 1) {
      if ((cell >> i) & 1) out |= 1 << bit;
      bit++;
    }
  return out;
}

/** Summaries of a distribution on N given as weights over values. */
export function summarise(values: number[], w: ArrayLike<number>, level = 0.95) {
  let total = 0,
    mean = 0,
    inv = 0,
    inv2 = 0,
    mode = values[0]!,
    best = -1;
  for (let i = 0; i < values.length; i++) {
    total += w[i]!;
    mean += w[i]! * values[i]!;
    inv += w[i]! / values[i]!;
    inv2 += w[i]! / (values[i]! * values[i]!);
    if (w[i]! > best) {
      best = w[i]!;
      mode = values[i]!;
    }
  }
  const q = (target: number) => {
    let c = 0;
    for (let i = 0; i < values.length; i++) {
      c += w[i]! / total;
      if (c >= target - 1e-12) return values[i]!;
    }
    return values[values.length - 1]!;
  };
  return {
    mean: mean / total,
    median: q(0.5),
    mode,
    /** Madigan & York's estimator under relative squared-error loss: E[1/N] / E[1/N²]. */
    bayesEstimator: inv / inv2,
    interval: [q((1 - level) / 2), q(1 - (1 - level) / 2)] as [number, number],
  };
}

/** dga's estimate: posterior median of N averaged over all decomposable graphs, with an equal-tailed interval. */
export function estimateDga(t: PatternTable, opts: DgaOptions = {}): MseEstimate {
  const p = t.lists.length;
  if (p < 3 || p > 5)
    throw new EstimateUndefinedError(`dga averages over decomposable graphs for 3 to 5 lists, not ${p}`);
  const level = opts.level ?? 0.95;
  const delta = opts.delta ?? Math.pow(2, -p);
  const prior = opts.prior ?? { type: 'inverse' };
  const n = observedTotal(t);
  const warnings: string[] = [];
  let grid = opts.nMissing;
  let post: DgaPosterior;
  if (grid) post = dgaPosterior(t, { ...opts, nMissing: grid });
  else {
    // Grow the grid until the top 10% of it holds a negligible share of the posterior.
    let upper = Math.max(300, 5 * n);
    for (;;) {
      grid = Array.from({ length: upper + 1 }, (_, i) => i);
      post = dgaPosterior(t, { ...opts, nMissing: grid });
      let tail = 0;
      for (let i = Math.floor(upper * 0.9); i <= upper; i++) tail += post.nPosterior[i]!;
      if (tail < 1e-4) break;
      if (upper >= Math.max(200 * n, 100_000)) {
        warnings.push(
          `the posterior of N still has ${(tail * 100).toFixed(2)}% of its mass near the grid's end (${n + upper}); the data barely bound N`,
        );
        break;
      }
      upper *= 4;
    }
  }
  const values = post.nMissing.map((m) => n + m);
  const s = summarise(values, post.nPosterior, level);
  const order = Array.from(post.modelPosterior.keys()).sort(
    (a, b) => post.modelPosterior[b]! - post.modelPosterior[a]!,
  );
  const g = values.length;
  const topModels = order.slice(0, 10).map((k) => {
    const row = post.weights.subarray(k * g, (k + 1) * g);
    const ss = summarise(values, row, level);
    return {
      model: graphName(post.graphs[k]!),
      posterior: post.modelPosterior[k],
      median: ss.median,
      mode: ss.mode,
      bayesEstimator: ss.bayesEstimator,
      interval: ss.interval,
    };
  });
  const saturatedIndex = post.graphs.findIndex((gr) => gr.cliques.length === 1 && gr.cliques[0] === (1 << p) - 1);
  const saturated = saturatedIndex >= 0 ? post.modelPosterior[saturatedIndex]! : 0;
  if (saturated > 0.5)
    warnings.push(
      `the saturated model carries ${(saturated * 100).toFixed(0)}% of the posterior: its missing cell is set by the prior, so the estimate says little (try a smaller delta)`,
    );
  if (values[0]! > n && post.nPosterior[0]! > 1e-3)
    warnings.push('the grid of missing counts starts above 0 and its first value has noticeable posterior mass');
  return {
    method: 'dga',
    model: `averaged over ${post.graphs.length} decomposable graphs`,
    estimate: s.median,
    interval: s.interval,
    level,
    settings: {
      delta,
      prior,
      grid: [post.nMissing[0], post.nMissing[post.nMissing.length - 1]],
      modelWeights: opts.logPriorModelWeights ? 'user' : 'uniform',
      estimator: 'posterior median',
    },
    inputs: { lists: t.lists, counts: toPatternCounts(t), observed: n },
    diagnostics: {
      mean: s.mean,
      median: s.median,
      mode: s.mode,
      bayesEstimator: s.bayesEstimator,
      saturatedPosterior: saturated,
      topModels,
    },
    warnings,
  };
}
