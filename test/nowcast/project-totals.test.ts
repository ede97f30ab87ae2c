import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayNumber } from '../../src/domain/dates.ts';
import { BadInputError } from '../../src/domain/errors.ts';
import type { CumulativeReading } from '../../src/nowcast/cumulative-totals.ts';
import {
  backtestProjection,
  borrowedVolatility,
  logRateVolatility,
  pooledVolatility,
  projectTotals,
} from '../../src/nowcast/project-totals.ts';
import { Rng } from '../../src/nowcast/rng.ts';
import { simulatePooledTotals, simulateRunningTotals } from '../../src/nowcast/simulate-totals.ts';

const DPM = 365.25 / 12;

const world = (seed: number, sigma: number) => simulateRunningTotals({ seed, sigma, horizonDays: 180 });

describe('running totals projected to now (the newest months before their figure is published)', () => {
  it('covers the true total about 95% of the time in simulated worlds (σ = 0.1 and 0.25 per √month)', () => {
    for (const sigma of [0.1, 0.25]) {
      let inside = 0;
      let n = 0;
      for (let seed = 1; seed <= 150; seed++) {
        const w = world(seed * 7 + Math.round(sigma * 100), sigma);
        if (w.readings.length < 4 || w.truth === 0) continue;
        const p = projectTotals(w.readings, { now: w.now, start: w.start, draws: 1000, seed });
        n++;
        if (w.truth >= p.total.lo95 && w.truth <= p.total.hi95) inside++;
      }
      if (process.env.SHOW_COVERAGE) console.log(`σ=${sigma}: ${inside}/${n} inside`);
      expect(n).toBeGreaterThan(120);
      // 95% nominal; with n ≈ 150 worlds a binomial 99% range is about 0.90–0.99.
      expect(inside / n).toBeGreaterThan(0.88);
      expect(inside / n).toBeLessThanOrEqual(1);
    }
  });

  it('recovers the volatility of the rate from the readings alone (many monthly readings)', () => {
    const rng = new Rng(5);
    for (const sigma of [0.08, 0.2, 0.4]) {
      let logRate = Math.log(2000);
      let total = 0;
      const readings: CumulativeReading[] = [];
      for (let m = 0; m < 120; m++) {
        for (let d = 0; d < 30; d++) {
          logRate += (sigma / Math.sqrt(DPM)) * rng.normal();
          total += rng.poisson(Math.exp(logRate) / DPM);
        }
        readings.push({ date: addDays('2015-01-01', 30 * (m + 1)), value: total });
      }
      const spans = readings.slice(1).map((r, i) => ({
        start: readings[i]!.date,
        end: r.date,
        months: 30 / DPM,
        count: r.value - readings[i]!.value,
        varStart: 0,
        varEnd: 0,
      }));
      const v = logRateVolatility(spans);
      expect(v.pairs).toBe(118);
      expect(Math.abs(v.estimate - sigma) / sigma).toBeLessThan(0.25);
    }
  });

  it('a steady rate projects forward at that rate: 100 a month for six months adds about 600', () => {
    const readings = Array.from({ length: 13 }, (_, i) => ({
      date: addDays('2024-01-01', Math.round(i * DPM)),
      value: 100 * i,
    }));
    const last = readings.at(-1)!;
    const p = projectTotals(readings, { now: addDays(last.date, Math.round(6 * DPM)), seed: 3 });
    expect(p.volatility.used).toBe(p.volatility.floor);
    expect(Math.abs(p.added.estimate - 600)).toBeLessThan(40);
    expect(p.added.lo95).toBeGreaterThan(450);
    expect(p.added.hi95).toBeLessThan(800);
    expect(p.total.estimate).toBe(1200 + p.added.estimate);
    // Six whole months after the reading plus the partial ones at either end.
    expect(p.periods.length).toBeGreaterThanOrEqual(6);
    expect(p.periods.reduce((s, x) => s + x.covered, 0)).toBeCloseTo(
      (dayNumber(p.now) - dayNumber(last.date)) / DPM,
      0,
    );
  });

  it('every point lies inside its own 95% band, and the total never falls below the newest reading (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 2, maxLength: 8 }),
        fc.array(fc.integer({ min: 5, max: 200 }), { minLength: 8, maxLength: 8 }),
        fc.integer({ min: 0, max: 400 }),
        fc.constantFrom('=', '~', '>'),
        fc.integer({ min: 1, max: 1e6 }),
        (incs, gaps, horizon, q, seed) => {
          let day = 0;
          let value = 0;
          const readings: CumulativeReading[] = [];
          incs.forEach((inc, i) => {
            day += gaps[i]!;
            value += inc;
            readings.push({ date: addDays('2023-01-01', day), value, qualifier: i === incs.length - 1 ? q : '=' });
          });
          const p = projectTotals(readings, {
            now: addDays('2023-01-01', day + horizon),
            start: '2023-01-01',
            draws: 200,
            seed,
          });
          for (const iv of [p.total, p.added, ...p.periods]) {
            expect(iv.lo95).toBeLessThanOrEqual(iv.estimate);
            expect(iv.estimate).toBeLessThanOrEqual(iv.hi95);
            expect(iv.lo95).toBeGreaterThanOrEqual(0);
          }
          expect(p.total.lo95).toBeGreaterThanOrEqual(Math.floor(q === '~' ? value * 0.9 : value));
          if (horizon === 0) expect(p.added.hi95).toBe(0);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses a now before the newest reading, too few readings, and a date that is not one, naming the field', () => {
    const r = [
      { date: '2024-01-31', value: 10 },
      { date: '2024-02-29', value: 20 },
      { date: '2024-03-31', value: 35 },
    ];
    expect(() => projectTotals(r, { now: '2024-03-01' })).toThrow(BadInputError);
    expect(() => projectTotals(r, { now: '2024-03-01' })).toThrow(/now \(2024-03-01\) is before the newest reading/);
    expect(() => projectTotals(r.slice(0, 2), { now: '2024-06-30' })).toThrow(/at least three readings/);
    expect(() => projectTotals(r, { now: '2024-13-01' })).toThrow(/not a date/);
    // With a start date two readings are enough (the start is a reading of zero).
    expect(projectTotals(r.slice(0, 2), { now: '2024-06-30', start: '2024-01-01' }).periods.length).toBeGreaterThan(0);
  });

  it('is reproducible from its seed', () => {
    const w = world(11, 0.2);
    const a = projectTotals(w.readings, { now: w.now, seed: 4, draws: 500 });
    expect(projectTotals(w.readings, { now: w.now, seed: 4, draws: 500 })).toEqual(a);
  });

  it('back-tests each reading from the readings before it alone: changing a reading never changes its own prediction', () => {
    const w = world(21, 0.2);
    const b = backtestProjection(w.readings, { start: w.start, draws: 500, seed: 2 });
    expect(b.total).toBe(w.readings.length - 2);
    const k = b.checks.length - 1;
    const changed = w.readings.map((r, i) => (i === w.readings.length - 1 ? { ...r, value: r.value * 3 } : r));
    const b2 = backtestProjection(changed, { start: w.start, draws: 500, seed: 2 });
    expect(b2.checks[k]!.estimate).toBe(b.checks[k]!.estimate);
    expect(b2.checks[k]!.published).toBe(b.checks[k]!.published * 3);
    // Tripling the newest total puts it far outside a band drawn from the readings before it.
    expect(b2.checks[k]!.inside).toBe(false);
    expect(b.checks.every((c) => c.horizonMonths > 0 && c.fittedOn >= 1)).toBe(true);
  });

  it('pooling: a short series borrows the volatility of series that move alike, and its band stays honest and narrower', () => {
    let insidePooled = 0;
    let insideOwn = 0;
    let widthPooled = 0;
    let widthOwn = 0;
    let n = 0;
    for (let seed = 1; seed <= 120; seed++) {
      // Three series with one true volatility (0.2 per √month): two long, one with three or four totals.
      const { long, short } = simulatePooledTotals({ seed, sigma: 0.2 });
      if (!short) continue;
      const pool = [...long, short].map((w) => ({ readings: w.readings, start: w.start }));
      const borrowed = borrowedVolatility(short.readings, { start: short.start, pool });
      expect(borrowed).toBeDefined();
      expect(borrowed!.pairs).toBeGreaterThan(pooledVolatility([pool[2]!]).pairs);
      const pooled = projectTotals(short.readings, {
        now: short.now,
        start: short.start,
        seed,
        draws: 600,
        volatility: borrowed,
      });
      const own = projectTotals(short.readings, { now: short.now, start: short.start, seed, draws: 600 });
      expect(pooled.volatility.pooled).toBe(true);
      n++;
      if (short.truth >= pooled.total.lo95 && short.truth <= pooled.total.hi95) insidePooled++;
      if (short.truth >= own.total.lo95 && short.truth <= own.total.hi95) insideOwn++;
      widthPooled += Math.log(pooled.total.hi95 / Math.max(1, pooled.total.lo95));
      widthOwn += Math.log(own.total.hi95 / Math.max(1, own.total.lo95));
    }
    if (process.env.SHOW_COVERAGE)
      console.log(
        `pooled ${insidePooled}/${n}, own ${insideOwn}/${n}; log width ${widthPooled / n} vs ${widthOwn / n}`,
      );
    expect(n).toBeGreaterThan(60);
    expect(insidePooled / n).toBeGreaterThan(0.88);
    expect(widthPooled).toBeLessThan(widthOwn);
  });

  it('pooling: a series with enough pairs of its own keeps its own; a back-test pools only totals published before the one predicted', () => {
    const a = simulateRunningTotals({ seed: 3, sigma: 0.15, horizonDays: 90 });
    const b = simulateRunningTotals({ seed: 4, sigma: 0.15, horizonDays: 90 });
    expect(pooledVolatility([{ readings: a.readings, start: a.start }]).pairs).toBeGreaterThanOrEqual(3);
    expect(borrowedVolatility(a.readings, { start: a.start, pool: [{ readings: b.readings }] })).toBeUndefined();
    // Pooling a series with itself doubles the pairs and keeps the estimate.
    const one = pooledVolatility([{ readings: a.readings }]);
    const twice = pooledVolatility([{ readings: a.readings }, { readings: a.readings }]);
    expect(twice.pairs).toBe(2 * one.pairs);
    expect(twice.estimate).toBeCloseTo(one.estimate, 12);
    // A short series back-tested against a pool: changing the pool's later totals leaves every check unchanged.
    const short = a.readings.slice(0, 4);
    const cut = short.at(-1)!.date;
    const pool = [{ readings: short }, { readings: b.readings }];
    const later = b.readings.map((r) => (r.date >= cut ? { ...r, value: r.value * 5 } : r));
    const x = backtestProjection(short, { pool, minOwnPairs: 10, draws: 400 });
    const y = backtestProjection(short, {
      pool: [{ readings: short }, { readings: later }],
      minOwnPairs: 10,
      draws: 400,
    });
    expect(x.total).toBeGreaterThan(0);
    expect(y).toEqual(x);
    // …while the pool is really used: without it the bands differ.
    expect(backtestProjection(short, { draws: 400 }).checks.map((c) => c.hi95)).not.toEqual(
      x.checks.map((c) => c.hi95),
    );
  });
});
