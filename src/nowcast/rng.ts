/**
 * Seeded randomness for the nowcasting methods: xoshiro128** (Blackman & Vigna) on 32-bit words,
 * with the samplers the methods need. Same seed → same numbers on any machine (only 32-bit integer
 * arithmetic and IEEE doubles are involved).
 */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spareNormal = Number.NaN;

  constructor(seed: number) {
    // splitmix32 spreads any seed (including 0) over the 128-bit state.
    let x = seed >>> 0;
    const next = (): number => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** Next 32-bit unsigned integer. */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform on [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextU32() >>> 5; // 27 bits
    const lo = this.nextU32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform on (0, 1): safe inside log(). */
  uniformPos(): number {
    let u = this.uniform();
    while (u === 0) u = this.uniform();
    return u;
  }

  /** Standard normal (Marsaglia polar method; the second value is kept for the next call). */
  normal(): number {
    if (!Number.isNaN(this.spareNormal)) {
      const v = this.spareNormal;
      this.spareNormal = Number.NaN;
      return v;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * m;
    return u * m;
  }

  /** Gamma(shape, rate): Marsaglia & Tsang, with the U^(1/shape) boost for shape < 1. */
  gamma(shape: number, rate = 1): number {
    if (!(shape > 0) || !(rate > 0)) throw new RangeError(`gamma needs shape > 0 and rate > 0 (got ${shape}, ${rate})`);
    if (shape < 1) {
      const g = this.gamma(shape + 1, 1);
      return (g * Math.pow(this.uniformPos(), 1 / shape)) / rate;
    }
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.uniformPos();
      if (u < 1 - 0.0331 * x * x * x * x) return (d * v) / rate;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return (d * v) / rate;
    }
  }

  beta(a: number, b: number): number {
    const x = this.gamma(a);
    const y = this.gamma(b);
    return x / (x + y);
  }

  /** Dirichlet(alpha) written into out (normalised gammas). */
  dirichlet(alpha: ArrayLike<number>, out: Float64Array = new Float64Array(alpha.length)): Float64Array {
    let sum = 0;
    for (let i = 0; i < alpha.length; i++) {
      out[i] = this.gamma(alpha[i]);
      sum += out[i];
    }
    if (sum === 0) {
      // Every gamma underflowed (tiny shapes): put the mass on one category drawn in proportion to alpha.
      const k = this.categorical(alpha);
      out.fill(0);
      out[k] = 1;
      return out;
    }
    for (let i = 0; i < alpha.length; i++) out[i] /= sum;
    return out;
  }

  /** Index drawn with probability proportional to weights. */
  categorical(weights: ArrayLike<number>): number {
    let total = 0;
    for (let i = 0; i < weights.length; i++) total += weights[i];
    let u = this.uniform() * total;
    for (let i = 0; i < weights.length; i++) {
      u -= weights[i];
      if (u < 0) return i;
    }
    return weights.length - 1;
  }

  /** Poisson(mean): multiplication method for small means, PTRS (Hörmann 1993) for large ones. */
  poisson(mean: number): number {
    if (!(mean >= 0) || !Number.isFinite(mean)) throw new RangeError(`poisson needs a finite mean ≥ 0 (got ${mean})`);
    if (mean === 0) return 0;
    if (mean < 10) {
      const limit = Math.exp(-mean);
      let k = 0;
      let p = this.uniform();
      while (p > limit) {
        k++;
        p *= this.uniform();
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
      const u = this.uniform() - 0.5;
      const v = this.uniformPos();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -mean + k * loglam - logFactorial(k)) return k;
    }
  }

  /** Negative binomial with mean mu and size (dispersion) r: Poisson(Gamma(r, r/mu)). Var = mu + mu²/r. */
  negBinomial(mu: number, size: number): number {
    if (mu <= 0) return 0;
    if (!Number.isFinite(size)) return this.poisson(mu);
    return this.poisson(this.gamma(size, size / mu));
  }

  /** Binomial(n, p): inversion for small n·p, Devroye's beta-splitting recursion otherwise (exact, O(log n)). */
  binomial(n: number, p: number): number {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    if (p > 0.5) return n - this.binomial(n, 1 - p);
    if (n * p < 20 || n < 40) {
      // Inversion by sequential search; the expected number of steps is about n·p.
      const q = 1 - p;
      const ratio = p / q;
      let prob = Math.pow(q, n);
      let cdf = prob;
      const u = this.uniform();
      let k = 0;
      while (u > cdf && k < n) {
        prob *= (ratio * (n - k)) / (k + 1);
        k++;
        cdf += prob;
        if (prob === 0 && cdf < u) break; // numerical tail: fall out at k
      }
      return k;
    }
    const i = Math.floor((n + 1) / 2);
    const y = this.beta(i, n + 1 - i); // the i-th order statistic of n uniforms
    if (y < p) return i + this.binomial(n - i, (p - y) / (1 - y));
    return this.binomial(i - 1, p / y);
  }

  /** Multinomial(n, probs) written into out, by sequential binomials. */
  multinomial(n: number, probs: ArrayLike<number>, out: Float64Array = new Float64Array(probs.length)): Float64Array {
    let left = n;
    let mass = 0;
    for (let i = 0; i < probs.length; i++) mass += probs[i];
    for (let i = 0; i < probs.length; i++) {
      if (left === 0 || mass <= 0) {
        out[i] = 0;
        continue;
      }
      const k = i === probs.length - 1 ? left : this.binomial(left, Math.min(1, probs[i] / mass));
      out[i] = k;
      left -= k;
      mass -= probs[i];
    }
    return out;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

const LOG_FACT_TABLE: number[] = (() => {
  const t = [0];
  for (let i = 1; i < 256; i++) t.push(t[i - 1] + Math.log(i));
  return t;
})();

/** log(k!) from a table, Stirling's series beyond it. */
export function logFactorial(k: number): number {
  if (k < 256) return LOG_FACT_TABLE[k];
  const x = k + 1;
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x * x * x);
}

/** log Γ(x) for x > 0 (Lanczos, g = 7, n = 9; about 15 significant digits). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const xx = x - 1;
  let a = c[0];
  const t = xx + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (xx + i);
  return 0.5 * Math.log(2 * Math.PI) + (xx + 0.5) * Math.log(t) - t + Math.log(a);
}
