import type { Observation } from '../domain/index.ts';
import { COURT_SERIES } from '../ingest/index.ts';
import type { CourtView, MonthCount } from '../report/index.ts';
import { suppressSmallCells, suppressSmallCounts } from '../stats/index.ts';

// Small-cell suppression of what the server publishes from imported court records: the court.import.*
// series (observations), the court view's monthly counts and its nowcast's "verdicts known so far".
// Counts from the bundled, already-published figures are not individual records and pass unchanged.

/** One count of a table: a group (region, tier, article…; '' for none), a month, a value. */
export interface Cell {
  group: string;
  month: string;
  value: number;
}

/** Series keys of COURT_SERIES whose month margins are the same published numbers (cases received). */
const LINKED = ['cases_by_region', 'cases_by_tier'] as const;
const MARGIN = 'cases_received';

const cellKey = (group: string, month: string) => `${group}\u0000${month}`;

function asTable(cells: readonly Cell[], months: readonly string[]): { groups: string[]; table: number[][] } {
  const groups = [...new Set(cells.map((c) => c.group))].sort();
  const gi = new Map(groups.map((g, i) => [g, i]));
  const mi = new Map(months.map((m, i) => [m, i]));
  const table = groups.map(() => new Array<number>(months.length).fill(0));
  for (const c of cells) table[gi.get(c.group)!]![mi.get(c.month)!]! += c.value;
  return { groups, table };
}

/**
 * The cells to withhold, per table (keyed by COURT_SERIES key), as "group\0month" keys. Cases received
 * by month are also the month totals of the region and tier tables, so those three are suppressed
 * together until their shared margins agree; the others each on their own, with their month totals.
 */
export function withheldCourtCells(
  tables: Partial<Record<string, readonly Cell[]>>,
  k: number,
): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const mark = (name: string, group: string, month: string) => {
    let s = out.get(name);
    if (!s) out.set(name, (s = new Set()));
    s.add(cellKey(group, month));
  };
  const alone = (name: string, cells: readonly Cell[]) => {
    const months = [...new Set(cells.map((c) => c.month))].sort();
    const { groups, table } = asTable(cells, months);
    const t = suppressSmallCells(table, { k });
    // The suppressed table has the shape of `table`: rows are groups, columns months.
    t.cells.forEach((row, r) => row.forEach((v, c) => v === null && mark(name, groups[r]!, months[c]!)));
  };
  for (const [name, cells] of Object.entries(tables))
    if (cells && name !== MARGIN && !(LINKED as readonly string[]).includes(name)) alone(name, cells);

  const linked = LINKED.filter((n) => tables[n]?.length);
  const margin = tables[MARGIN] ?? [];
  const months = [...new Set([...margin, ...linked.flatMap((n) => tables[n]!)].map((c) => c.month))].sort();
  if (!months.length) return out;
  const byMonth = new Map(months.map((m) => [m, 0]));
  for (const c of margin) byMonth.set(c.month, byMonth.get(c.month)! + c.value);
  const marginRow = months.map((m) => byMonth.get(m)!);
  const shaped = linked.map((n) => ({ name: n, ...asTable(tables[n]!, months) }));
  // Margins withheld by any of the three are withheld by all; repeat until nothing more changes.
  let forced = new Set<number>();
  let forceTotal = false;
  for (;;) {
    const C = months.length;
    const withColumns = (R: number): Array<[number, number]> => [
      ...[...forced].map((c) => [R, c] as [number, number]),
      ...(forceTotal ? [[R, C] as [number, number]] : []),
    ];
    const results = shaped.map((s) => suppressSmallCells(s.table, { k, alsoWithhold: withColumns(s.table.length) }));
    // The margin series as a one-row table: its months are cells [0][c], its total [0][C].
    const m = suppressSmallCells([marginRow], {
      k,
      alsoWithhold: [...forced].map((c) => [0, c] as [number, number]).concat(forceTotal ? [[0, C]] : []),
    });
    const next = new Set(forced);
    let nextTotal: boolean = forceTotal;
    for (let c = 0; c < C; c++)
      if (m.cells[0]![c] === null || results.some((t) => t.colTotals[c] === null)) next.add(c);
    if (m.rowTotals[0] === null || results.some((t) => t.total === null)) nextTotal = true;
    if (next.size === forced.size && nextTotal === forceTotal) {
      results.forEach((t, i) => {
        const s = shaped[i]!;
        t.cells.forEach((row, r) => row.forEach((v, c) => v === null && mark(s.name, s.groups[r]!, months[c]!)));
      });
      for (const c of forced)
        if (margin.some((x) => x.month === months[c]))
          mark(MARGIN, margin.find((x) => x.month === months[c])!.group, months[c]!);
      break;
    }
    forced = next;
    forceTotal = nextTotal;
  }
  return out;
}

