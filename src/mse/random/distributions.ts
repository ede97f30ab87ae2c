// Samplers over a seeded Rng: normal, gamma, beta, binomial, Poisson, negative binomial, multinomial.
import { lgamma } from '../special.ts';
import type { Rng } from './rng.ts';

/** Standard normal (Marsaglia's polar method; the spare is discarded to stay stateless). */
export function normal(rng: Rng): number {
  for (;;) {
    const u = 2 * rng.next() - 1;
    const v = 2 * rng.next() - 1;
    const s = u * u + v * v;
    if (s > 0 && s < 1) return u * Math.sqrt((-2 * Math.log(s)) / s);
  }
}

/** Gamma(shape, rate = 1) by Marsaglia–Tsang; shape < 1 through Gamma(shape + 1)·U^(1/shape). */
export function gamma(rng: Rng, shape: number): number {
  if (!(shape > 0)) throw new RangeError(`gamma shape must be > 0, got ${shape}`);
  if (shape < 1) {
    const u = rng.next();
    return gamma(rng, shape + 1) * Math.pow(u > 0 ? u : Number.MIN_VALUE, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.next();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** log of a Gamma(shape, 1) draw; stays finite for tiny shapes where the draw itself underflows. */
export function logGamma(rng: Rng, shape: number): number {
  if (shape >= 1) return Math.log(gamma(rng, shape));
  const u = rng.next();
  return Math.log(gamma(rng, shape + 1)) + Math.log(u > 0 ? u : Number.MIN_VALUE) / shape;
}

/** Beta(a, b) as a ratio of gammas. */
export function beta(rng: Rng, a: number, b: number): number {
  const x = gamma(rng, a);
  const y = gamma(rng, b);
  const s = x + y;
  if (s > 0) return x / s;
  // Both underflowed (tiny shapes): decide in the log domain.
  const lx = logGamma(rng, a);
  const ly = logGamma(rng, b);
  return 1 / (1 + Math.exp(ly - lx));
}

/** [log V, log(1 − V)] for V ~ Beta(a, b), exact in the log domain (stick-breaking with small α). */
export function logBeta(rng: Rng, a: number, b: number, out: Float64Array): void {
  const lx = logGamma(rng, a);
  const ly = logGamma(rng, b);
  const m = Math.max(lx, ly);
  const lse = m + Math.log(Math.exp(lx - m) + Math.exp(ly - m));
  out[0] = lx - lse;
  out[1] = ly - lse;
}

/** Binomial(n, p): inversion for small means, Hörmann's BTRS otherwise. */
export function binomial(rng: Rng, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(rng, n, 1 - p);
  if (n * p < 10) return binomialInversion(rng, n, p);
  return btrs(rng, n, p);
}

function binomialInversion(rng: Rng, n: number, p: number): number {
  const q = 1 - p;
  const s = p / q;
  const a = (n + 1) * s;
  for (;;) {
    let r = Math.pow(q, n);
    let u = rng.next();
    let x = 0;
    while (u > r) {
      u -= r;
      x++;
      if (x > n) break;
      r *= a / x - s;
    }
    if (x <= n) return x;
  }
}

function btrs(rng: Rng, n: number, p: number): number {
  const q = 1 - p;
  const spq = Math.sqrt(n * p * q);
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const vr = 0.92 - 4.2 / b;
  const alpha = (2.83 + 5.1 / b) * spq;
  const lpq = Math.log(p / q);
  const m = Math.floor((n + 1) * p);
  const h = lgamma(m + 1) + lgamma(n - m + 1);
  for (;;) {
    const u = rng.next() - 0.5;
    let v = rng.next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    if (us >= 0.07 && v <= vr) return k;
    v = Math.log((v * alpha) / (a / (us * us) + b));
    if (v <= h - lgamma(k + 1) - lgamma(n - k + 1) + (k - m) * lpq) return k;
  }
}

/** Poisson(mean): multiplication for small means, Hörmann's PTRS otherwise. */
export function poisson(rng: Rng, mean: number): number {
  if (!(mean > 0)) return 0;
  if (mean < 10) {
    const l = Math.exp(-mean);
    let k = 0;
    let prod = rng.next();
    while (prod > l) {
      k++;
      prod *= rng.next();
    }
    return k;
  }
  const slam = Math.sqrt(mean);
  const loglam = Math.log(mean);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng.next() - 0.5;
    const v = rng.next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -mean + k * loglam - lgamma(k + 1)) return k;
  }
}

/**
 * Negative binomial: the number of failures before `size` successes, success probability `p`.
 * Drawn as a gamma–Poisson mixture (mean size·(1 − p)/p).
 */
export function negativeBinomial(rng: Rng, size: number, p: number): number {
  if (p >= 1) return 0;
  if (!(p > 0)) throw new RangeError('negative binomial needs p > 0');
  return poisson(rng, (gamma(rng, size) * (1 - p)) / p);
}

/**
 * Multinomial(n, weights) into `out` (weights need not sum to 1), by sequential binomials.
 * Only the first `k` entries of weights/out are used.
 */
export function multinomial(rng: Rng, n: number, weights: ArrayLike<number>, out: Float64Array | Int32Array, k = weights.length): void {
  let total = 0;
  let last = -1;
  for (let i = 0; i < k; i++) {
    total += weights[i];
    if (weights[i] > 0) last = i;
  }
  let left = n;
  for (let i = 0; i < k; i++) {
    const w = weights[i];
    if (left === 0 || !(w > 0)) {
      out[i] = 0;
      continue;
    }
    // The last class with weight takes the remainder, so rounding never strands a count.
    const x = i === last ? left : binomial(rng, left, Math.min(1, w / total));
    out[i] = x;
    left -= x;
    total -= w;
  }
}
