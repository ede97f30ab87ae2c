import { p, type ParamSpecs } from '../params-spec.ts';

// model.md §5: front soldiers are killed or wounded with daily probabilities set by the intensity
// schedule; §3: high unit losses raise the hazard of leaving (004). L03: ~560k permanent losses by 2025.
export const params = {
  killPerDay: p(0.00035, 0, 0.01, 'per front soldier-day', 'model.md §5; L03 (~560k permanent losses by 2025)', 'daily probability of being killed at the front at intensity 1'),
  woundPerDay: p(0.0009, 0, 0.02, 'per front soldier-day', 'model.md §5', 'daily probability of being wounded at the front at intensity 1'),
  intensity: p(1, 0, 5, 'multiplier', 'model.md §8 offensive (casualties ×2 for 6 months)', 'combat intensity multiplier on kill and wound probabilities'),
  beta: p(15, 0, 200, 'per casualty per soldier-day (recent)', 'model.md §3 β_casualty; 004 (high losses)', 'hazard log-coefficient on the unit recent casualty rate (per 100 soldiers per month)'),
} satisfies ParamSpecs;

/** Kill and wound probabilities for a unit today; units resting after rotation take no losses. */
export function lossProbabilities(P: Record<string, number>, resting: boolean): [number, number] {
  if (resting) return [0, 0];
  const i = P['casualties.intensity'];
  return [P['casualties.killPerDay'] * i, P['casualties.woundPerDay'] * i];
}

/** η contribution of recent casualties; rate is casualties per 100 soldiers over the last month. */
export function casualtyTerm(ratePer100Month: number, P: Record<string, number>): number {
  return (P['casualties.beta'] / 100) * ratePer100Month;
}
