import { type Nowcast, periodRow, refusedRow, zeroRefusalWarning, zeroReportedNote } from './nowcast-result.ts';
import { lognormalQuantile } from './stats.ts';
import { type ReportingTriangle, lastObserved } from './triangle.ts';

/**
 * Chain ladder with Mack (1993) standard errors on a triangle of incremental counts (NaN = not yet
 * observed; each row observed on a prefix of delays). Works on ragged triangles: a factor uses every
 * row that has both of its columns.
 */
export interface ChainLadderFit {
  /** f_j: cumulative at delay j+1 over cumulative at delay j (NaN where no row has both columns or the base sum is 0). */
  factors: number[];
  /** σ_j² of Mack's variance model; the last ones extrapolated log-linearly where fewer than 2 rows inform them. */
  sigma2: number[];
  /** Σ C[i,j] over the rows that estimated f_j. */
  baseSums: number[];
  /** Per row: reported so far (the latest cumulative), ultimate, and Mack's standard error of the ultimate. */
  latest: number[];
  ultimate: number[];
  mackSe: number[];
  /** Per row: process and parameter variance of the ultimate (for diagnostics). */
  processVar: number[];
  paramVar: number[];
  totalIbnr: number;
  totalSe: number;
  /** The filled incremental triangle (expected counts in unobserved cells). */
  filled: number[][];
}

export function chainLadder(counts: ReadonlyArray<ReadonlyArray<number>>): ChainLadderFit {
  const nRows = counts.length;
  const nCols = nRows > 0 ? counts[0]!.length : 0;
  const last = counts.map((r) => lastObserved(r));
  const cum = counts.map((r) => {
    const c = new Array<number>(nCols).fill(Number.NaN);
    let s = 0;
    for (let d = 0; d < nCols && !Number.isNaN(r[d]); d++) {
      s += r[d]!;
      c[d] = s;
    }
    return c;
  });

  const factors: number[] = [];
  const baseSums: number[] = [];
  const sigma2: number[] = [];
  for (let j = 0; j + 1 < nCols; j++) {
    let num = 0;
    let den = 0;
    for (let i = 0; i < nRows; i++) {
      if (last[i]! >= j + 1) {
        num += cum[i]![j + 1]!;
        den += cum[i]![j]!;
      }
    }
    const f = den > 0 ? num / den : Number.NaN;
    factors.push(f);
    baseSums.push(den);
    // Mack's σ_j² = Σ C_ij (F_ij − f_j)² / (n_j − 1), rows with C_ij = 0 carry no ratio.
    let ss = 0;
    let n = 0;
    for (let i = 0; i < nRows; i++) {
      if (last[i]! >= j + 1 && cum[i]![j]! > 0) {
        const dev = cum[i]![j + 1]! - f * cum[i]![j]!;
        ss += (dev * dev) / cum[i]![j]!;
        n++;
      }
    }
    sigma2.push(n > 1 ? ss / (n - 1) : Number.NaN);
  }
  extrapolateSigma(sigma2);

  // Mack's recursions, row by row; the parameter risk of the total is carried on the sum of the
  // rows being projected, because an error in f_j hits all of them at once.
  const ultimate: number[] = [];
  const processVar: number[] = [];
  const paramVar: number[] = [];
  const latest: number[] = [];
  const filled = counts.map((r) => r.slice());
  let totalParam = 0;
  let activeSum = 0;
  const cur = new Array<number>(nRows).fill(0);
  const proc = new Array<number>(nRows).fill(0);
  const par = new Array<number>(nRows).fill(0);
  const active = new Array<boolean>(nRows).fill(false);
  for (let i = 0; i < nRows; i++) {
    latest.push(last[i]! >= 0 ? cum[i]![last[i]!]! : 0);
    cur[i] = latest[i]!;
  }
  for (let j = 0; j + 1 < nCols; j++) {
    // Rows whose latest observed delay is j join the projection at this step.
    for (let i = 0; i < nRows; i++) {
      if (last[i] === j || (last[i]! < 0 && j === 0)) {
        active[i] = true;
        activeSum += cur[i]!;
      }
    }
    const f = factors[j]!;
    const s2 = sigma2[j]!;
    const varF = baseSums[j]! > 0 ? s2 / baseSums[j]! : Number.NaN;
    totalParam = totalParam * f * f + activeSum * activeSum * varF;
    activeSum = 0;
    for (let i = 0; i < nRows; i++) {
      if (!active[i]) continue;
      const c = cur[i]!;
      proc[i] = proc[i]! * f * f + s2 * c;
      par[i] = par[i]! * f * f + c * c * varF;
      const next = c * f;
      filled[i]![j + 1] = next - c;
      cur[i] = next;
      activeSum += next;
    }
  }
  let totalIbnr = 0;
  let totalProc = 0;
  const mackSe: number[] = [];
  for (let i = 0; i < nRows; i++) {
    ultimate.push(cur[i]!);
    processVar.push(proc[i]!);
    paramVar.push(par[i]!);
    mackSe.push(Math.sqrt(proc[i]! + par[i]!));
    totalIbnr += cur[i]! - latest[i]!;
    totalProc += proc[i]!;
  }
  return {
    factors,
    sigma2,
    baseSums,
    latest,
    ultimate,
    mackSe,
    processVar,
    paramVar,
    totalIbnr,
    totalSe: Math.sqrt(totalProc + totalParam),
    filled,
  };
}

