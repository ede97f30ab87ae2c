import { addDays, fromDayNumber, dayNumber } from '../domain/index.ts';
import type { SimResult } from './engine.ts';
import { FLOW_NAMES, STOCK_NAMES } from './series.ts';
import { partLabel, SENTENCE_NAMES } from './mechanisms/courts.ts';
import { CATEGORY_NAMES, ROUTE_NAMES } from './states.ts';
import { hash3, mix32 } from './rng.ts';
import type { ListEntry } from './identity/index.ts';

// The observation layer (docs/model.md §6): what each source would record, as daily series and as
// individual-level records. The truth stays in the run; sources see only their own slice.

/** Daily series by source. Truth series are prefixed "truth.". */
export function sourceSeries(r: SimResult): Record<string, Int32Array> {
  const out: Record<string, Int32Array> = {};
  const F = r.flows;
  out['courts.casesReceived'] = F.casesReceived;
  out['courts.verdicts'] = F.verdicts;
  out['courts.suspended'] = F.suspendedVerdicts;
  out['courts.prison'] = F.prisonVerdicts;
  out['ngo.requests'] = F.ngoRequests;
  out['surrender.applications'] = F.applications;
  out['surrender.surrenders'] = F.programmeSurrenders;
  out['wanted.declared'] = F.wantedDeclared;
  for (const k of FLOW_NAMES) out[`truth.${k}`] = F[k];
  for (const k of STOCK_NAMES) out[`truth.${k}`] = r.stocks[k];
  return out;
}

/** Court cases received per day by article ("337", "338", "332"). */
export function casesByArticle(r: SimResult): Record<string, Int32Array> {
  const out: Record<string, Int32Array> = {};
  for (const c of r.cases) {
    if (c.receivedDay < 0 || c.receivedDay >= r.days) continue;
    (out[String(c.article)] ??= new Int32Array(r.days))[c.receivedDay]!++;
  }
  return out;
}

export function isStock(series: string): boolean {
  return (STOCK_NAMES as readonly string[]).includes(series.replace(/^truth\./, ''));
}

/** Calendar months covered by a run: first day of each month and the run-day range [from, to). */
export function months(r: SimResult): Array<{ month: string; from: number; to: number }> {
  const out: Array<{ month: string; from: number; to: number }> = [];
  const s0 = dayNumber(r.start);
  let d = 0;
  while (d < r.days) {
    const iso = fromDayNumber(s0 + d);
    const next = dayNumber(`${iso.slice(0, 7)}-01`) + 32;
    const nextMonth = dayNumber(`${fromDayNumber(next).slice(0, 7)}-01`) - s0;
    out.push({ month: iso.slice(0, 7), from: d, to: Math.min(r.days, nextMonth) });
    d = nextMonth;
  }
  return out;
}

/** Monthly values of a daily series: sums for flows, month-end levels for stocks. */
export function monthly(r: SimResult, values: Int32Array, stock: boolean): number[] {
  return months(r).map(({ from, to }) => {
    if (stock) return values[to - 1]!;
    let s = 0;
    for (let i = from; i < to; i++) s += values[i]!;
    return s;
  });
}

export interface ListOptions {
  /** Units whose own AWOL list leaks (docs/model.md §6: complete for that unit). */
  leakedUnits?: number;
}

/** Units whose lists leak: a fixed, seed-dependent sample. */
export function leakedUnits(r: SimResult, n: number): number[] {
  const order = Array.from({ length: r.units }, (_, u) => u).sort(
    (a, b) => hash3(mix32(r.seed ^ 0x1ea4), a, 0) - hash3(mix32(r.seed ^ 0x1ea4), b, 0),
  );
  return order.slice(0, Math.min(n, r.units)).sort((a, b) => a - b);
}

/**
 * Who each source recorded, as entries for the identity builder (src/sim/identity): court
 * records (offence, received and verdict dates, article and part, sentence), NGO requests,
 * surrenders and applications, the wanted list and the leaked unit lists. Only what the source
 * could know by the end of the run is recorded (a verdict after the end is missing).
 */
export function listEntries(r: SimResult, opts: ListOptions = {}): ListEntry[] {
  if (!r.events) throw new Error('the run kept no event logs: run with keepEvents');
  const iso = (d: number) => addDays(r.start, d);
  const out: ListEntry[] = [];
  for (const c of r.cases) {
    if (c.receivedDay < 0 || c.receivedDay >= r.days) continue;
    const decided = c.verdictDay < r.days;
    out.push({
      source: 'courts',
      personId: c.personId,
      unit: c.unit,
      fields: {
        offence_date: iso(c.offenceDay),
        received_date: iso(c.receivedDay),
        verdict_date: decided ? iso(c.verdictDay) : null,
        article: c.article,
        part: partLabel(c.part),
        sentence: decided ? SENTENCE_NAMES[c.sentence]! : null,
        category: CATEGORY_NAMES[c.category]!,
      },
    });
  }
  for (const e of r.events.ngo)
    out.push({ source: 'ngo', personId: e.personId, unit: e.unit, fields: { request_date: iso(e.day) } });
  for (const e of r.events.surrenders)
    out.push({ source: 'surrender', personId: e.personId, unit: e.unit, fields: { surrender_date: iso(e.day) } });
  for (const e of r.events.applications)
    out.push({
      source: 'surrender_applications',
      personId: e.personId,
      unit: e.unit,
      fields: { application_date: iso(e.day) },
    });
  for (const e of r.events.wanted)
    out.push({ source: 'wanted', personId: e.personId, unit: e.unit, fields: { wanted_date: iso(e.day) } });
  const leaked = new Set(leakedUnits(r, opts.leakedUnits ?? Math.max(1, Math.round(r.units / 100))));
  const seen = new Set<number>();
  for (const e of r.events.awol) {
    if (!leaked.has(e.unit) || seen.has(e.personId)) continue;
    seen.add(e.personId);
    out.push({
      source: 'unit_list',
      personId: e.personId,
      unit: e.unit,
      fields: { left_date: iso(e.day), route: ROUTE_NAMES[e.route]!, category: CATEGORY_NAMES[e.category]! },
    });
  }
  return out;
}
