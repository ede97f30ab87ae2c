/** Cholesky factor (lower) of a symmetric positive-definite matrix; adds jitter until it factors. */
export function cholesky(a: number[][]): number[][] {
  const n = a.length;
  let jitter = 0;
  for (let attempt = 0; attempt < 12; attempt++) {
    const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    let ok = true;
    for (let i = 0; i < n && ok; i++) {
      for (let j = 0; j <= i; j++) {
        let s = a[i]![j]! + (i === j ? jitter : 0);
        for (let k = 0; k < j; k++) s -= l[i]![k]! * l[j]![k]!;
        if (i === j) {
          if (!(s > 0)) {
            ok = false;
            break;
          }
          l[i]![i] = Math.sqrt(s);
        } else l[i]![j] = s / l[j]![j]!;
      }
    }
    if (ok) return l;
    const scale = Math.max(1e-12, ...a.map((r, i) => Math.abs(r[i]!)));
    jitter = jitter === 0 ? scale * 1e-10 : jitter * 10;
  }
  throw new Error('covariance is not positive definite');
}

/** Log density of N(x; mean, L Lᵀ) up to the shared constant −(n/2)·log 2π. */
export function mvnLogDensity(x: ArrayLike<number>, mean: ArrayLike<number>, l: number[][], logDet: number): number {
  const n = l.length;
  const y = new Array<number>(n);
  let q = 0;
  for (let i = 0; i < n; i++) {
    let s = x[i]! - mean[i]!;
    for (let k = 0; k < i; k++) s -= l[i]![k]! * y[k]!;
    y[i] = s / l[i]![i]!;
    q += y[i]! * y[i]!;
  }
  return -0.5 * q - 0.5 * logDet;
}

export function logDetFromCholesky(l: number[][]): number {
  let s = 0;
  for (let i = 0; i < l.length; i++) s += 2 * Math.log(l[i]![i]!);
  return s;
}

/** Weighted covariance of rows. */
export function weightedCovariance(rows: number[][], w: ArrayLike<number>): number[][] {
  const d = rows[0]!.length;
  const mean = new Array<number>(d).fill(0);
  let tw = 0;
  for (let i = 0; i < rows.length; i++) {
    tw += w[i]!;
    for (let k = 0; k < d; k++) mean[k]! += w[i]! * rows[i]![k]!;
  }
  for (let k = 0; k < d; k++) mean[k]! /= tw;
  const c = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (let i = 0; i < rows.length; i++)
    for (let a = 0; a < d; a++)
      for (let b = 0; b <= a; b++) c[a]![b]! += (w[i]! / tw) * (rows[i]![a]! - mean[a]!) * (rows[i]![b]! - mean[b]!);
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) c[b]![a] = c[a]![b]!;
  return c;
}