/**
 * ChainLadder's default (est.sigma = "log-linear"): regress log σ_j on j over the σ's that exist and
 * are positive, and predict the missing ones. With fewer than two points, carry the last one forward.
 */
function extrapolateSigma(sigma2: number[]): void {
  const xs: number[] = [];
  const ys: number[] = [];
  sigma2.forEach((s, j) => {
    if (s > 0) {
      xs.push(j + 1);
      ys.push(0.5 * Math.log(s));
    }
  });
  if (xs.length === 0) {
    for (let j = 0; j < sigma2.length; j++) if (Number.isNaN(sigma2[j])) sigma2[j] = 0;
    return;
  }
  let slope = 0;
  let intercept = ys[0]!;
  if (xs.length >= 2) {
    const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
    const my = ys.reduce((a, b) => a + b, 0) / ys.length;
    let sxy = 0;
    let sxx = 0;
    for (let k = 0; k < xs.length; k++) {
      sxy += (xs[k]! - mx) * (ys[k]! - my);
      sxx += (xs[k]! - mx) ** 2;
    }
    slope = sxy / sxx;
    intercept = my - slope * mx;
  } else {
    intercept = ys[0]! - slope * xs[0]!;
  }
  for (let j = 0; j < sigma2.length; j++) {
    if (Number.isNaN(sigma2[j])) sigma2[j] = Math.exp(2 * (intercept + slope * (j + 1)));
  }
}

/**
 * Chain-ladder nowcast of every row of a reporting triangle: the ultimate is the point estimate, and
 * the not-yet-reported part is given a lognormal with Mack's standard error (it cannot be negative).
 */
export function chainLadderNowcast(tri: ReportingTriangle): Nowcast {
  const fit = chainLadder(tri.counts);
  const warnings: string[] = [];
  const undefinedFactors = fit.factors.map((f, j) => (Number.isNaN(f) ? j : -1)).filter((j) => j >= 0);
  if (undefinedFactors.length > 0)
    warnings.push(
      `chain ladder: no cases at delay(s) ${undefinedFactors.join(', ')} in the rows that inform the factor; the rows that need it get no estimate`,
    );
  const periods = tri.counts.map((row, t) => {
    const reported = fit.latest[t]!;
    const k = lastObserved(row);
    const why =
      reported === 0 ? zeroReportedNote(k, tri.maxDelay, shareArrived(k, fit.factors), 'chain ladder') : undefined;
    if (why) {
      return refusedRow(tri.unit, tri.firstPeriod + t, reported, why);
    }
    if (Number.isNaN(fit.ultimate[t]))
      return refusedRow(
        tri.unit,
        tri.firstPeriod + t,
        reported,
        'a development factor it needs is undefined (no cases at that delay in the rows that inform it); chain ladder cannot project this period',
      );
    const ibnr = fit.ultimate[t]! - reported;
    const se = fit.mackSe[t]!;
    const q = (p: number) => reported + lognormalQuantile(ibnr, se, p);
    return periodRow(tri.unit, tri.firstPeriod + t, reported, {
      estimate: fit.ultimate[t]!,
      lo50: q(0.25),
      hi50: q(0.75),
      lo95: q(0.025),
      hi95: q(0.975),
    });
  });
  warnings.push(...zeroRefusalWarning('chain ladder', periods));
  return {
    method: 'chainladder',
    unit: tri.unit,
    firstPeriod: tri.firstPeriod,
    periods,
    settings: {
      maxDelay: tri.maxDelay,
      sigma: 'log-linear extrapolation (ChainLadder default)',
      interval: 'lognormal on the unreported part, Mack SE',
    },
    diagnostics: {
      factors: fit.factors,
      sigma: fit.sigma2.map(Math.sqrt),
      totalIbnr: fit.totalIbnr,
      totalSe: fit.totalSe,
    },
    warnings,
  };
}

/** Share of a row's cases in by its last observed delay k, by the chain-ladder factors (1 / Π f_j, j ≥ k). */
function shareArrived(k: number, factors: ReadonlyArray<number>): number {
  if (k < 0) return 0;
  let m = 1;
  for (let j = k; j < factors.length; j++) m *= factors[j]!;
  return 1 / m;
}
