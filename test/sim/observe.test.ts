import { describe, expect, it } from 'vitest';
import { run, total } from './helpers.ts';
import { listEntries, monthly, months, sourceSeries, casesByArticle, leakedUnits } from '../../src/sim/observe.ts';
import { receiveDelay } from '../../src/sim/mechanisms/courts.ts';
import { defaultParams } from '../../src/sim/params.ts';
import { resolveAll } from '../../src/sim/mechanisms/index.ts';
import { sequence } from '../../src/sim/rng.ts';
import { buildIndividualLists } from '../../src/sim/identity/index.ts';
import { awolCaptureHistories } from '../../src/sim/capture-histories.ts';
import { Route } from '../../src/sim/states.ts';

const r = run({}, { agents: 8000, end: '2024-03-31', keepEvents: true });

describe('observation layer', () => {
  it('every court record belongs to a soldier detained (caught, refusing or processed on return) the day his case opened', () => {
    const detained = new Set(r.events!.detained.map((e) => `${e.personId}:${e.day}`));
    expect(r.cases.length).toBeGreaterThan(50);
    for (const c of r.cases) expect(detained.has(`${c.personId}:${c.openDay}`)).toBe(true);
    const caught = new Set(r.events!.caught.map((e) => e.personId));
    const byRoute = r.events!.detained.filter((e) => e.route === Route.HOME);
    // most detentions of men hiding at home are catches
    expect(byRoute.filter((e) => caught.has(e.personId)).length).toBeGreaterThan(byRoute.length / 3);
  });

  it('court dates are ordered: offence ≤ case opened < received < verdict', () => {
    for (const c of r.cases) {
      expect(c.offenceDay).toBeLessThanOrEqual(c.openDay);
      if (c.receivedDay < 0) continue; // suspended under 270-FZ: never reaches court
      expect(c.receivedDay).toBeGreaterThan(c.openDay);
      expect(c.verdictDay).toBeGreaterThan(c.receivedDay);
    }
  });

  it('delays to court follow the configured gamma distribution within sampling error', () => {
    const P = defaultParams();
    const mean = P['courts.receiveDelayMean'];
    const sd = mean / Math.sqrt(P['courts.receiveDelayShape']);
    // in the model's cases
    const delays = r.cases.filter((c) => c.receivedDay >= 0).map((c) => c.receivedDay - c.openDay);
    const m = delays.reduce((a, b) => a + b, 0) / delays.length;
    expect(Math.abs(m - mean)).toBeLessThan((4 * sd) / Math.sqrt(delays.length) + 0.5);
    // and over many draws of the sampler: mean and variance
    const u = sequence(3);
    const n = 50_000;
    const xs = Array.from({ length: n }, () => receiveDelay(u, resolveAll(P).courts));
    const xm = xs.reduce((a, b) => a + b, 0) / n;
    const xv = xs.reduce((a, b) => a + (b - xm) ** 2, 0) / n;
    expect(Math.abs(xm - mean)).toBeLessThan((4 * sd) / Math.sqrt(n) + 0.5);
    expect(Math.abs(xv / (sd * sd) - 1)).toBeLessThan(0.05);
  });

  it('the suspended share of verdicts is near its parameter', () => {
    const v = total(r.flows.verdicts);
    expect(v).toBeGreaterThan(100);
    const share = total(r.flows.suspendedVerdicts) / v;
    const p = defaultParams()['courts.suspendedShare'];
    expect(Math.abs(share - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / v));
  });

  it('daily series per source add up; monthly sums equal daily totals', () => {
    const s = sourceSeries(r);
    const received = s['courts.casesReceived']!;
    const requests = s['ngo.requests']!;
    expect(total(received)).toBe(r.cases.filter((c) => c.receivedDay >= 0 && c.receivedDay < r.days).length);
    const byArticle = casesByArticle(r);
    expect(Object.values(byArticle).reduce((a, v) => a + total(v), 0)).toBe(total(received));
    const m = monthly(r, requests, false);
    expect(m.reduce((a, b) => a + b, 0)).toBe(total(requests));
    expect(months(r)[0]!.month).toBe('2022-02');
    expect(months(r).at(-1)!.month).toBe('2024-03');
  });

  it('individual-level lists: court rows carry offence, received and verdict dates, article, part and sentence; the answer key points at true persons', () => {
    const entries = listEntries(r, { leakedUnits: 3 });
    const courts = entries.filter((e) => e.source === 'courts');
    expect(courts.length).toBe(total(r.flows.casesReceived));
    for (const e of courts) {
      expect(e.fields.offence_date).toMatch(/^\d{4}-\d\d-\d\d$/);
      expect(e.fields.received_date).toMatch(/^\d{4}-\d\d-\d\d$/);
      expect([337, 338, 332]).toContain(e.fields.article);
      expect(String(e.fields.part)).toMatch(/^\d(\.\d)?$/);
    }
    const units = new Set(leakedUnits(r, 3));
    const unitList = entries.filter((e) => e.source === 'unit_list');
    for (const e of unitList) expect(units.has(e.unit)).toBe(true);
    expect(entries.filter((e) => e.source === 'ngo').length).toBe(total(r.flows.ngoRequests));
    const lists = buildIndividualLists(r.seed, entries);
    expect(lists.answerKey.length).toBe(entries.length);
    expect(lists.lists.courts!.length).toBe(courts.length);
    const truth = new Set(courts.map((c) => c.personId));
    for (const a of lists.answerKey.filter((k) => k.source === 'courts')) expect(truth.has(a.personId)).toBe(true);
  });

  it('capture histories over the AWOL population: each person once, with the lists he is on, and N is everyone who went AWOL', () => {
    const sources = ['courts', 'ngo', 'wanted', 'unit_list'];
    const h = awolCaptureHistories(r, sources, { leakedUnits: 3 });
    const awol = new Set(r.events!.awol.map((e) => e.personId));
    expect(h.N).toBe(awol.size);
    expect(h.counts[0]).toBe(0);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(h.observed);
    expect(h.observed).toBeLessThanOrEqual(h.N);
    // The marginal of each list is the number of distinct AWOL people on it.
    const entries = listEntries(r, { leakedUnits: 3 });
    sources.forEach((src, i) => {
      const on = new Set(entries.filter((e) => e.source === src && awol.has(e.personId)).map((e) => e.personId));
      let marginal = 0;
      h.counts.forEach((n, m) => {
        if (m & (1 << i)) marginal += n;
      });
      expect(marginal, src).toBe(on.size);
    });
    // Court records of AWOL men are in the table (those of refusers who never left are not).
    expect(h.counts.some((n, m) => n > 0 && (m & 1) === 1)).toBe(true);
  });
});
