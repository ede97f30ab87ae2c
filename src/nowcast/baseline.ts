import {
  type Nowcast,
  periodRow,
  refusedRow,
  summariseDraws,
  zeroRefusalWarning,
  zeroReportedNote,
} from './nowcast-result.ts';
import { logGamma } from '../stats/index.ts';
import { Rng } from './rng.ts';
import { minimiseScalar } from './stats.ts';
import { type ReportingTriangle, lastObserved, reportedSoFar, truncateTriangle } from './triangle.ts';

/**
 * The baselinenowcast method (epinowcast/baselinenowcast): a delay distribution from the recent rows
 * by chain-ladder filling, a point nowcast from it, and negative-binomial uncertainty per horizon
 * fitted on retrospective nowcasts, then predictive draws.
 */

/**
 * Fills the unobserved cells of an incremental triangle column by column: a column's multiplier is
 * (its observed sum) / (the observed sum of the columns before it, in the same rows), as
 * baselinenowcast's .chainladder_fill_triangle (denominator floored at 1).
 */
export function chainLadderFill(counts: ReadonlyArray<ReadonlyArray<number>>): number[][] {
  const E = counts.map((r) => r.slice());
  const nCols = E.length > 0 ? E[0]!.length : 0;
  for (let co = 1; co < nCols; co++) {
    let num = 0;
    let den = 0;
    for (const r of counts) {
      if (Number.isNaN(r[co])) continue;
      num += r[co]!;
      for (let d = 0; d < co; d++) den += r[d]!;
    }
    const mult = num / Math.max(den, 1);
    for (const r of E) {
      if (!Number.isNaN(r[co])) continue;
      let s = 0;
      for (let d = 0; d < co; d++) s += r[d]!;
      r[co] = mult * s;
    }
  }
  return E;
}

/** Delay pmf from the filled rows: column sums over the total. */
export function estimateDelayPmf(counts: ReadonlyArray<ReadonlyArray<number>>): number[] {
  const E = chainLadderFill(counts);
  const nCols = E.length > 0 ? E[0]!.length : 0;
  const col = new Array<number>(nCols).fill(0);
  let total = 0;
  for (const r of E)
    for (let d = 0; d < nCols; d++) {
      col[d]! += r[d]!;
      total += r[d]!;
    }
  return col.map((c) => (total > 0 ? c / total : Number.NaN));
}

/**
 * Expected counts in the unobserved cells given a delay pmf: a row's cell d is its reported total
 * times pmf[d] / (pmf mass of its observed delays). NaN where that mass is zero (nothing to scale).
 */
export function applyDelayPmf(counts: ReadonlyArray<ReadonlyArray<number>>, pmf: ReadonlyArray<number>): number[][] {
  const cdf: number[] = [];
  pmf.reduce((s, p, d) => (cdf[d] = s + p), 0);
  return counts.map((r) => {
    const k = lastObserved(r);
    const out = r.slice();
    if (k === r.length - 1) return out;
    const seen = reportedSoFar(r);
    const mass = k >= 0 ? cdf[k]! : 0;
    for (let d = k + 1; d < r.length; d++) out[d] = mass > 0 ? (seen * pmf[d]!) / mass : Number.NaN;
    return out;
  });
}

/** Negative-binomial log pmf with mean mu and size r. */
export function negBinomialLogPmf(y: number, mu: number, size: number): number {
  if (mu <= 0) return y === 0 ? 0 : Number.NEGATIVE_INFINITY;
  return (
    logGamma(y + size) -
    logGamma(size) -
    logGamma(y + 1) +
    size * Math.log(size / (size + mu)) +
    y * Math.log(mu / (size + mu))
  );
}

/** MLE of the NB size on [0.1, 1000] (baselinenowcast: optimize over that interval), searched in log scale. */
export function fitNegBinomialSize(obs: ReadonlyArray<number>, pred: ReadonlyArray<number>): number {
  const nll = (logSize: number) => {
    const size = Math.exp(logSize);
    let s = 0;
    for (let i = 0; i < obs.length; i++) s -= negBinomialLogPmf(obs[i]!, pred[i]!, size);
    return s;
  };
  return Math.exp(minimiseScalar(nll, Math.log(0.1), Math.log(1000), 1e-8));
}

export interface BaselineOptions {
  /** Rows used to estimate the delay pmf (default: max(maxDelay + 1, 1.5·maxDelay), within what the triangle has). */
  nHistoryDelay?: number;
  /** Retrospective nowcasts used to fit the dispersion (default: 1.5·maxDelay, within what the triangle has). */
  nRetrospective?: number;
  draws?: number;
  seed?: number;
}

