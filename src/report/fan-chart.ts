import type { ChartSpec, DataRow } from './dataset.ts';
import { PALETTE } from './style.ts';

/** One step of a fan: the median and the 50% and 90% bands. */
export interface BandPoint {
  x: string | number;
  median: number;
  lo50: number;
  hi50: number;
  lo90: number;
  hi90: number;
}

export interface FanInput {
  name: string;
  points: BandPoint[];
  colour?: string;
}

export interface FanChartOptions {
  id?: string;
  title: string;
  unit: string;
  /** 'time' for ISO dates, 'value' for numbers (months since a start, say), 'category' otherwise. */
  xType?: 'time' | 'value' | 'category';
  caption?: string;
  /** The outer band's level in percent (its edges are lo90/hi90 of each point): 90 by default, 95 for posteriors. */
  outerLevel?: number;
  /** Column naming each fan in the exported rows ("scenario" by default). */
  nameColumn?: string;
}

function checkBands(name: string, p: BandPoint): void {
  const ok = p.lo90 <= p.lo50 && p.lo50 <= p.median && p.median <= p.hi50 && p.hi50 <= p.hi90;
  if (!ok || ![p.lo90, p.lo50, p.median, p.hi50, p.hi90].every(Number.isFinite))
    throw new RangeError(
      `${name} at ${p.x}: bands must nest (lo90 ≤ lo50 ≤ median ≤ hi50 ≤ hi90), got ${p.lo90}, ${p.lo50}, ${p.median}, ${p.hi50}, ${p.hi90}`,
    );
}

/**
 * Fan chart: for each input a median line with 50% and 90% bands, all on one axis. Bands are drawn
 * with ECharts' stacked-area trick (an invisible lower edge plus the band's width); band series get
 * explicit colours so legends and server renders match.
 */
export function fanChart(fans: FanInput[], opts: FanChartOptions): ChartSpec {
  const series: Record<string, unknown>[] = [];
  const rows: DataRow[] = [];
  const outer = opts.outerLevel ?? 90;
  fans.forEach((f, i) => {
    const colour = f.colour ?? PALETTE[i % PALETTE.length];
    for (const p of f.points) {
      checkBands(f.name, p);
      rows.push({
        [opts.nameColumn ?? 'scenario']: f.name,
        x: p.x,
        median: p.median,
        lo50: p.lo50,
        hi50: p.hi50,
        [`lo${outer}`]: p.lo90,
        [`hi${outer}`]: p.hi90,
      });
    }
    const edge = (stack: string, values: Array<[string | number, number]>, band: boolean, opacity: number) => ({
      type: 'line',
      name: band ? `${f.name} ${stack.endsWith('90') ? `${outer}%` : '50%'}` : undefined,
      stack: `${f.name}-${stack}`,
      symbol: 'none',
      silent: true,
      lineStyle: { opacity: 0 },
      itemStyle: { color: colour },
      areaStyle: band ? { color: colour, opacity } : { opacity: 0 },
      tooltip: { show: false },
      data: values,
    });
    series.push(
      edge(
        'b90',
        f.points.map((p) => [p.x, p.lo90]),
        false,
        0,
      ),
    );
    series.push(
      edge(
        'b90',
        f.points.map((p) => [p.x, p.hi90 - p.lo90]),
        true,
        0.15,
      ),
    );
    series.push(
      edge(
        'b50',
        f.points.map((p) => [p.x, p.lo50]),
        false,
        0,
      ),
    );
    series.push(
      edge(
        'b50',
        f.points.map((p) => [p.x, p.hi50 - p.lo50]),
        true,
        0.3,
      ),
    );
    series.push({
      type: 'line',
      name: f.name,
      symbol: 'circle',
      symbolSize: 4,
      showAllSymbol: true,
      itemStyle: { color: colour },
      lineStyle: { color: colour, width: 2 },
      data: f.points.map((p) => ({
        value: [p.x, p.median],
        tip: `${f.name} at ${p.x}: median ${p.median.toFixed(1)}; 50% ${p.lo50.toFixed(1)}–${p.hi50.toFixed(1)}; ${outer}% ${p.lo90.toFixed(1)}–${p.hi90.toFixed(1)} ${opts.unit}`,
      })),
    });
  });
  const option = {
    aria: { enabled: true },
    animation: false,
    title: { text: opts.title, left: 10, top: 0, textStyle: { fontSize: 15 } },
    legend: { top: 28, left: 10, data: fans.map((f) => f.name) },
    tooltip: { trigger: 'item', formatter: (p: { data?: { tip?: string } }) => p.data?.tip ?? '' },
    grid: { left: 70, right: 30, top: 85, bottom: 40 },
    xAxis: { type: opts.xType ?? 'time', boundaryGap: false },
    yAxis: { type: 'value', name: opts.unit },
    series,
  };
  return {
    id: opts.id ?? 'fan',
    title: opts.title,
    caption: opts.caption ?? `Median with 50% and ${outer}% bands.`,
    option,
    rows,
    points: Object.fromEntries(fans.map((f) => [f.name, f.points.length])),
  };
}