/** A withheld cell as published: where it is, never its value nor whether it was small or a complement. */
export interface WithheldObservation {
  id: string;
  seriesId: string;
  scope: string;
  periodStart: string | null | undefined;
  periodEnd: string;
}

export interface Suppression<T> {
  k: number;
  withheld: T[];
}

const COURT_KEY_BY_SERIES = new Map(Object.entries(COURT_SERIES).map(([key, d]) => [d.series.id, key]));

/** Whether an observation is a count from imported records (subject to suppression). */
export const isRecordCount = (o: Observation) =>
  COURT_KEY_BY_SERIES.has(o.seriesId) && o.valueKind === 'interval_count' && !!o.periodStart;

/**
 * The observations with the small cells of the court.import.* series left out, and where they were.
 * Pass every court.import.* observation at once: the series share margins.
 */
export function suppressObservations(
  observations: readonly Observation[],
  k: number,
): { observations: Observation[]; suppression: Suppression<WithheldObservation> } {
  const tables: Record<string, Cell[]> = {};
  for (const o of observations)
    if (isRecordCount(o))
      (tables[COURT_KEY_BY_SERIES.get(o.seriesId)!] ??= []).push({
        group: o.scope,
        month: o.periodStart!.slice(0, 7),
        value: o.value,
      });
  const withheld = withheldCourtCells(tables, k);
  const kept: Observation[] = [];
  const gone: WithheldObservation[] = [];
  for (const o of observations) {
    if (
      isRecordCount(o) &&
      withheld.get(COURT_KEY_BY_SERIES.get(o.seriesId)!)?.has(cellKey(o.scope, o.periodStart!.slice(0, 7)))
    )
      gone.push({ id: o.id, seriesId: o.seriesId, scope: o.scope, periodStart: o.periodStart, periodEnd: o.periodEnd });
    else kept.push(o);
  }
  return { observations: kept, suppression: { k, withheld: gone } };
}

/** A withheld count of the court view: which list, which month, which group. */
export interface WithheldCount {
  list: 'received' | 'verdicts' | 'byArticle' | 'bySentence' | 'nowcast';
  month: string;
  group?: string;
}

const VIEW_LISTS = {
  received: 'cases_received',
  verdicts: 'verdicts',
  byArticle: 'defendants_by_article',
  bySentence: 'sentences',
} as const;

/**
 * The court view with small counts left out: its monthly lists lose the withheld cells (suppressed with
 * all six court tables, `all`, so that they agree with the series), and the nowcast loses the months
 * whose "verdicts known so far" is withheld (its estimate would give the count back for a settled
 * month). A view of the simulated line list is not about anyone and passes unchanged.
 */
export function suppressCourtView(
  view: CourtView,
  all: Partial<Record<string, readonly Cell[]>>,
  k: number,
): CourtView & { suppression?: Suppression<WithheldCount> } {
  if (view.origin !== 'store') return view;
  const withheld = withheldCourtCells(all, k);
  const gone: WithheldCount[] = [];
  const filter = (list: keyof typeof VIEW_LISTS, rows: MonthCount[]) =>
    rows.filter((r) => {
      const out = withheld.get(VIEW_LISTS[list])?.has(cellKey(r.group ?? '', r.month)) ?? false;
      if (out) gone.push({ list, month: r.month, ...(r.group !== undefined ? { group: r.group } : {}) });
      return !out;
    });
  const reported = suppressSmallCounts(
    view.nowcast.periods.map((p) => Math.max(0, Math.round(p.reported))),
    { k },
  );
  const periods = view.nowcast.periods.filter((p, i) => {
    if (reported.values[i] !== null) return true;
    gone.push({ list: 'nowcast', month: p.period.slice(0, 7) });
    return false;
  });
  const small = view.cases < k;
  return {
    ...view,
    ...(small
      ? { cases: 0, label: `Imported court records: fewer than ${k} cases in the store (small counts are withheld)` }
      : {}),
    received: filter('received', view.received),
    verdicts: filter('verdicts', view.verdicts),
    byArticle: filter('byArticle', view.byArticle),
    bySentence: filter('bySentence', view.bySentence),
    nowcast: { ...view.nowcast, periods },
    suppression: { k, withheld: gone },
  };
}
