import { p, type ParamSpecs } from '../params-spec.ts';
import { defineMechanism, type Resolved } from '../mechanism.ts';
import { PER_100_MONTH } from './contagion.ts';

// docs/model.md §5: front soldiers are killed or wounded with daily probabilities set by the intensity
// schedule; §3: high unit losses raise the hazard of leaving (rerussia-2023-09-22). L03: ~560k permanent losses by 2025.
export const params = {
  killPerDay: p(
    0.00035,
    0,
    0.01,
    'per front soldier-day',
    'docs/model.md §5; L03 (~560k permanent losses by 2025)',
    'daily probability of being killed at the front at intensity 1',
  ),
  woundPerDay: p(
    0.0009,
    0,
    0.02,
    'per front soldier-day',
    'docs/model.md §5',
    'daily probability of being wounded at the front at intensity 1',
  ),
  intensity: p(
    1,
    0,
    5,
    'multiplier',
    'docs/model.md §8 offensive (casualties ×2 for 6 months)',
    'combat intensity multiplier on kill and wound probabilities',
  ),
  beta: p(
    15,
    0,
    200,
    'per casualty per soldier-day (recent)',
    'docs/model.md §3 β_casualty; rerussia-2023-09-22 (high losses)',
    'hazard log-coefficient on the unit recent casualty rate (per 100 soldiers per month)',
  ),
} satisfies ParamSpecs;

export type CasualtiesParams = Resolved<typeof params>;

/** Daily kill probability for a unit today; units resting after rotation take no losses. */
export function killProbability(p: CasualtiesParams, resting: boolean): number {
  return resting ? 0 : p.killPerDay * p.intensity;
}

/** Daily wound probability for a unit today. */
export function woundProbability(p: CasualtiesParams, resting: boolean): number {
  return resting ? 0 : p.woundPerDay * p.intensity;
}

/** η contribution of recent casualties; rate is casualties per 100 soldiers over the last month. */
export function casualtyTerm(ratePer100Month: number, p: CasualtiesParams): number {
  // Bounded at 20 per 100 per month: beyond that a unit has been destroyed, not demoralised.
  return (p.beta / 100) * Math.min(20, ratePer100Month);
}

export const mechanism = defineMechanism({
  name: 'casualties',
  summary: 'killed and wounded at the front by combat intensity; recent unit losses raise leaving',
  params,
  states: ['killed'],
  flows: ['killed', 'wounded'],
  hooks: (p) => ({ unitTerm: (v) => casualtyTerm(v.casualtyRate * PER_100_MONTH, p) }),
});
