/**
 * Seeded randomness for the nowcasting methods: the shared xoshiro128** generator (src/random) seeded by the
 * seed itself, with the samplers the methods need as methods. The algorithms live in src/random; this class
 * only binds them to one generator and one polar-normal source.
 */
import {
  beta,
  binomial,
  categorical,
  dirichlet,
  gamma,
  multinomial,
  negativeBinomial,
  polarNormal,
  poisson,
  type NormalSource,
  Xoshiro128,
} from '../random/index.ts';

export class Rng extends Xoshiro128 {
  private readonly n: NormalSource;

  constructor(seed: number) {
    super(seed >>> 0);
    this.n = polarNormal(this.u);
  }

  /** Next 32-bit unsigned integer. */
  nextU32(): number {
    return this.nextUint32();
  }

  /** Uniform on (0, 1): safe inside log(). */
  uniformPos(): number {
    let u = this.uniform();
    while (u === 0) u = this.uniform();
    return u;
  }

  /** Standard normal (polar method; the second value of each pair is kept for the next call). */
  normal(): number {
    return this.n();
  }

  /** Gamma(shape, rate). */
  gamma(shape: number, rate = 1): number {
    if (!(rate > 0)) throw new RangeError(`gamma needs rate > 0 (got ${rate})`);
    return gamma(this.u, shape, 1, this.n) / rate;
  }

  beta(a: number, b: number): number {
    return beta(this.u, a, b, this.n);
  }

  /** Dirichlet(alpha) written into out. */
  dirichlet(alpha: ArrayLike<number>, out: Float64Array = new Float64Array(alpha.length)): Float64Array {
    return dirichlet(this.u, alpha, out, this.n);
  }

  /** Index drawn with probability proportional to weights. */
  categorical(weights: ArrayLike<number>): number {
    return categorical(this.uniform(), weights);
  }

  poisson(mean: number): number {
    return poisson(this.u, mean);
  }

  /** Negative binomial with mean mu and size (dispersion) r. Var = mu + mu²/r. */
  negBinomial(mu: number, size: number): number {
    return negativeBinomial(this.u, mu, size, this.n);
  }

  binomial(n: number, p: number): number {
    return binomial(this.u, n, p);
  }

  /** Multinomial(n, probs) written into out. */
  multinomial(n: number, probs: ArrayLike<number>, out: Float64Array = new Float64Array(probs.length)): Float64Array {
    return multinomial(this.u, n, probs, out);
  }
}
