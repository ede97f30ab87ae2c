import type { ChartSpec } from './dataset.ts';
import { PALETTE } from './style.ts';

/** One method's answer, as plain data (it crosses threads and HTTP). */
export interface MseMethodResult {
  method: string;
  model: string;
  estimate: number;
  interval: [number, number];
  level: number;
  diagnostics: Record<string, unknown>;
  settings: Record<string, unknown>;
  warnings: string[];
}

/** Every applicable method on one table, side by side. */
export interface MseResult {
  name: string;
  lists: string[];
  observed: number;
  /** The true population size, known for a simulated world. */
  truth?: number;
  /** Largest estimate over smallest (null when fewer than one finite estimate). */
  spread: number | null;
  results: MseMethodResult[];
  failures: Array<{ method: string; error: string }>;
  /** From record linkage (`link --json`): people linked across lists at each match threshold. */
  sensitivity?: Array<{ threshold: number; linkedPeople: number }>;
  /** Chapman on every pair of lists alone (3 lists or more), a check on dependence; null figures where a pair shares nobody. */
  pairwise?: MsePair[];
  /** Whether the lists overlap enough to identify the population (src/mse/overlap.ts); with a refusal every method failed. */
  overlap?: { recaptured: number; disjointPairs: Array<[string, string]>; refusal?: string; warnings: string[] };
  /** The table's warnings (thin overlaps), apart from any one method's. */
  warnings?: string[];
}

/** One pair of lists in the pairwise-dependence table. */
export interface MsePair {
  lists: [string, string];
  both: number;
  estimate: number | null;
  interval: [number | null, number | null];
  /** The pair's estimate over the median of the methods. */
  relative: number | null;
}

/**
 * The pairwise-dependence table as a chart: each pair's Chapman estimate over the median of the methods.
 * Two lists that are steps of one process overlap more than independence allows and fall well below 1.
 */
export function msePairwiseChart(pairs: MsePair[], opts: { id?: string } = {}): ChartSpec {
  const num = (x: number | null) => (x === null || !Number.isFinite(x) ? null : x);
  const cats = pairs.map((p) => p.lists.join(' × '));
  const option = {
    aria: { enabled: true },
    animation: false,
    title: { text: 'Pairs of lists: a check on dependence', left: 10, top: 0, textStyle: { fontSize: 15 } },
    tooltip: { trigger: 'axis' },
    grid: { left: 80, right: 40, top: 50, bottom: 60 },
    xAxis: { type: 'category', data: cats, axisLabel: { interval: 0, rotate: cats.length > 4 ? 30 : 0 } },
    yAxis: { type: 'value', name: '× median estimate', min: 0 },
    series: [
      {
        type: 'bar',
        name: 'pair estimate / median',
        barMaxWidth: 28,
        itemStyle: { color: PALETTE[0] },
        data: pairs.map((p) => num(p.relative)),
        markLine: {
          symbol: 'none',
          lineStyle: { type: 'dashed', color: '#555' },
          label: { formatter: 'median of the methods' },
          data: [{ yAxis: 1 }],
        },
      },
    ],
  };
  return {
    id: opts.id ?? 'mse-pairwise',
    title: 'Pairs of lists: a check on dependence',
    caption:
      'Chapman on each pair of lists alone, over the median estimate of the methods. A pair far below 1 overlaps more than independent lists would (two steps of one process, such as a wanted list and the court cases it leads to): count them as one list. No bar: the pair shares nobody.',
    option,
    rows: pairs.map((p) => ({
      lists: p.lists.join(' × '),
      on_both: p.both,
      estimate: num(p.estimate),
      low: num(p.interval[0]),
      high: num(p.interval[1]),
      times_median: num(p.relative),
    })),
    points: { pairs: pairs.filter((p) => num(p.relative) !== null).length },
  };
}

/**
 * Estimate with its interval per method: an interval bar (invisible base stacked under the interval's
 * width) and a point at the estimate; dashed lines at the number observed and, for a simulated world, the truth.
 */
