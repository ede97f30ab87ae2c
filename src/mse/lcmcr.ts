// Bayesian latent-class capture–recapture (Manrique-Vallier 2016, the R package LCMCR): a Gibbs sampler on
// pattern counts with a truncated stick-breaking (Dirichlet-process) prior on the class weights.
// Cost per sweep is O(cells · K · J) and does not grow with the number of people.
import { quantileSorted as quantile } from '../stats/index.ts';
import { EstimateUndefinedError, type MseEstimate } from './estimate.ts';
import { effectiveSampleSize, splitRhat } from './mcmc-diagnostics.ts';
import { beta, logBeta, gamma, multinomial, negativeBinomial } from '../random/index.ts';
import { createRng, type Rng } from './random/rng.ts';
import { observedTotal, toPatternCounts, type PatternTable } from './table.ts';

export interface LcmcrOptions {
  /** Number of latent classes (truncation of the stick-breaking prior). */
  K?: number;
  chains?: number;
  /** Sweeps discarded per chain after the warm-up. */
  burnin?: number;
  /** Draws kept per chain. */
  samples?: number;
  /** Sweeps between kept draws. */
  thinning?: number;
  /** Sweeps at the start without the α update; classes are then sorted by weight (LCMCR does 500). */
  warmup?: number;
  seed?: number;
  /** Gamma(shape, rate) prior on the stick-breaking concentration α. */
  alphaPrior?: [number, number];
  level?: number;
}

/** One chain's state over typed arrays; `sweep()` is one full Gibbs scan. */
export class LcmcrChain {
  readonly J: number;
  readonly K: number;
  readonly n: number;
  n0 = 0;
  alpha = 1;
  /** How often the n0 draw hit the cap of 20·n and was redrawn. */
  capHits = 0;
  private readonly cellBits: Uint8Array; // cells × J
  private readonly cellCount: Float64Array;
  private readonly lam: Float64Array; // J × K
  private readonly logPi: Float64Array;
  private readonly classTotal: Float64Array; // observed people per class
  private readonly inList: Float64Array; // J × K
  private readonly missingByClass: Float64Array;
  /** Scratch: the class weights of the cell being allocated. */
  readonly w: Float64Array;
  /** base[k] = log π_k + Σ_j log(1 − λ_jk): the log-probability of class k and no list. */
  private readonly base: Float64Array;
  private readonly alloc: Float64Array;
  private readonly lb = new Float64Array(2);
  /** expBase[k] = exp(base[k] − max base) and odds[j·K + k] = λ_jk / (1 − λ_jk): class weights of a cell by products, not exps. */
  private readonly expBase: Float64Array;
  private readonly odds: Float64Array;

  constructor(
    table: PatternTable,
    K: number,
    private readonly rng: Rng,
    private readonly alphaPrior: [number, number] = [0.25, 0.25],
  ) {
    const J = (this.J = table.lists.length);
    this.K = K;
    const cells: number[] = [];
    for (let c = 1; c < table.counts.length; c++) if (table.counts[c]! > 0) cells.push(c);
    this.cellBits = new Uint8Array(cells.length * J);
    this.cellCount = new Float64Array(cells.length);
    cells.forEach((c, i) => {
      this.cellCount[i] = table.counts[c]!;
      for (let j = 0; j < J; j++) this.cellBits[i * J + j] = (c >> j) & 1;
    });
    this.n = observedTotal(table);
    this.lam = new Float64Array(J * K);
    this.logPi = new Float64Array(K);
    this.classTotal = new Float64Array(K);
    this.inList = new Float64Array(J * K);
    this.missingByClass = new Float64Array(K);
    this.w = new Float64Array(K);
    this.base = new Float64Array(K);
    this.alloc = new Float64Array(K);
    this.expBase = new Float64Array(K);
    this.odds = new Float64Array(J * K);
    // Start from the prior: λ ~ U(0,1), stick-breaking weights with α = 1.
    for (let i = 0; i < J * K; i++) this.setLambda(i, beta(rng.uniform01, 1, 1, rng.normals));
    let cum = 0;
    for (let k = 0; k < K - 1; k++) {
      logBeta(rng.uniform01, 1, this.alpha, this.lb, rng.normals);
      this.logPi[k] = cum + this.lb[0]!;
      cum += this.lb[1]!;
    }
    this.logPi[K - 1] = cum;
    this.refresh();
  }

  /** Recompute base, expBase and odds after λ or π change. */
  private refresh(): void {
    const { J, K, lam } = this;
    let max = -Infinity;
    for (let k = 0; k < K; k++) {
      // One log per class: with λ clamped to [1e-12, 1 − 1e-12] and at most 20 lists the product cannot underflow.
      let notSeen = 1;
      for (let j = 0; j < J; j++) notSeen *= 1 - lam[j * K + k]!;
      const s = this.logPi[k]! + Math.log(notSeen);
      this.base[k] = s;
      if (s > max) max = s;
    }
    for (let k = 0; k < K; k++) this.expBase[k] = Math.exp(this.base[k]! - max);
    for (let i = 0; i < J * K; i++) this.odds[i] = lam[i]! / (1 - lam[i]!);
  }

