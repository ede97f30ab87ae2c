import type { PredictiveCheck } from '../calibrate/index.ts';
import type { ChartSpec } from './dataset.ts';
import { formatNumber } from './text.ts';

// Infinite bounds become null in JSON (">500" has no upper end): read both as open.
const upper = (x: number | null) => (x === null || !Number.isFinite(x) ? Number.POSITIVE_INFINITY : x);

/**
 * Posterior predictive check against every target, one row per target. Targets are in different units
 * (cases, requests, shares), so each row is drawn relative to its observed figure: 1 is the figure
 * itself, 0.5 half of it. Bars: the posterior predictive 95% and 50% ranges; diamond: the figure;
 * ticks: the ends of its interval when it was given as a range or a bound.
 */
export function predictiveChart(checks: PredictiveCheck[], opts: { id?: string; title?: string } = {}): ChartSpec {
  const title = opts.title ?? 'Posterior predictive check against each target';
  const cats = checks.map((c) => c.target);
  const norm = (c: PredictiveCheck) => (c.observed.value !== 0 ? Math.abs(c.observed.value) : 1);
  const rel = (c: PredictiveCheck, x: number) => x / norm(c);
  const widest = Math.max(
    2,
    ...checks.map((c) => rel(c, c.predicted.q975)),
    ...checks.map((c) => (Number.isFinite(upper(c.observed.hi)) ? rel(c, upper(c.observed.hi)) : 0)),
  );
  const cap = Math.ceil(widest * 1.1 * 10) / 10;
  const fmt = (x: number) => formatNumber(x, 3);
  const tip = (c: PredictiveCheck) => {
    const hi = upper(c.observed.hi);
    const obs =
      c.observed.lo === hi
        ? fmt(c.observed.value)
        : `${fmt(c.observed.value)} (interval ${fmt(c.observed.lo)}–${Number.isFinite(hi) ? fmt(hi) : '∞'})`;
    return `${c.target}: observed ${obs}; predicted median ${fmt(c.predicted.median)}, 50% ${fmt(c.predicted.q25)}–${fmt(c.predicted.q75)}, 95% ${fmt(c.predicted.q025)}–${fmt(c.predicted.q975)}; P(within) ${Math.round(100 * c.pInside)}%`;
  };
  const band = (
    name: string,
    lo: (c: PredictiveCheck) => number,
    hi: (c: PredictiveCheck) => number,
    colour: string,
    width: number,
  ) => [
    {
      type: 'bar',
      stack: name,
      silent: true,
      barWidth: width,
      itemStyle: { color: 'transparent' },
      tooltip: { show: false },
      data: checks.map((c) => rel(c, lo(c))),
    },
    {
      type: 'bar',
      stack: name,
      name,
      barWidth: width,
      itemStyle: { color: colour },
      data: checks.map((c) => ({ value: rel(c, hi(c)) - rel(c, lo(c)), tip: tip(c) })),
    },
  ];
  const ends = checks.flatMap((c, i) => {
    if (c.observed.lo === upper(c.observed.hi)) return [];
    const hi = upper(c.observed.hi);
    return [
      { value: [rel(c, c.observed.lo), i], symbol: 'rect', symbolSize: [3, 18], tip: tip(c) },
      Number.isFinite(hi)
        ? { value: [rel(c, hi), i], symbol: 'rect', symbolSize: [3, 18], tip: tip(c) }
        : { value: [cap, i], symbol: 'triangle', symbolRotate: -90, symbolSize: 12, tip: tip(c) },
    ];
  });
  const option = {
    aria: { enabled: true },
    animation: false,
    title: {
      text: title,
      subtext: 'relative to each observed figure (1 = the figure)',
      left: 10,
      top: 0,
      textStyle: { fontSize: 15 },
    },
    legend: { top: 44, left: 10, data: ['predictive 95%', 'predictive 50%', 'observed', 'observed interval'] },
    tooltip: { trigger: 'item', formatter: (p: { data?: { tip?: string } }) => p.data?.tip ?? '' },
    grid: { left: 170, right: 40, top: 80, bottom: 40 },
    xAxis: { type: 'value', min: 0, max: cap, name: '× observed' },
    yAxis: { type: 'category', data: cats, inverse: true },
    // Both bands on the same row: the second stack is laid over the first.
    series: [
      ...band(
        'predictive 95%',
        (c) => c.predicted.q025,
        (c) => c.predicted.q975,
        '#c6d6ea',
        18,
      ),
      ...band(
        'predictive 50%',
        (c) => c.predicted.q25,
        (c) => c.predicted.q75,
        '#1f5fa8',
        8,
      ).map((s) => ({ ...s, barGap: '-100%' })),
      {
        type: 'scatter',
        name: 'observed',
        symbol: 'diamond',
        symbolSize: 13,
        itemStyle: { color: '#b22222' },
        z: 5,
        data: checks.map((c, i) => ({ value: [1, i], tip: tip(c) })),
      },
      { type: 'scatter', name: 'observed interval', itemStyle: { color: '#b22222' }, z: 5, data: ends },
    ],
  };
  return {
    id: opts.id ?? 'calibration-predictive',
    title,
    caption:
      'Each target as observed (red diamond at 1; ticks or an arrow for a range or a bound) against the posterior predictive 50% (dark) and 95% (light) ranges of the model statistic that reproduces it, each relative to its figure. A target whose figure lies outside the light bar is not reproduced by the fitted model.',
    option,
    rows: checks.map((c) => ({
      target: c.target,
      summary: c.summary,
      observed: c.observed.value,
      observed_lo: c.observed.lo,
      observed_hi: Number.isFinite(upper(c.observed.hi)) ? upper(c.observed.hi) : '',
      q025: c.predicted.q025,
      q25: c.predicted.q25,
      median: c.predicted.median,
      q75: c.predicted.q75,
      q975: c.predicted.q975,
      p_within: c.pInside,
    })),
    points: { targets: checks.length, ranges95: checks.length, ranges50: checks.length },
  };
}
