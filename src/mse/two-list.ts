// Two lists: Lincoln–Petersen and Chapman, with Chao's log-normal interval (bounded below by the observed).
import { normalQuantile } from '../stats/index.ts';
import { EstimateUndefinedError, type MseEstimate } from './estimate.ts';
import { observedTotal, toPatternCounts, type PatternTable } from './table.ts';

export interface TwoListOptions {
  /** Which two lists (indices) when the table has more; default the first two. */
  pair?: [number, number];
  level?: number;
}

function twoListCounts(t: PatternTable, pair: [number, number]) {
  const [a, b] = pair;
  if (t.lists.length < 2 || a === b || a < 0 || b < 0 || a >= t.lists.length || b >= t.lists.length)
    throw new EstimateUndefinedError(`two-list estimators need two distinct lists out of ${t.lists.length}`);
  let n1 = 0,
    n2 = 0,
    m = 0,
    observed = 0;
  for (let c = 1; c < t.counts.length; c++) {
    const inA = (c >> a) & 1,
      inB = (c >> b) & 1;
    const y = t.counts[c]!;
    if (inA) n1 += y;
    if (inB) n2 += y;
    if (inA && inB) m += y;
    if (inA || inB) observed += y;
  }
  return { n1, n2, m, observed };
}

/** Chao (1987): log f0 is roughly normal, so the interval is [n + f0/C, n + f0·C]. */
export function logNormalInterval(
  estimate: number,
  variance: number,
  observed: number,
  level: number,
): [number, number] {
  const f0 = estimate - observed;
  const z = normalQuantile(0.5 + level / 2);
  if (!(f0 > 0) || !(variance > 0)) {
    const half = z * Math.sqrt(Math.max(variance, 0));
    return [Math.max(observed, estimate - half), estimate + half];
  }
  const c = Math.exp(z * Math.sqrt(Math.log(1 + variance / (f0 * f0))));
  return [observed + f0 / c, observed + f0 * c];
}

function result(
  method: string,
  t: PatternTable,
  pair: [number, number],
  level: number,
  estimate: number,
  variance: number,
  observed: number,
  extra: Record<string, unknown>,
): MseEstimate {
  return {
    method,
    model: `[${pair[0] + 1}][${pair[1] + 1}] independence`,
    estimate,
    interval: logNormalInterval(estimate, variance, observed, level),
    level,
    settings: { pair: pair.map((i) => t.lists[i]), interval: 'log-normal (Chao 1987)' },
    inputs: { lists: t.lists, counts: toPatternCounts(t), observed: observedTotal(t) },
    diagnostics: { standardError: Math.sqrt(variance), ...extra },
    warnings:
      t.lists.length > 2
        ? [`uses only lists ${t.lists[pair[0]]} and ${t.lists[pair[1]]}; people on other lists only are left out`]
        : [],
  };
}

/** Lincoln–Petersen N̂ = n1·n2/m, variance n1·n2·(n1−m)(n2−m)/m³. */
export function lincolnPetersen(t: PatternTable, opts: TwoListOptions = {}): MseEstimate {
  const pair = opts.pair ?? [0, 1];
  const { n1, n2, m, observed } = twoListCounts(t, pair);
  if (m === 0)
    throw new EstimateUndefinedError('Lincoln–Petersen is undefined when the two lists do not overlap (m = 0)');
  const estimate = (n1 * n2) / m;
  const variance = (n1 * n2 * (n1 - m) * (n2 - m)) / (m * m * m);
  return result('lincoln', t, pair, opts.level ?? 0.95, estimate, variance, observed, { n1, n2, m });
}

/** Chapman N̂ = (n1+1)(n2+1)/(m+1) − 1, variance (n1+1)(n2+1)(n1−m)(n2−m)/((m+1)²(m+2)) (Seber). */
export function chapman(t: PatternTable, opts: TwoListOptions = {}): MseEstimate {
  const pair = opts.pair ?? [0, 1];
  const { n1, n2, m, observed } = twoListCounts(t, pair);
  const estimate = ((n1 + 1) * (n2 + 1)) / (m + 1) - 1;
  const variance = ((n1 + 1) * (n2 + 1) * (n1 - m) * (n2 - m)) / ((m + 1) * (m + 1) * (m + 2));
  const r = result('chapman', t, pair, opts.level ?? 0.95, estimate, variance, observed, { n1, n2, m });
  if (m < 7) r.warnings.push(`only ${m} people are on both lists: Chapman is biased for fewer than about 7 recaptures`);
  return r;
}
