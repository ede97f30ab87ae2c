import { p, type ParamSpecs } from '../params-spec.ts';
import { Flag } from '../states.ts';

// docs/model.md §4: IN_TRANSIT is stopped at the border with a probability higher if wanted and with
// checkpoints; only the internal passport is needed for Kazakhstan/Armenia. ABROAD_TRANSIT has an
// extradition hazard (0 by default; rerussia-2023-09-22: one Kazakhstan precedent) and goes on to ABROAD_SAFE with a
// foreign passport or asylum (Germany had granted 55 by Sept 2023, S61).
export const params = {
  transitDays: p(3, 1, 30, 'days', 'docs/model.md §4 IN_TRANSIT', 'days on the road to the border', true),
  pStop: p(0.03, 0, 1, 'per transit-day', 'docs/model.md §4 (stopped at the border)', 'daily chance of being stopped on the way'),
  wantedMultiplier: p(3, 1, 20, 'multiplier', 'docs/model.md §4 (higher if wanted)', 'stop multiplier for a wanted man'),
  checkpoints: p(1, 0, 20, 'multiplier', 'docs/model.md §4 (checkpoints); §8 border-closed', 'stop multiplier for checkpoints'),
  pExtradite: p(0.00005, 0, 0.05, 'per day abroad', 'docs/model.md §4; rerussia-2023-09-22 (one Kazakhstan precedent)', 'daily extradition hazard in Kazakhstan/Armenia'),
  pOnward: p(0.004, 0, 0.2, 'per day abroad', 'docs/model.md §4 (onward needs a foreign passport)', 'daily chance of moving on to safety with a foreign passport'),
  asylumFactor: p(0.05, 0, 1, 'multiplier', 'docs/model.md §4; S61 (55 asylum grants in Germany); §8 eu-asylum', 'onward chance without a foreign passport, relative to with one'),
} satisfies ParamSpecs;

export function stopProbability(flags: number, P: Record<string, number>): number {
  return Math.min(1, P['border.pStop'] * P['border.checkpoints'] * ((flags & Flag.WANTED) ? P['border.wantedMultiplier'] : 1));
}

/** [extradition, onward] daily probabilities abroad. */
export function abroadProbabilities(flags: number, P: Record<string, number>): [number, number] {
  const onward = P['border.pOnward'] * ((flags & Flag.FOREIGN_PASSPORT) ? 1 : P['border.asylumFactor']);
  return [P['border.pExtradite'], onward];
}
