import { p, type ParamSpecs } from '../params-spec.ts';

// docs/model.md §5: no rotation by default (mt-2023-12-05, rerussia-2023-09-22); a scenario can rotate units out after N months,
// which resets daysWithoutRotation and restores morale.
export const params = {
  intervalDays: p(0, 0, 1000, 'days (0 = never)', 'docs/model.md §5; mt-2023-12-05 (no rotation)', 'days at the front after which a unit is rotated out', true),
  restDays: p(30, 0, 180, 'days', 'docs/model.md §5', 'days a rotated unit spends out of combat'),
  moraleRestore: p(0.7, 0, 1, '0–1', 'docs/model.md §5 (restores morale)', 'morale of a unit after rotation'),
} satisfies ParamSpecs;

export function rotationDue(daysSinceRotation: number, P: Record<string, number>): boolean {
  const n = P['rotation.intervalDays'];
  return n > 0 && daysSinceRotation >= n;
}
