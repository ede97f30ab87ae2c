// Small dense linear algebra on row-major Float64Arrays (the log-linear designs have ≤ 32 rows).

/** Solve A x = b for symmetric positive-definite A (n×n) by Cholesky; also returns A⁻¹ if asked. Null when not PD. */
export function choleskySolve(
  a: Float64Array,
  b: Float64Array,
  n: number,
  wantInverse = false,
): { x: Float64Array; inverse?: Float64Array } | null {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
      if (i === j) {
        if (!(s > 1e-13 * Math.max(1, Math.abs(a[i * n + i]!)))) return null;
        l[i * n + i] = Math.sqrt(s);
      } else l[i * n + j] = s / l[j * n + j]!;
    }
  }
  const solve = (rhs: Float64Array): Float64Array => {
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = rhs[i]!;
      for (let k = 0; k < i; k++) s -= l[i * n + k]! * y[k]!;
      y[i] = s / l[i * n + i]!;
    }
    const x = new Float64Array(n);
    for (let i = n - 1; i >= 0; i--) {
      let s = y[i]!;
      for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * x[k]!;
      x[i] = s / l[i * n + i]!;
    }
    return x;
  };
  const x = solve(b);
  if (!wantInverse) return { x };
  const inverse = new Float64Array(n * n);
  const e = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    e.fill(0);
    e[j] = 1;
    const col = solve(e);
    for (let i = 0; i < n; i++) inverse[i * n + j] = col[i]!;
  }
  return { x, inverse };
}

/** Reduced row-echelon form in place; returns the pivot columns. */
function rref(m: Float64Array, rows: number, cols: number, tol = 1e-9): number[] {
  const pivots: number[] = [];
  let r = 0;
  for (let c = 0; c < cols && r < rows; c++) {
    let best = r;
    for (let i = r + 1; i < rows; i++) if (Math.abs(m[i * cols + c]!) > Math.abs(m[best * cols + c]!)) best = i;
    if (Math.abs(m[best * cols + c]!) <= tol) continue;
    if (best !== r)
      for (let k = 0; k < cols; k++) [m[r * cols + k], m[best * cols + k]] = [m[best * cols + k]!, m[r * cols + k]!];
    const p = m[r * cols + c]!;
    for (let k = 0; k < cols; k++) m[r * cols + k]! /= p;
    for (let i = 0; i < rows; i++) {
      if (i === r) continue;
      const f = m[i * cols + c]!;
      if (f !== 0) for (let k = 0; k < cols; k++) m[i * cols + k]! -= f * m[r * cols + k]!;
    }
    pivots.push(c);
    r++;
  }
  return pivots;
}

export function rank(m: Float64Array, rows: number, cols: number): number {
  return rref(Float64Array.from(m), rows, cols).length;
}

/** Basis of the null space {x : M x = 0}, as an array of vectors of length cols. */
export function nullSpace(m: Float64Array, rows: number, cols: number): Float64Array[] {
  const r = Float64Array.from(m);
  const pivots = rref(r, rows, cols);
  const isPivot = new Set(pivots);
  const basis: Float64Array[] = [];
  for (let free = 0; free < cols; free++) {
    if (isPivot.has(free)) continue;
    const v = new Float64Array(cols);
    v[free] = 1;
    pivots.forEach((pc, i) => {
      v[pc] = -r[i * cols + free]!;
    });
    basis.push(v);
  }
  return basis;
}

/**
 * Is there s ≥ 0 with M s = e (M: rows×cols, e ≥ 0)? Phase-I simplex with Bland's rule;
 * the problems here have at most a few dozen variables.
 */
export function feasibleNonnegative(
  mIn: Float64Array,
  rows: number,
  cols: number,
  e: Float64Array,
  tol = 1e-9,
): boolean {
  // Tableau: rows × (cols + rows artificials + 1 rhs); basis starts as the artificials.
  const width = cols + rows + 1;
  const t = new Float64Array((rows + 1) * width);
  for (let i = 0; i < rows; i++) {
    const sign = e[i]! < 0 ? -1 : 1;
    for (let j = 0; j < cols; j++) t[i * width + j] = sign * mIn[i * cols + j]!;
    t[i * width + cols + i] = 1;
    t[i * width + width - 1] = sign * e[i]!;
  }
  // Objective row: minimise the sum of artificials, written as reduced costs.
  const obj = rows * width;
  for (let j = 0; j < width; j++) {
    if (j >= cols && j < cols + rows) continue;
    let s = 0;
    for (let i = 0; i < rows; i++) s += t[i * width + j]!;
    t[obj + j] = -s;
  }
  const basis = Array.from({ length: rows }, (_, i) => cols + i);
  for (let iter = 0; iter < 500; iter++) {
    let enter = -1;
    for (let j = 0; j < cols + rows; j++)
      if (t[obj + j]! < -tol) {
        enter = j;
        break;
      }
    if (enter < 0) break;
    let leave = -1;
    let best = Infinity;
    for (let i = 0; i < rows; i++) {
      const a = t[i * width + enter]!;
      if (a > tol) {
        const ratio = t[i * width + width - 1]! / a;
        if (ratio < best - tol || (Math.abs(ratio - best) <= tol && basis[i]! < basis[leave]!)) {
          best = ratio;
          leave = i;
        }
      }
    }
    if (leave < 0) break; // unbounded direction cannot happen in phase I
    const p = t[leave * width + enter]!;
    for (let k = 0; k < width; k++) t[leave * width + k]! /= p;
    for (let i = 0; i <= rows; i++) {
      if (i === leave) continue;
      const f = t[i * width + enter]!;
      if (f !== 0) for (let k = 0; k < width; k++) t[i * width + k]! -= f * t[leave * width + k]!;
    }
    basis[leave] = enter;
  }
  return -t[obj + width - 1]! <= 1e-7;
}
