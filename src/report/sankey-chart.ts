import type { ChartSpec } from './dataset.ts';

export interface Flow {
  from: string;
  to: string;
  value: number;
}

/** Flows must go one way: ECharts' Sankey layout needs a graph without cycles. */
function assertAcyclic(flows: Flow[]): void {
  const next = new Map<string, string[]>();
  for (const f of flows) next.set(f.from, [...(next.get(f.from) ?? []), f.to]);
  const state = new Map<string, 1 | 2>();
  const visit = (n: string, path: string[]): void => {
    if (state.get(n) === 2) return;
    if (state.get(n) === 1) throw new RangeError(`flows form a cycle: ${[...path, n].join(' → ')}`);
    state.set(n, 1);
    for (const m of next.get(n) ?? []) visit(m, [...path, n]);
    state.set(n, 2);
  };
  for (const n of next.keys()) visit(n, []);
}

/** Sankey of where people went (front, leave, AWOL, abroad, surrender, caught, court, prison). */
export function sankeyChart(
  flows: Flow[],
  opts: { id?: string; title: string; unit: string; caption?: string },
): ChartSpec {
  for (const f of flows)
    if (!(f.value >= 0) || !Number.isFinite(f.value))
      throw new RangeError(`flow ${f.from} → ${f.to} has value ${f.value}`);
  if (flows.some((f) => f.from === f.to)) throw new RangeError('a flow cannot go from a node to itself');
  assertAcyclic(flows);
  const names = [...new Set(flows.flatMap((f) => [f.from, f.to]))];
  const option = {
    aria: { enabled: true },
    animation: false,
    title: { text: opts.title, left: 10, top: 0, textStyle: { fontSize: 15 } },
    tooltip: { trigger: 'item' },
    series: [
      {
        type: 'sankey',
        top: 50,
        bottom: 20,
        left: 20,
        right: 120,
        emphasis: { focus: 'adjacency' },
        lineStyle: { color: 'gradient', opacity: 0.4 },
        label: { fontSize: 12 },
        data: names.map((name) => ({ name })),
        links: flows.filter((f) => f.value > 0).map((f) => ({ source: f.from, target: f.to, value: f.value })),
      },
    ],
  };
  return {
    id: opts.id ?? 'sankey',
    title: opts.title,
    caption: opts.caption ?? `Flows in ${opts.unit}.`,
    option,
    rows: flows.map((f) => ({ from: f.from, to: f.to, value: f.value, unit: opts.unit })),
    points: { nodes: names.length, links: flows.filter((f) => f.value > 0).length },
  };
}
