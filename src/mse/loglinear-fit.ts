// Fit one hierarchical log-linear model to the 2^J − 1 observed cells, after checking that its estimate exists.
import { designMatrix, modelName, type HierarchicalModel } from './hierarchical-models.ts';
import { feasibleNonnegative, nullSpace, rank } from './linalg.ts';
import { fitPoisson, type PoissonFit } from './poisson-glm.ts';
import type { PatternTable } from './table.ts';

/** 0: the estimate exists; 1: the MLE does not exist (a fitted cell is driven to 0); 2: not identifiable. */
export type ExistenceCode = 0 | 1 | 2;

export interface PreparedModel {
  model: HierarchicalModel;
  name: string;
  /** Terms kept after dropping interactions between lists that never overlap (their MLE is −∞). */
  terms: number[];
  droppedTerms: number[];
  /** Observed cells kept (cells holding a never-overlapping pair in a model term are structurally zero). */
  cells: number[];
  code: ExistenceCode;
}

/**
 * SparseMSE's extended-MLE check: drop never-overlapping pairs' terms and their cells, then a rank check
 * (identifiability) and a linear programme (Fienberg–Rinaldo: the counts' sufficient statistics must be
 * inside the marginal cone, else some fitted cell goes to 0 and N̂ runs off to ~10¹¹).
 */
export function prepareModel(table: PatternTable, model: HierarchicalModel): PreparedModel {
  const j = table.lists.length;
  const y = table.counts;
  const noOverlap = new Set<number>();
  for (let a = 0; a < j; a++)
    for (let b = a + 1; b < j; b++) {
      const pair = (1 << a) | (1 << b);
      let s = 0;
      for (let c = 1; c < y.length; c++) if ((c & pair) === pair) s += y[c]!;
      if (s === 0 && model.terms.includes(pair)) noOverlap.add(pair);
    }
  const dropped: number[] = [];
  const terms: number[] = [];
  for (const t of model.terms) {
    let drop = false;
    for (const pair of noOverlap) if ((t & pair) === pair) drop = true;
    (drop ? dropped : terms).push(t);
  }
  const cells: number[] = [];
  for (let c = 1; c < y.length; c++) {
    let drop = false;
    for (const pair of noOverlap) if ((c & pair) === pair) drop = true;
    if (!drop) cells.push(c);
  }
  const base = { model, name: modelName(model), terms, droppedTerms: dropped, cells };
  const p = terms.length + 1;
  const x = designMatrix(cells, terms);
  if (cells.length < p || rank(x, cells.length, p) < p) return { ...base, code: 2 };
  return {
    ...base,
    code: mleExists(
      x,
      cells.map((c) => y[c]!),
      cells.length,
      p,
    )
      ? 0
      : 1,
  };
}

/** The MLE exists iff no direction d has X₊d = 0 and X₀d ≤ 0 with X₀d ≠ 0 (X₊: positive cells, X₀: zero cells). */
export function mleExists(x: Float64Array, y: ArrayLike<number>, rows: number, p: number): boolean {
  const pos: number[] = [];
  const zero: number[] = [];
  for (let i = 0; i < rows; i++) (y[i]! > 0 ? pos : zero).push(i);
  if (zero.length === 0) return true;
  const xp = new Float64Array(pos.length * p);
  pos.forEach((r, i) => xp.set(x.subarray(r * p, r * p + p), i * p));
  const basis = nullSpace(xp, pos.length, p);
  if (basis.length === 0) return true;
  // A = X₀·B (zero cells × null dims). Seek s ≥ 0, Σs = 1, s ∈ range(A): s = −A·w for some w.
  const z = zero.length;
  const d = basis.length;
  const a = new Float64Array(z * d);
  zero.forEach((r, i) => {
    for (let k = 0; k < d; k++) {
      let s = 0;
      for (let c = 0; c < p; c++) s += x[r * p + c]! * basis[k]![c]!;
      a[i * d + k] = s;
    }
  });
  // range(A) = {s : Pᵀs = 0} for P a basis of null(Aᵀ).
  const at = new Float64Array(d * z);
  for (let i = 0; i < z; i++) for (let k = 0; k < d; k++) at[k * z + i] = a[i * d + k]!;
  const left = nullSpace(at, d, z);
  const lpRows = left.length + 1;
  const m = new Float64Array(lpRows * z);
  left.forEach((v, r) => m.set(v, r * z));
  m.fill(1, left.length * z, lpRows * z);
  const e = new Float64Array(lpRows);
  e[lpRows - 1] = 1;
  return !feasibleNonnegative(m, lpRows, z, e);
}

export interface LoglinearFit {
  name: string;
  model: HierarchicalModel;
  code: ExistenceCode;
  /** N̂ = n + exp(β₀); NaN when the estimate does not exist. */
  estimate: number;
  missing: number;
  logLik: number;
  deviance: number;
  /** Parameters including the intercept. */
  parameters: number;
  df: number;
  aic: number;
  bic: number;
  converged: boolean;
  droppedTerms: string[];
  /** Wald standard error of N̂ (Rcapture's formula). */
  standardError: number;
  coefficients: number[];
  fit?: PoissonFit;
  prepared: PreparedModel;
}

function termName(t: number): string {
  let s = '';
  for (let i = 0; t >> i; i++) if ((t >> i) & 1) s += String(i + 1);
  return s;
}

/** Fit a model; a model whose estimate does not exist comes back with code ≠ 0 and NaN figures. */
export function fitLoglinear(
  table: PatternTable,
  model: HierarchicalModel,
  prepared = prepareModel(table, model),
): LoglinearFit {
  let n = 0;
  for (let c = 1; c < table.counts.length; c++) n += table.counts[c]!;
  const p = prepared.terms.length + 1;
  const base = {
    name: prepared.name,
    model,
    code: prepared.code,
    parameters: p,
    df: prepared.cells.length - p,
    droppedTerms: prepared.droppedTerms.map(termName),
    prepared,
  };
  if (prepared.code !== 0)
    return {
      ...base,
      estimate: NaN,
      missing: NaN,
      logLik: NaN,
      deviance: NaN,
      aic: NaN,
      bic: NaN,
      converged: false,
      standardError: NaN,
      coefficients: [],
    };
  const x = designMatrix(prepared.cells, prepared.terms);
  const y = prepared.cells.map((c) => table.counts[c]!);
  const fit = fitPoisson(x, y, prepared.cells.length, p);
  const missing = Math.exp(fit.beta[0]!);
  const se = Math.sqrt(missing + missing * missing * fit.interceptVariance);
  return {
    ...base,
    estimate: n + missing,
    missing,
    logLik: fit.logLik,
    deviance: fit.deviance,
    aic: -2 * fit.logLik + 2 * p,
    bic: -2 * fit.logLik + p * Math.log(n),
    converged: fit.converged,
    standardError: se,
    coefficients: Array.from(fit.beta),
    fit,
  };
}
