import { p, type ParamSpecs } from '../params-spec.ts';

// docs/model.md §3: h = base[state] · base[category] · exp(η). Leaving from the front is rare (mt-2023-12-05);
// leave, hospital and redeployment are the common paths (S41: 39% of US Vietnam deserters left on leave).
export const params = {
  front: p(0.0001, 0, 0.01, 'per soldier-day', 'docs/model.md §3 base[state]; mt-2023-12-05 (mines ahead, military police behind)', 'base daily hazard of leaving from the front line'),
  training: p(0.0004, 0, 0.05, 'per soldier-day', 'docs/model.md §3; S58 (up to 25% of marching companies never reached the front, 1915/16)', 'base daily hazard of leaving from the rear, training or march'),
  onLeave: p(0.004, 0, 0.2, 'per soldier-day', 'docs/model.md §3; S41 (39% of US deserters left while on leave)', 'base daily hazard of not returning from leave'),
  hospital: p(0.04, 0, 0.5, 'probability at discharge', 'docs/model.md §3; mt-2023-12-05 (most desert after being wounded and treated)', 'chance of leaving at discharge from hospital'),
  catPrewar: p(0.8, 0, 5, 'multiplier', 'docs/model.md §3 base[category]; I03 (10% of Idite Lesom deserters pre-war contract)', 'category factor: pre-war contract soldiers'),
  catWartime: p(1.0, 0, 5, 'multiplier', 'docs/model.md §3; I03 (half of those wanting to leave signed after the invasion)', 'category factor: wartime contract soldiers'),
  catMobilised: p(1.2, 0, 5, 'multiplier', 'docs/model.md §3; I03 (a third mobilised); M19', 'category factor: mobilised men'),
  catExPrisoner: p(1.5, 0, 5, 'multiplier', 'docs/model.md §3; S26 (~100 Storm Z escapees)', 'category factor: ex-prisoners (Storm Z / PMC)'),
  catOther: p(1.0, 0, 5, 'multiplier', 'docs/model.md §3', 'category factor: other (conscripts, volunteers)'),
} satisfies ParamSpecs;

export function categoryFactors(P: Record<string, number>): number[] {
  return [P['hazard.catPrewar'], P['hazard.catWartime'], P['hazard.catMobilised'], P['hazard.catExPrisoner'], P['hazard.catOther']];
}

/** Probability of at least one event in a day for a hazard h (exact, cheap for small h). */
export function hazardToProb(h: number): number {
  return h < 0.02 ? h * (1 - 0.5 * h + h * h / 6) : 1 - Math.exp(-h);
}