  private setLambda(i: number, v: number): void {
    this.lam[i] = Math.min(Math.max(v, 1e-12), 1 - 1e-12);
  }

  /** One Gibbs sweep (the six steps of CNPLCM_CR_Basic_Freq::Update). */
  sweep(updateAlpha = true): void {
    const { J, K, rng, w, alloc } = this;
    const { logPi, classTotal, inList, missingByClass, base, cellBits } = this;
    classTotal.fill(0);
    inList.fill(0);
    // 1. Latent classes of the observed, cell by cell.
    const cells = this.cellCount.length;
    for (let i = 0; i < cells; i++) {
      const row = i * J;
      // Near underflow (a class's share could have been lost to exp), redo the cell in the log domain.
      const top = this.cellWeights(row);
      if (!(top > 1e-60 && top < Infinity)) this.logWeights(row);
      multinomial(rng.uniform01, this.cellCount[i]!, w, alloc, K);
      for (let k = 0; k < K; k++) {
        const a = alloc[k]!;
        if (a === 0) continue;
        classTotal[k]! += a;
        for (let j = 0; j < J; j++) if (cellBits[row + j]) inList[j * K + k]! += a;
      }
    }
    // 2. Capture probabilities; the imputed unobserved are "not on list" everywhere.
    for (let j = 0; j < J; j++)
      for (let k = 0; k < K; k++) {
        const a = inList[j * K + k]!;
        this.setLambda(j * K + k, beta(rng.uniform01, 1 + a, 1 + classTotal[k]! + missingByClass[k]! - a, rng.normals));
      }
    // 3. Stick-breaking weights, in the log domain (α can be tiny).
    let remaining = 0;
    for (let k = 0; k < K; k++) remaining += classTotal[k]! + missingByClass[k]!;
    let cum = 0;
    for (let k = 0; k < K - 1; k++) {
      const nk = classTotal[k]! + missingByClass[k]!;
      remaining -= nk;
      logBeta(rng.uniform01, 1 + nk, this.alpha + remaining, this.lb, rng.normals);
      logPi[k] = cum + this.lb[0]!;
      cum += this.lb[1]!;
    }
    logPi[K - 1] = cum;
    this.refresh();
    // 4. Number never recorded: n0 ~ NegBin(n, 1 − p0), with LCMCR's cap at 20·n.
    let p0 = 0;
    for (let k = 0; k < K; k++) p0 += Math.exp(base[k]!);
    p0 = Math.min(p0, 1 - 1e-12);
    let n0 = -1;
    for (let tries = 0; tries < 100; tries++) {
      // Failures before n successes with success probability 1 − p0: mean n·p0/(1 − p0), size n.
      const draw = negativeBinomial(rng.uniform01, (this.n * p0) / (1 - p0), this.n, rng.normals);
      if (draw <= 20 * this.n) {
        n0 = draw;
        break;
      }
      this.capHits++;
    }
    if (n0 >= 0) this.n0 = n0;
    // 5. Allocate the unobserved to classes, ∝ π_k Π_j (1 − λ_jk): expBase, as refresh() left it.
    multinomial(rng.uniform01, this.n0, this.expBase, missingByClass, K);
    // 6. Concentration α ~ Gamma(a + K − 1, b − log π_K).
    if (updateAlpha) {
      const rate = this.alphaPrior[1] - logPi[K - 1]!;
      this.alpha = Math.max(gamma(rng.uniform01, this.alphaPrior[0] + K - 1, 1, rng.normals) / rate, 1e-10);
    }
  }

  /**
   * The class weights of cell `row` into w: π_k Π_j λ^x (1 − λ)^(1−x) up to a common factor, as expBase times
   * the odds of the lists the cell is on (products, not an exp per class). Returns the largest.
   */
  cellWeights(row: number): number {
    const { J, K, w, expBase, odds, cellBits } = this;
    for (let k = 0; k < K; k++) w[k] = expBase[k]!;
    for (let j = 0; j < J; j++) {
      if (!cellBits[row + j]) continue;
      const o = j * K;
      for (let k = 0; k < K; k++) w[k]! *= odds[o + k]!;
    }
    let top = 0;
    for (let k = 0; k < K; k++) if (w[k]! > top) top = w[k]!;
    return top;
  }