export function mseChart(r: MseResult, opts: { id?: string } = {}): ChartSpec {
  const ok = r.results.filter((m) => Number.isFinite(m.estimate) && m.interval.every(Number.isFinite));
  const cats = ok.map((m) => m.method);
  const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
  const lines = [{ name: `observed ${fmt(r.observed)}`, yAxis: r.observed }];
  if (r.truth !== undefined) lines.push({ name: `truth ${fmt(r.truth)}`, yAxis: r.truth });
  const option = {
    aria: { enabled: true },
    animation: false,
    title: { text: 'Population size by method', left: 10, top: 0, textStyle: { fontSize: 15 } },
    tooltip: { trigger: 'item' },
    grid: { left: 80, right: 120, top: 50, bottom: 40 },
    xAxis: { type: 'category', data: cats },
    yAxis: {
      type: 'value',
      name: 'people',
      min: (v: { min: number }) => Math.floor(Math.min(v.min, r.observed) * 0.9),
    },
    series: [
      {
        type: 'bar',
        stack: 'iv',
        silent: true,
        itemStyle: { color: 'transparent' },
        tooltip: { show: false },
        data: ok.map((m) => m.interval[0]),
      },
      {
        type: 'bar',
        stack: 'iv',
        name: 'interval',
        barMaxWidth: 14,
        itemStyle: { color: '#9db9dc' },
        data: ok.map((m) => ({
          value: m.interval[1] - m.interval[0],
          tip: `${m.method}: ${Math.round(m.level * 100)}% interval ${fmt(m.interval[0])}–${fmt(m.interval[1])}`,
        })),
        tooltip: { formatter: (p: { data?: { tip?: string } }) => p.data?.tip ?? '' },
      },
      {
        type: 'scatter',
        name: 'estimate',
        symbolSize: 12,
        data: ok.map((m, i) => ({
          value: [m.method, m.estimate],
          itemStyle: { color: PALETTE[i % PALETTE.length] },
          tip: `${m.method} (${m.model}): ${fmt(m.estimate)} [${fmt(m.interval[0])}, ${fmt(m.interval[1])}]`,
        })),
        label: { show: true, position: 'right', formatter: (p: { value: [string, number] }) => fmt(p.value[1]) },
        tooltip: { formatter: (p: { data?: { tip?: string } }) => p.data?.tip ?? '' },
        markLine: {
          symbol: 'none',
          lineStyle: { type: 'dashed', color: '#555' },
          label: { position: 'end', formatter: (p: { name: string }) => p.name },
          data: lines,
        },
      },
    ],
  };
  return {
    id: opts.id ?? 'mse-methods',
    title: 'Population size by method',
    caption: `Point: each method's estimate; bar: its interval. Dashed: the ${fmt(r.observed)} people on at least one list${r.truth !== undefined ? ', and the true size of the simulated world' : ''}.`,
    option,
    rows: ok.map((m) => ({
      method: m.method,
      model: m.model,
      estimate: m.estimate,
      low: m.interval[0],
      high: m.interval[1],
      level: m.level,
      observed: r.observed,
      truth: r.truth,
    })),
    points: { estimate: ok.length },
  };
}

/**
 * Threshold sensitivity from record linkage: how many people are found on two or more lists at each
 * match threshold. A stricter threshold links fewer records, so more people look distinct, the overlaps
 * shrink and the capture–recapture estimate grows: a steep curve means the estimate rests on the threshold.
 */
export function sensitivityChart(
  rows: Array<{ threshold: number; linkedPeople: number }>,
  opts: { id?: string } = {},
): ChartSpec {
  const sorted = [...rows].sort((a, b) => a.threshold - b.threshold);
  const option = {
    aria: { enabled: true },
    animation: false,
    title: { text: 'People linked across lists, by match threshold', left: 10, top: 0, textStyle: { fontSize: 15 } },
    tooltip: { trigger: 'axis' },
    grid: { left: 80, right: 40, top: 50, bottom: 50 },
    xAxis: {
      type: 'value',
      name: 'threshold (Dice)',
      nameLocation: 'middle',
      nameGap: 28,
      min: 'dataMin',
      max: 'dataMax',
    },
    yAxis: { type: 'value', name: 'people on 2+ lists', min: 0 },
    series: [
      {
        type: 'line',
        name: 'linked people',
        symbolSize: 7,
        itemStyle: { color: PALETTE[0] },
        label: { show: true, position: 'top' },
        data: sorted.map((r) => [r.threshold, r.linkedPeople]),
      },
    ],
  };
  return {
    id: opts.id ?? 'mse-sensitivity',
    title: 'People linked across lists, by match threshold',
    caption:
      'From the linkage run that made the capture histories: people found on two or more lists at each threshold. Fewer links at a stricter threshold mean smaller overlaps and a larger estimate of the unrecorded.',
    option,
    rows: sorted.map((r) => ({ threshold: r.threshold, linked_people: r.linkedPeople })),
    points: { thresholds: sorted.length },
  };
}
