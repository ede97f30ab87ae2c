import { p, type ParamSpecs } from '../params-spec.ts';
import { defineMechanism, type Resolved } from '../mechanism.ts';

// docs/model.md §3: β_unit · unitRecentLeaveRate + β_sector · sectorRecentLeaveRate: contagion of
// defeatism within the unit and between neighbouring units (Lehmann & Zhukov, cited by rerussia-2023-09-22). Rates are
// exponentially weighted daily leaving shares, expressed as leavers per 100 soldiers per month.
export const params = {
  betaUnit: p(
    0.1,
    0,
    5,
    'log-hazard per (leaver per 100 per month)',
    'docs/model.md §3 β_unit; lehmann-zhukov-rerussia-2023-09-22',
    'contagion within the unit',
  ),
  betaSector: p(
    0.05,
    0,
    5,
    'log-hazard per (leaver per 100 per month)',
    'docs/model.md §3 β_sector; lehmann-zhukov-rerussia-2023-09-22',
    'contagion between units of a sector',
  ),
  cap: p(
    10,
    0,
    100,
    'leavers per 100 per month',
    'docs/model.md §3 (bounded: a unit cannot lose more than all its men)',
    'rate above which contagion stops growing',
  ),
  halfLifeDays: p(
    30,
    1,
    365,
    'days',
    'docs/model.md §1 (recent desertion rate, exponentially weighted)',
    'half-life of the recent leaving rate',
  ),
} satisfies ParamSpecs;

export type ContagionParams = Resolved<typeof params>;

/** Weight of today in the exponentially weighted mean. */
export function ewmaWeight(p: ContagionParams): number {
  return 1 - Math.pow(0.5, 1 / p.halfLifeDays);
}

/** Daily share → per 100 soldiers per 30 days. */
export const PER_100_MONTH = 3000;

export function contagionTerm(unitRate: number, sectorRate: number, p: ContagionParams): number {
  const cap = p.cap;
  return (
    p.betaUnit * Math.min(cap, unitRate * PER_100_MONTH) + p.betaSector * Math.min(cap, sectorRate * PER_100_MONTH)
  );
}

export const mechanism = defineMechanism({
  name: 'contagion',
  summary: 'contagion of leaving within a unit and between the units of a sector',
  params,
  hooks: (p) => ({ unitTerm: (v) => contagionTerm(v.leaveRate, v.sectorLeaveRate, p) }),
});