export function baselineNowcast(tri: ReportingTriangle, opts: BaselineOptions = {}): Nowcast {
  const T = tri.counts.length;
  const D = tri.maxDelay;
  const warnings: string[] = [];
  // baselinenowcast's allocation: 3·D reference times, half for the delay, half for the uncertainty.
  const nHistoryDelay = Math.min(T, opts.nHistoryDelay ?? Math.max(D + 1, Math.round(1.5 * D)));
  const nRetro = Math.max(0, Math.min(T - nHistoryDelay, opts.nRetrospective ?? Math.max(2, Math.round(1.5 * D))));
  const draws = opts.draws ?? 1000;
  const rng = new Rng(opts.seed ?? 1);

  const pointFor = (t: ReportingTriangle) => {
    const pmf = estimateDelayPmf(t.counts.slice(Math.max(0, t.counts.length - nHistoryDelay)));
    return { pmf, expected: applyDelayPmf(t.counts, pmf) };
  };

  // Dispersion per horizon h (h = 0 is the newest row): compare what each retrospective nowcast
  // predicted for the cells that have arrived since with what did arrive.
  const obsByH: number[][] = Array.from({ length: D }, () => []);
  const predByH: number[][] = Array.from({ length: D }, () => []);
  for (let r = 1; r <= nRetro; r++) {
    const past = truncateTriangle(tri, r);
    const { expected } = pointFor(past);
    const n = past.counts.length;
    for (let h = 0; h < D && h < n; h++) {
      const t = n - 1 - h;
      const k = lastObserved(past.counts[t]!);
      let obs = 0;
      let pred = 0;
      let cells = 0;
      for (let d = k + 1; d <= D; d++) {
        if (Number.isNaN(tri.counts[t]![d])) break;
        obs += tri.counts[t]![d]!;
        pred += expected[t]![d]!;
        cells++;
      }
      if (cells > 0 && Number.isFinite(pred) && pred > 0) {
        obsByH[h]!.push(obs);
        predByH[h]!.push(pred);
      }
    }
  }
  const sizes = obsByH.map((o, h) => (o.length > 0 ? fitNegBinomialSize(o, predByH[h]!) : Number.POSITIVE_INFINITY));
  if (sizes.some((s) => !Number.isFinite(s)))
    warnings.push('baseline: some horizons had no retrospective nowcast to fit a dispersion; Poisson used there');

  const { pmf, expected } = pointFor(tri);
  let undefinedRows = 0;
  const cdf: number[] = [];
  pmf.reduce((acc, p, d) => (cdf[d] = acc + p), 0);
  const buf = new Float64Array(draws);
  const periods = tri.counts.map((row, t) => {
    const reported = reportedSoFar(row);
    const k = lastObserved(row);
    let mu = 0;
    for (let d = k + 1; d <= D; d++) mu += expected[t]![d]!;
    if (k === D)
      return periodRow(tri.unit, tri.firstPeriod + t, reported, {
        estimate: reported,
        lo50: reported,
        hi50: reported,
        lo95: reported,
        hi95: reported,
      });
    const why = reported === 0 ? zeroReportedNote(k, D, k >= 0 ? cdf[k]! : 0, 'baseline') : undefined;
    if (why) {
      return refusedRow(tri.unit, tri.firstPeriod + t, reported, why);
    }
    if (!Number.isFinite(mu)) {
      undefinedRows++;
      return refusedRow(
        tri.unit,
        tri.firstPeriod + t,
        reported,
        'the delay distribution has no mass at the delays observed for this period, so there is nothing to scale; baseline cannot estimate it',
      );
    }
    const h = Math.min(D - 1, T - 1 - t);
    const size = sizes[h] ?? Number.POSITIVE_INFINITY;
    for (let i = 0; i < draws; i++) buf[i] = reported + rng.negBinomial(mu, size);
    return periodRow(tri.unit, tri.firstPeriod + t, reported, summariseDraws(buf, reported + mu));
  });
  if (undefinedRows > 0)
    warnings.push(
      `baseline: the delay pmf has no mass at the observed delays of ${undefinedRows} row(s); they get no estimate`,
    );
  warnings.push(...zeroRefusalWarning('baseline', periods));
  return {
    method: 'baseline',
    unit: tri.unit,
    firstPeriod: tri.firstPeriod,
    periods,
    settings: { maxDelay: D, nHistoryDelay, nRetrospective: nRetro, draws, seed: opts.seed ?? 1 },
    diagnostics: { delayPmf: pmf, nbSizeByHorizon: sizes },
    warnings,
  };
}
