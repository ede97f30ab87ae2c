import { describe, expect, it } from 'vitest';
import { conservationHolds } from '../../src/sim/engine.ts';
import { fingerprint, run, total, START } from './helpers.ts';
import { dayNumber } from '../../src/domain/dates.ts';
import { defaultParams } from '../../src/sim/params.ts';

describe('engine', () => {
  it('same seed, same bytes; another seed, other bytes', () => {
    const a = run({}, { agents: 3000, end: '2022-12-31' });
    const b = run({}, { agents: 3000, end: '2022-12-31' });
    const c = run({}, { agents: 3000, end: '2022-12-31', seed: 8 });
    expect(fingerprint(a)).toBe(fingerprint(b));
    expect(fingerprint(a)).not.toBe(fingerprint(c));
  });

  it('conservation: every person is in exactly one state every day', () => {
    const r = run({}, { agents: 4000, end: '2023-12-31' });
    for (let d = 0; d < r.days; d++) expect(conservationHolds(r, d)).toBe(true);
    // and the flows agree with the stocks: killed is the sum of daily deaths
    expect(r.stocks.killedTotal[r.days - 1]).toBe(total(r.flows.killed));
    expect(r.stocks.persons[r.days - 1]).toBe(r.persons);
  });

  it('common random numbers: a scenario that changes nothing is bit-identical to the baseline', () => {
    const base = run({}, { agents: 3000, end: '2023-03-31' });
    const d = defaultParams();
    const noop = run(
      { 'rotation.intervalDays': d['rotation.intervalDays'], 'leave.perYear': d['leave.perYear'] },
      {
        agents: 3000,
        end: '2023-03-31',
        interventions: [{ date: '2022-10-01', params: { 'fatigue.beta': d['fatigue.beta'] } }],
      },
    );
    expect(fingerprint(noop)).toBe(fingerprint(base));
  });

  it('common random numbers: two scenarios differ only from the intervention date', () => {
    const date = '2022-11-15';
    const at = dayNumber(date) - dayNumber(START);
    const base = run({}, { agents: 3000, end: '2023-06-30' });
    const rot = run(
      {},
      { agents: 3000, end: '2023-06-30', interventions: [{ date, params: { 'casualties.intensity': 3 } }] },
    );
    let firstDiff = -1;
    for (let d = 0; d < base.days && firstDiff < 0; d++) {
      for (const k of Object.keys(base.flows) as Array<keyof typeof base.flows>)
        if (base.flows[k][d] !== rot.flows[k][d]) firstDiff = d;
      for (const k of Object.keys(base.stocks) as Array<keyof typeof base.stocks>)
        if (base.stocks[k][d] !== rot.stocks[k][d]) firstDiff = d;
    }
    expect(firstDiff).toBeGreaterThanOrEqual(at);
    expect(firstDiff).toBeLessThan(at + 5);
  });

  it('the mobilisation wave arrives from 21 Sept 2022 and the force stays near its capacity', () => {
    const r = run({}, { agents: 5000, end: '2023-03-31' });
    const mob = dayNumber('2022-09-21') - dayNumber(START);
    expect(total(r.flows.mobilised, 0, mob)).toBe(0);
    expect(total(r.flows.mobilised, mob)).toBeGreaterThan(0.25 * 5000);
    expect(r.stocks.strength[r.days - 1]).toBeGreaterThan(0.85 * 5000);
  });
});
