import { logFactorial } from '../stats/index.ts';
import type { Uniform } from './uniform.ts';

/** Binomial(n, p), exact: inversion for n·p < 10, Hörmann's BTRS (1993) otherwise (O(1) per draw). */
export function binomial(u: Uniform, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(u, n, 1 - p);
  if (n * p < 10) return inversion(u, n, p);
  return btrs(u, n, p);
}

function inversion(u: Uniform, n: number, p: number): number {
  const q = 1 - p;
  const s = p / q;
  const a = (n + 1) * s;
  for (;;) {
    let r = Math.pow(q, n);
    let x = 0;
    let w = u();
    while (w > r) {
      w -= r;
      x++;
      if (x > n) break; // rounding left mass beyond n: draw again
      r *= a / x - s;
    }
    if (x <= n) return x;
  }
}

function btrs(u: Uniform, n: number, p: number): number {
  const q = 1 - p;
  const spq = Math.sqrt(n * p * q);
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const vr = 0.92 - 4.2 / b;
  const alpha = (2.83 + 5.1 / b) * spq;
  const lpq = Math.log(p / q);
  const m = Math.floor((n + 1) * p);
  const h = logFactorial(m) + logFactorial(n - m);
  for (;;) {
    const w = u() - 0.5;
    let v = 1 - u(); // (0, 1]: safe inside log
    const us = 0.5 - Math.abs(w);
    const k = Math.floor(((2 * a) / us + b) * w + c);
    if (k < 0 || k > n) continue;
    if (us >= 0.07 && v <= vr) return k;
    v = Math.log((v * alpha) / (a / (us * us) + b));
    if (v <= h - logFactorial(k) - logFactorial(n - k) + (k - m) * lpq) return k;
  }
}
