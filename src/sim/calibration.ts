import { dayNumber } from '../domain/index.ts';
import type { SimResult } from './engine.ts';

// The default calibration targets (docs/model.md §7); each row's ref is a figure id of data/figures.json
// (whose sources are rows of data/sources.json). Model figures are scaled to a force of `force` in
// theatre (the model's agent capacity stands for the real force), so a 50,000-agent run is comparable.

export interface CalibrationRow {
  id: string;
  what: string;
  observed: string;
  /** The observed value used for the ratio (midpoint for ranges, the bound for ">"). */
  target: number;
  model: number;
  ref: string;
}

function sumRange(a: Int32Array, from: number, to: number): number {
  let s = 0;
  for (let i = Math.max(0, from); i < Math.min(a.length, to); i++) s += a[i]!;
  return s;
}

/** Model figures next to the observed ones. `force` is the real force the agents stand for. */
export function calibrationTable(r: SimResult, force = 300_000): CalibrationRow[] {
  const scale = force / r.agents;
  const s0 = dayNumber(r.start);
  const idx = (iso: string) => dayNumber(iso) - s0;
  const flowBetween = (name: keyof SimResult['flows'], a: string, b: string) =>
    sumRange(r.flows[name], idx(a), idx(b) + 1) * scale;
  const rows: CalibrationRow[] = [];
  const add = (id: string, what: string, observed: string, target: number, model: number, ref: string) =>
    rows.push({ id, what, observed, target, model: Math.round(model), ref });
  add(
    'cases-2022',
    'court cases received, 2022',
    '1,001',
    1001,
    flowBetween('casesReceived', '2022-01-01', '2022-12-31'),
    'M01',
  );
  add(
    'cases-2023',
    'court cases received, 2023',
    '5,024',
    5024,
    flowBetween('casesReceived', '2023-01-01', '2023-12-31'),
    'M01',
  );
  add(
    'cases-2024',
    'court cases received, 2024',
    '~9,000–10,000',
    9500,
    flowBetween('casesReceived', '2024-01-01', '2024-12-31'),
    'M15, M17, M18 (derived)',
  );
  add(
    'ngo-2023-01',
    'Idite Lesom desertion requests, Jan 2023',
    '28',
    28,
    flowBetween('ngoRequests', '2023-01-01', '2023-01-31'),
    'I01',
  );
  add(
    'ngo-2023-06',
    'Idite Lesom desertion requests, Jun 2023',
    '54',
    54,
    flowBetween('ngoRequests', '2023-06-01', '2023-06-30'),
    'I04',
  );
  add(
    'ngo-2023-10',
    'Idite Lesom desertion requests, Oct 2023',
    '218',
    218,
    flowBetween('ngoRequests', '2023-10-01', '2023-10-31'),
    'S06',
  );
  add(
    'ngo-2024-01',
    'Idite Lesom desertion requests, Jan 2024',
    '284',
    284,
    flowBetween('ngoRequests', '2024-01-01', '2024-01-31'),
    'I02',
  );
  add(
    'surr-2023-09',
    'Hochu Zhit surrenders, cumulative to Sep 2023',
    '>200',
    200,
    flowBetween('programmeSurrenders', '2022-09-18', '2023-09-30'),
    'H06',
  );
  add(
    'surr-2024-05',
    'Hochu Zhit surrenders, cumulative to 10 May 2024',
    '260',
    260,
    flowBetween('programmeSurrenders', '2022-09-18', '2024-05-10'),
    'H09',
  );
  add(
    'surr-2024-06',
    'Hochu Zhit surrenders, cumulative to 22 Jun 2024',
    '>300',
    300,
    flowBetween('programmeSurrenders', '2022-09-18', '2024-06-22'),
    'H10',
  );
  // Suspended share of verdicts in 2023.
  const v = flowBetween('verdicts', '2023-01-01', '2023-12-31');
  add(
    'suspended-2023',
    'suspended sentences, share of 2023 verdicts (%)',
    '~60%',
    60,
    v > 0 ? (100 * flowBetween('suspendedVerdicts', '2023-01-01', '2023-12-31')) / v : 0,
    'M19',
  );
  // Unit list: of the men ever AWOL by the list date, the share whose case a court had received.
  const listDay = idx('2024-04-30');
  const awolBy = new Set<number>();
  if (r.events) for (const e of r.events.awol) if (e.day <= listDay) awolBy.add(e.personId);
  const inCourt = new Set<number>();
  for (const c of r.cases)
    if (c.receivedDay >= 0 && c.receivedDay <= listDay && awolBy.has(c.personId)) inCourt.add(c.personId);
  add(
    'unit-list',
    'unit deserters found in court records (per 1,010)',
    '96 of 1,010',
    96,
    awolBy.size > 0 ? (1010 * inCourt.size) / awolBy.size : 0,
    'L01',
  );
  const mid = Math.min(r.days - 1, idx('2023-07-01'));
  add(
    'strength-2023',
    'force in theatre, mid-2023',
    '200,000–350,000',
    275_000,
    r.stocks.strength[mid]! * scale,
    'S29, S30',
  );
  return rows;
}