  /** The class weights of cell `row` in the log domain, shifted so the largest is 1. */
  logWeights(row: number): void {
    const { J, K, w, base, odds, cellBits } = this;
    let max = -Infinity;
    for (let k = 0; k < K; k++) w[k] = base[k]!;
    for (let j = 0; j < J; j++) {
      if (!cellBits[row + j]) continue;
      const o = j * K;
      for (let k = 0; k < K; k++) w[k]! += Math.log(odds[o + k]!);
    }
    for (let k = 0; k < K; k++) if (w[k]! > max) max = w[k]!;
    for (let k = 0; k < K; k++) w[k] = Math.exp(w[k]! - max);
  }

  /** Relabel classes by decreasing weight (LCMCR does this once after the warm-up). */
  sortClasses(): void {
    const { J, K } = this;
    const order = Array.from({ length: K }, (_, k) => k).sort((a, b) => this.logPi[b]! - this.logPi[a]!);
    const lam = Float64Array.from(this.lam);
    const logPi = Float64Array.from(this.logPi);
    const miss = Float64Array.from(this.missingByClass);
    order.forEach((from, to) => {
      this.logPi[to] = logPi[from]!;
      this.missingByClass[to] = miss[from]!;
      for (let j = 0; j < J; j++) this.setLambda(j * K + to, lam[j * K + from]!);
    });
    this.refresh();
  }
}

/** Draws of N per chain. */
export function runLcmcrChains(
  t: PatternTable,
  opts: LcmcrOptions = {},
): { draws: Float64Array[]; capHits: number; alpha: number[] } {
  const K = opts.K ?? 10;
  const chains = opts.chains ?? 4;
  const burnin = opts.burnin ?? 10_000;
  const samples = opts.samples ?? 1000;
  const thinning = opts.thinning ?? 10;
  const warmup = opts.warmup ?? 500;
  const draws: Float64Array[] = [];
  let capHits = 0;
  const alpha: number[] = [];
  for (let c = 0; c < chains; c++) {
    const chain = new LcmcrChain(t, K, createRng(opts.seed ?? 1, c), opts.alphaPrior ?? [0.25, 0.25]);
    for (let i = 0; i < warmup; i++) chain.sweep(false);
    chain.sortClasses();
    for (let i = 0; i < burnin; i++) chain.sweep();
    const d = new Float64Array(samples);
    for (let s = 0; s < samples; s++) {
      for (let i = 0; i < thinning; i++) chain.sweep();
      d[s] = chain.n + chain.n0;
    }
    draws.push(d);
    capHits += chain.capHits;
    alpha.push(chain.alpha);
  }
  return { draws, capHits, alpha };
}

/** LCMCR's estimate: posterior median of N over all chains, equal-tailed interval, split-R-hat and ESS. */
export function estimateLcmcr(t: PatternTable, opts: LcmcrOptions = {}): MseEstimate {
  if (t.lists.length < 3)
    throw new EstimateUndefinedError('the latent-class model needs at least 3 lists to be identified');
  const level = opts.level ?? 0.95;
  const settings = {
    K: opts.K ?? 10,
    chains: opts.chains ?? 4,
    burnin: opts.burnin ?? 10_000,
    samples: opts.samples ?? 1000,
    thinning: opts.thinning ?? 10,
    warmup: opts.warmup ?? 500,
    seed: opts.seed ?? 1,
    alphaPrior: opts.alphaPrior ?? [0.25, 0.25],
  };
  const { draws, capHits } = runLcmcrChains(t, settings);
  const pooled = new Float64Array(draws.reduce((s, d) => s + d.length, 0));
  let off = 0;
  for (const d of draws) {
    pooled.set(d, off);
    off += d.length;
  }
  pooled.sort();
  let mean = 0;
  for (const v of pooled) mean += v;
  mean /= pooled.length;
  const rhat = draws.length > 1 || draws[0]!.length >= 4 ? splitRhat(draws) : NaN;
  const ess = effectiveSampleSize(draws);
  const warnings: string[] = [];
  if (!(rhat < 1.05))
    warnings.push(`split-R-hat of N is ${rhat.toFixed(3)} (≥ 1.05): the chains disagree; run longer or check the data`);
  if (!(ess >= 400))
    warnings.push(`effective sample size of N is ${Math.round(ess)} (< 400): intervals are imprecise; run longer`);
  if (capHits > 0)
    warnings.push(
      `the draw of the number missing exceeded 20 × observed ${capHits} times and was redrawn: the data barely bound N`,
    );
  const alpha = (1 - level) / 2;
  return {
    method: 'lcmcr',
    model: `${settings.K} latent classes (Dirichlet-process prior)`,
    estimate: quantile(pooled, 0.5),
    interval: [quantile(pooled, alpha), quantile(pooled, 1 - alpha)],
    level,
    settings,
    inputs: { lists: t.lists, counts: toPatternCounts(t), observed: observedTotal(t) },
    diagnostics: {
      mean,
      rhat,
      ess,
      draws: pooled.length,
      capHits,
      chainMedians: draws.map((d) => quantile(Float64Array.from(d).sort(), 0.5)),
    },
    warnings,
  };
}
